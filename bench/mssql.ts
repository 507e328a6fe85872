/**
 * `npm run bench:mssql`: the bench's request mix against a real SQL Server, with the signaal
 * engine running beside it, for whoever first has a server (docs/operations.md "SQL Server": what
 * to expect). Needs CVS_MSSQL_URL with a login that may create a database; makes one
 * (`cvs_bench_<time>`), migrates it, loads the sandbox dataset, the bench's pools and
 * `--persons` more, starts the built gateway on it with two workers and the engine every 10 s,
 * sends the mix for `--duration` seconds with the overview at a fixed rate beside it, and prints
 * each figure beside what is expected of it. The database is dropped at the end (`--keep`: not).
 */
import { writeFileSync, mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import mssql from 'mssql';
import { vergroot, type DatasetJson } from '../src/dataset/genereer.js';
import { laadDatasetBestand } from '../src/dataset/laden.js';
import { todayInNetherlands } from '../src/domain/datum.js';
import { mssqlConfig } from '../src/store/mssql/config.js';
import { openMssqlStore } from '../src/store/mssql/mssql-store.js';
import { openLoopApart } from './lib/http.js';
import { load, type LoadResult } from './lib/load.js';
import { freePort, killAllNow, sleep, startTarget, stopAll, stopTarget } from './lib/processes.js';
import { fixtureRequest, freshBodies, writeBenchDataset } from './lib/requests.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENDPOINT_PATH = '/cvs-koppeling/wi2021_v1';
const ENGINE_INTERVAL_S = 10;

const { values: flags } = parseArgs({
  options: {
    persons: { type: 'string', default: '100000' },
    pool: { type: 'string', default: '2000' },
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '32' },
    rate: { type: 'string', default: '200' },
    workers: { type: 'string', default: '2' },
    rcsi: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});
const HELP = `CVS_MSSQL_URL='Server=…;Database=master;User Id=…;Password=…' npm run bench:mssql [-- options]

  --persons N      persons more than the sandbox's and the pools' (default 100000)
  --pool N         persons of each pool of the mix (default 2000)
  --duration S     seconds of the mix (default 60)
  --connections N  autocannon connections, spread over the mix (default 32)
  --rate R         the overview's fixed rate beside the mix, req/s (default 200)
  --workers N      CVS_WORKERS of the gateway (default 2)
  --rcsi           READ_COMMITTED_SNAPSHOT ON for the database (docs/operations.md)
  --keep           keep the database
  --no-build       use dist/ as it is
`;
if (flags.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const getal = (naam: keyof typeof flags): number => {
  const n = Number(flags[naam]);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${naam} must be a whole number`);
  return n;
};
const url = process.env.CVS_MSSQL_URL?.trim();
if (!url) {
  process.stderr.write(`npm run bench:mssql needs a SQL Server: set CVS_MSSQL_URL (a login that may create a database)\n\n${HELP}`);
  process.exit(2);
}

/** CVS_MSSQL_URL with its database replaced by `database`: a connection string or an mssql:// URL. */
function metDatabase(verbinding: string, database: string): string {
  if (/^mssql:\/\//i.test(verbinding)) {
    const u = new URL(verbinding);
    u.pathname = `/${database}`;
    return u.toString();
  }
  const delen = verbinding.split(';').filter((d) => d.trim() !== '' && !/^\s*(database|initial catalog)\s*=/i.test(d));
  return [...delen, `Database=${database}`].join(';');
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const tmp = mkdtempSync(join(tmpdir(), 'cvs-bench-mssql-'));
const naam = `cvs_bench_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
const beheer = await new mssql.ConnectionPool(mssqlConfig({ CVS_MSSQL_URL: url, CVS_MSSQL_TRUST_SERVER_CERTIFICATE: process.env.CVS_MSSQL_TRUST_SERVER_CERTIFICATE })!.verbinding).connect();
process.on('exit', () => {
  killAllNow();
  rmSync(tmp, { recursive: true, force: true });
});

try {
  await beheer.request().input('naam', mssql.NVarChar(128), naam).query("DECLARE @sql nvarchar(max) = N'CREATE DATABASE ' + QUOTENAME(@naam); EXEC (@sql);");
  if (flags.rcsi) {
    await beheer.request().input('naam', mssql.NVarChar(128), naam).query("DECLARE @sql nvarchar(max) = N'ALTER DATABASE ' + QUOTENAME(@naam) + N' SET READ_COMMITTED_SNAPSHOT ON WITH ROLLBACK IMMEDIATE'; EXEC (@sql);");
  }
  const env = { CVS_MSSQL_URL: metDatabase(url, naam), ...(process.env.CVS_MSSQL_TRUST_SERVER_CERTIFICATE ? { CVS_MSSQL_TRUST_SERVER_CERTIFICATE: process.env.CVS_MSSQL_TRUST_SERVER_CERTIFICATE } : {}) };
  say(`database ${naam}${flags.rcsi ? ' (READ_COMMITTED_SNAPSHOT ON)' : ''}`);

  // The data: the sandbox dataset, the bench's pools, and --persons copies of the fixture persons.
  const today = todayInNetherlands();
  const bestand = join(tmp, 'dataset.json');
  const pools = writeBenchDataset(ROOT, bestand, getal('pool'));
  writeFileSync(bestand, JSON.stringify(vergroot(JSON.parse(readFileSync(bestand, 'utf8')) as DatasetJson, getal('persons'))));
  let t = performance.now();
  const store = await openMssqlStore({ ...mssqlConfig(env)!, migreer: true });
  const dataset = laadDatasetBestand(bestand, today);
  await store.importeer(dataset);
  await store.close();
  const laadS = (performance.now() - t) / 1000;
  say(`loaded ${dataset.dossiers.length.toLocaleString('en-US')} persons in ${laadS.toFixed(0)} s`);

  if (!flags['no-build']) {
    const b = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
    if (b.status !== 0) throw new Error('npm run build failed');
  }
  const port = await freePort();
  const schoon = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CVS_')));
  const gw = await startTarget({
    name: 'gateway-mssql', port, cwd: ROOT, readyTimeoutMs: 120_000, args: [join(ROOT, 'dist', 'main.js')],
    env: { ...schoon, ...env, CVS_PORT: String(port), CVS_WORKERS: String(getal('workers')), CVS_SIGNAAL_INTERVAL_MS: String(ENGINE_INTERVAL_S * 1000), CVS_LOG_LEVEL: 'info', CVS_LOG_FORMAT: 'json', CVS_METRICS: '0' },
    keepStdout: (l) => l.includes('"msg":"signaal engine"') || l.includes('"fault":"0051"') || l.includes('"msg":"store unavailable"'),
  });
  const endpoint = `http://127.0.0.1:${port}${ENDPOINT_PATH}`;
  const verzoek = (id: string, bsns: readonly string[]) => {
    const r = fixtureRequest(ROOT, id, today, endpoint);
    return { url: endpoint, headers: r.headers, body: freshBodies(r.body, bsns), expectStatus: 200 };
  };
  const per = Math.max(1, Math.floor(getal('connections') / 4));
  const duur = getal('duration');
  const signalen = fixtureRequest(ROOT, 'OpvragenSignalen/50-alle-signalen-eerste-pagina', today, endpoint);
  say(`the mix for ${duur} s (${per} connections each), the overview at ${getal('rate')} req/s beside it, the engine every ${ENGINE_INTERVAL_S} s`);
  const voor = gw.stdout.length;
  t = performance.now();
  const [overzicht, uren, geweigerd, lijst, vast] = await Promise.all([
    load(verzoek('OpvragenPersoon/01-volledig-overzicht', pools.overzicht), { connections: per, durationS: duur }),
    load(verzoek('DoorgevenUren/50-participatie-uren', pools.mutatie), { connections: per, durationS: duur }),
    load(verzoek('WijzigenPip/07-fs640-niets-gewijzigd', pools.geweigerd), { connections: per, durationS: duur }),
    load({ url: endpoint, headers: signalen.headers, body: freshBodies(signalen.body), expectStatus: 200 }, { connections: per, durationS: duur }),
    openLoopApart({ url: endpoint, ...fixtureRequest(ROOT, 'OpvragenPersoon/01-volledig-overzicht', today, endpoint), bsns: pools.overzicht, expectStatus: 200, rate: getal('rate'), durationS: duur, connections: per }),
  ]);
  await sleep(2000);
  const regels = gw.stdout.slice(voor).map((l) => JSON.parse(l) as { msg: string; ms?: number; gelezen?: number; fault?: string });
  const runs = regels.filter((r) => r.msg === 'signaal engine');
  const onbeschikbaar = regels.filter((r) => r.fault === '0051' || r.msg === 'store unavailable').length;
  await stopTarget(gw);

  const rij = (wat: string, r: LoadResult) => say(`  ${wat.padEnd(34)} ${r.reqPerSec.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(7)} ms  unexpected ${r.unexpected + r.errors + r.timeouts}`);
  say(`\nSQL Server, ${dataset.dossiers.length.toLocaleString('en-US')} persons, CVS_WORKERS=${getal('workers')}, ${((performance.now() - t) / 1000).toFixed(0)} s:`);
  rij('OpvragenPersoon, full overview', overzicht);
  rij('DoorgevenUren, processed', uren);
  rij('WijzigenPip, refused FS 640', geweigerd);
  rij('OpvragenSignalen', lijst);
  say(`  overview at ${getal('rate')} req/s beside it:      achieved ${vast.achievedRate.toFixed(0)} req/s, p50 ${vast.p50.toFixed(1)} ms, p99 ${vast.p99.toFixed(1)} ms, max ${vast.max.toFixed(1)} ms, unexpected ${vast.unexpected + vast.errors}`);
  say(`  signaal engine runs: ${runs.map((r) => `${r.ms} ms (${r.gelezen} read)`).join(', ') || 'none ended'}`);
  say(`  0051 (store unavailable) in the log: ${onbeschikbaar}`);

  // What docs/operations.md "SQL Server" expects, each beside what was measured.
  const langste = Math.max(0, ...runs.map((r) => r.ms ?? 0));
  const verwacht: Array<[string, boolean]> = [
    ['no answer but the expected one, no 0051', [overzicht, uren, geweigerd, lijst].every((r) => r.unexpected + r.errors + r.timeouts === 0) && vast.unexpected + vast.errors === 0 && onbeschikbaar === 0],
    ['a run of the engine ended during the mix, each under 10 s', runs.length > 0 && langste < 10_000],
    ['the overview at the fixed rate: p99 under 20 ms', vast.p99 < 20],
    ['the full overview at least 1,000 req/s', overzicht.reqPerSec >= 1000],
  ];
  say('\nexpected:');
  for (const [wat, goed] of verwacht) say(`  ${goed ? 'met    ' : 'NOT MET'}  ${wat}`);
  process.exitCode = verwacht.every(([, goed]) => goed) ? 0 : 1;
} finally {
  await stopAll();
  if (!flags.keep) {
    await beheer.request().input('naam', mssql.NVarChar(128), naam)
      .query("IF DB_ID(@naam) IS NOT NULL BEGIN DECLARE @sql nvarchar(max) = N'ALTER DATABASE ' + QUOTENAME(@naam) + N' SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE ' + QUOTENAME(@naam); EXEC (@sql); END")
      .catch((err: unknown) => say(`could not drop ${naam}: ${(err as Error).message}`));
  }
  await beheer.close();
}
