/**
 * `npm run bench`: the gateway beside node-soap and bare Koa, in one run (issue 12).
 *
 * Builds the gateway (`npm run build`), starts every target in its own process group, drives them
 * with autocannon in interleaved rounds, and writes bench/results/latest.json and latest.svg.
 * `npm run bench -- --help` lists the settings. See docs/development.md "Bench".
 */
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { vergroot, type DatasetJson } from '../src/dataset/genereer.js';
import { addDays, todayInNetherlands } from '../src/domain/datum.js';
import { get, openLoopApart, post } from './lib/http.js';
import { load, type LoadResult, type LoadSpec } from './lib/load.js';
import { childrenOf, freePort, killAllNow, restartTarget, sleep, startTarget, stopAll, stopTarget, treeRss, type Target } from './lib/processes.js';
import { topSelfTime } from './lib/profile.js';
import { formatSvg, formatText, median, type BenchResult, type FixedRateResult, type RssResult, type ScenarioResult } from './lib/report.js';
import { elementCount, fixtureRequest, freshBodies, insertAfter, setElement, worstCaseRequest, writeBenchDataset } from './lib/requests.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The signaal engine's row: its interval on the gateway, and the overview's rate and duration beside it. */
const ENGINE_INTERVAL_S = 10;
const ENGINE_RATE = 200;
const ENGINE_LOAD_S = 30;
const ENDPOINT_PATH = '/cvs-koppeling/wi2021_v1';
/** The person of the full overview (fixtures/OpvragenPersoon/01-volledig-overzicht). */
const RICH_BSN = '999901333';
const MB = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Settings: flags, else BENCH_* environment variables, else the defaults (--quick: a short run).

const HELP = `npm run bench [-- options]

  --quick               1 round × 3 s, warm-up 1 s, fixed rate 3 s, RSS over 10,000 requests
  --rounds N            interleaved rounds (BENCH_ROUNDS, default 5)
  --duration S          seconds per run in a round (BENCH_DURATION, default 10)
  --warmup S            warm-up seconds per run before the rounds (BENCH_WARMUP, default 2)
  --connections N       autocannon connections (BENCH_CONNECTIONS, default 32)
  --rates A,B           fixed rates for the overview in req/s (BENCH_RATES, default 500,1000)
  --fixed-duration S    seconds per fixed-rate run (BENCH_FIXED_DURATION, default 10)
  --rss-requests N      overview requests of the RSS run (BENCH_RSS_REQUESTS, default 100000; 0: skip)
  --pool N              persons of each pool: overview, processed and refused mutation (BENCH_POOL, default 2000)
  --engine-persons N    persons more in the store of the signaal engine's run (BENCH_ENGINE_PERSONS, default 100000; 0: skip)
  --profile             also run a gateway under --cpu-prof and list the top 15 functions by self time
  --no-build            use dist/ as it is (BENCH_NO_BUILD=1)
  --out DIR             where latest.json and latest.svg go (default bench/results)
`;

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string' },
    rates: { type: 'string' },
    'fixed-duration': { type: 'string' },
    'rss-requests': { type: 'string' },
    pool: { type: 'string' },
    'engine-persons': { type: 'string' },
    profile: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    out: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});
if (flags.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

function setting(flag: string | undefined, env: string, normal: number, quick: number, min = 1): number {
  const raw = flag ?? process.env[env];
  if (raw === undefined || raw === '') return flags.quick ? quick : normal;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${env.replace('BENCH_', '--').toLowerCase().replace('_', '-')} must be a number of at least ${min}`);
  return value;
}

const settings = {
  quick: flags.quick,
  rounds: setting(flags.rounds, 'BENCH_ROUNDS', 5, 1),
  durationS: setting(flags.duration, 'BENCH_DURATION', 10, 3),
  warmupS: setting(flags.warmup, 'BENCH_WARMUP', 2, 1, 0),
  connections: setting(flags.connections, 'BENCH_CONNECTIONS', 32, 32),
  rates: (flags.rates ?? process.env.BENCH_RATES ?? '500,1000').split(',').map(Number).filter((n) => n > 0),
  fixedDurationS: setting(flags['fixed-duration'], 'BENCH_FIXED_DURATION', 10, 3),
  rssRequests: setting(flags['rss-requests'], 'BENCH_RSS_REQUESTS', 100_000, 10_000, 0),
  pool: setting(flags.pool, 'BENCH_POOL', 2000, 2000),
  enginePersons: setting(flags['engine-persons'], 'BENCH_ENGINE_PERSONS', 100_000, 10_000, 0),
  profile: flags.profile || process.env.BENCH_PROFILE === '1',
  build: !(flags['no-build'] || process.env.BENCH_NO_BUILD === '1'),
  out: flags.out ?? join(ROOT, 'bench', 'results'),
  workers: 2,
};

const say = (line: string) => process.stdout.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------
// Clean-up: every child process group is ended, the temp dir removed, on every way out.

let tmp: string | undefined;
function removeTmp(): void {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  tmp = undefined;
}
let stopping = false;
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await stopAll();
    removeTmp();
  }
  process.exit(code);
}
process.on('SIGINT', () => {
  say('\ninterrupted: stopping the targets');
  void shutdown(130);
});
process.on('SIGTERM', () => void shutdown(143));
process.on('exit', () => {
  killAllNow();
  removeTmp();
});

// ---------------------------------------------------------------------------------------------

interface Run {
  readonly key: string;
  readonly target: Target;
  readonly targetLabel: string;
  readonly scenario: string;
  readonly kind: ScenarioResult['kind'];
  readonly spec: LoadSpec;
  readonly answerBytes: number;
  readonly soapBaseline?: string;
  /** Checks one answer: undefined when it is right, else what is wrong (no personal data). */
  readonly check: (status: number, body: string) => string | undefined;
}

/** The bench's environment without the gateway's settings and without NODE_OPTIONS (no loader). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('CVS_') && k !== 'NODE_OPTIONS') env[k] = v;
  return env;
}

function gatewayEnv(name: string, port: number, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...cleanEnv(),
    CVS_PORT: String(port),
    CVS_DATABASE: join(tmp!, `${name}.db`),
    CVS_DATASET: join(tmp!, 'dataset.json'),
    CVS_LOG_LEVEL: 'silent',
    // The bench is one OIN at full speed: the limits per OIN (on by default) would measure themselves.
    CVS_OIN_RATE: '0',
    CVS_OIN_CONCURRENT: '0',
    ...extra,
  };
}

async function startGateway(name: string, extra: Record<string, string> = {}, nodeFlags: string[] = []): Promise<Target> {
  const port = await freePort();
  return startTarget({ name, port, cwd: ROOT, env: gatewayEnv(name, port, extra), args: [...nodeFlags, join(ROOT, 'dist', 'main.js')] });
}

const endpointOf = (t: Target) => `http://127.0.0.1:${t.port}${ENDPOINT_PATH}`;

function expectAnswer(status: number, ...parts: string[]) {
  return (got: number, body: string): string | undefined => {
    if (got !== status) return `HTTP ${got} instead of ${status}`;
    const missing = parts.filter((p) => !body.includes(p));
    return missing.length ? `the answer lacks ${missing.join(', ')}` : undefined;
  };
}

async function sample(run: Run): Promise<{ problem?: string; bytes: number }> {
  const body = typeof run.spec.body === 'string' ? run.spec.body : run.spec.body();
  const reply = await post(run.spec.url, run.spec.headers, body);
  const problem = run.check(reply.status, reply.body);
  return { ...(problem ? { problem } : {}), bytes: Buffer.byteLength(reply.body) };
}

/**
 * Checks that every target still runs. One that stopped cleanly (exit code 0: a SIGTERM or SIGINT
 * from outside the bench, since nothing in the bench stops a target before the end) is started
 * again on its port with its database, with a warning, at most twice; one that crashed stops the
 * bench with its last stderr lines. Returns the targets that were restarted.
 */
async function revive(targets: Target[], warnings: string[], during: string, warm?: (t: Target) => Promise<void>): Promise<Set<Target>> {
  const restarted = new Set<Target>();
  for (const t of targets) {
    if (!t.exit) continue;
    if (t.exit !== 'exited with 0' || t.restarts >= 2) throw new Error(`${t.name} ${t.exit} during ${during}:\n  ${t.stderr.join('\n  ')}`);
    warnings.push(`${t.name} stopped cleanly (exit code 0, a signal from outside the bench) during ${during}; started again on its port and database`);
    say(`! ${t.name} stopped during ${during}: starting it again`);
    await restartTarget(t);
    await warm?.(t);
    restarted.add(t);
  }
  return restarted;
}

function gitCommit(): string {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  if (head.status !== 0) return 'unknown';
  // Only what goes into the build or the gateway's run counts: an edited README does not.
  const paths = ['src', 'native', 'xsd', 'wsdl', 'fixtures', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];
  const dirty = spawnSync('git', ['status', '--porcelain', '--', ...paths], { cwd: ROOT, encoding: 'utf8' });
  return `${head.stdout.trim()}${dirty.stdout.trim() ? '+dirty' : ''}`;
}

async function metricsHeapMB(t: Target): Promise<number | undefined> {
  try {
    const r = await get(`http://127.0.0.1:${t.port}/metrics`);
    const m = /^nodejs_heap_size_used_bytes(?:\{[^}]*\})? ([0-9.e+]+)/m.exec(r.body);
    return r.status === 200 && m ? Number(m[1]) / MB : undefined;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const began = Date.now();
  const warnings: string[] = [];
  say(`bench settings: ${settings.rounds} rounds × ${settings.durationS} s, warm-up ${settings.warmupS} s, ${settings.connections} connections, ` +
    `fixed rates ${settings.rates.join('/')} req/s × ${settings.fixedDurationS} s, RSS over ${settings.rssRequests.toLocaleString('en-US')} requests${settings.profile ? ', CPU profile' : ''}`);

  // The commit the figures belong to is the one that is built: read it now, not at the end.
  const commit = gitCommit();
  if (settings.build) {
    say(`building the gateway (commit ${commit}): npm run build`);
    const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  if (!existsSync(join(ROOT, 'dist', 'main.js'))) throw new Error('dist/main.js is missing: run without --no-build');

  tmp = mkdtempSync(join(tmpdir(), 'cvs-bench-'));
  const pools = writeBenchDataset(ROOT, join(tmp, 'dataset.json'), settings.pool);
  // The real clock, as in production (CVS_TODAY would put the gateway on its fixed clock and skip
  // the date computation it does per request); the bench dates its requests the same way.
  const today = todayInNetherlands();

  // --- the gateways, one process and one database file each, started one after the other
  say('starting the gateways');
  const gw = await startGateway('gateway');
  const idleRss = new Map<string, number>([[gw.name, treeRss(gw.pid)]]);
  // The reference of the variants: default settings like the gateway above, but driven with the
  // overview only, as the variants are, so that a variant and its reference have the same history
  // (the gateway above also takes the mutations, whose rows and WAL traffic it then carries).
  const gwReference = await startGateway('gateway-reference');
  idleRss.set(gwReference.name, treeRss(gwReference.pid));
  const gwMetricsOff = await startGateway('gateway-metrics-off', { CVS_METRICS: '0' });
  idleRss.set(gwMetricsOff.name, treeRss(gwMetricsOff.pid));
  const gwWorkers = await startGateway(`gateway-workers-${settings.workers}`, { CVS_WORKERS: String(settings.workers) });
  await sleep(500); // a cluster's workers come up after the primary answers
  idleRss.set(gwWorkers.name, treeRss(gwWorkers.pid));
  const gwLarge = await startGateway('gateway-large-dossier');
  idleRss.set(gwLarge.name, treeRss(gwLarge.pid));
  // Every read from the tables, as if each were the first after a change of its person: a trigger
  // in this gateway's own file takes away each dossier the moment it is kept (the keeping is still
  // done: read again, written, deleted).
  const gwNothingKept = await startGateway('gateway-nothing-kept');
  idleRss.set(gwNothingKept.name, treeRss(gwNothingKept.pid));
  const nothingKept = new Database(join(tmp, 'gateway-nothing-kept.db'));
  nothingKept.exec(`CREATE TRIGGER bench_nothing_kept AFTER INSERT ON dossier_lezing BEGIN DELETE FROM dossier_lezing WHERE bsn = NEW.bsn; END;
    DELETE FROM dossier_lezing;`);
  nothingKept.close();
  const gateways = [gw, gwReference, gwMetricsOff, gwWorkers, gwLarge, gwNothingKept];

  // --- the gateway's answers whose sizes the baselines copy
  const overviewReq = (t: Target) => fixtureRequest(ROOT, 'OpvragenPersoon/01-volledig-overzicht', today, endpointOf(t));
  const overview = await post(endpointOf(gw), overviewReq(gw).headers, overviewReq(gw).body);
  if (overview.status !== 200 || !overview.body.includes('<Verwerkt>true</Verwerkt>')) throw new Error(`the overview answered HTTP ${overview.status}, not a processed answer`);
  const fs603Req = (t: Target) => fixtureRequest(ROOT, 'OpvragenPersoon/08-fs603-elfproef', today, endpointOf(t));
  const fs603 = await post(endpointOf(gw), fs603Req(gw).headers, fs603Req(gw).body);
  if (!fs603.body.includes('<Nummer>603</Nummer>')) throw new Error('the FS 603 fixture did not answer FS 603');
  const overviewBytes = Buffer.byteLength(overview.body);
  const shortBytes = Buffer.byteLength(fs603.body);
  writeFileSync(join(tmp, 'koa-reply.xml'), overview.body);

  // --- the baselines
  say('starting bare Koa and node-soap');
  const koaPort = await freePort();
  const koa = await startTarget({ name: 'koa', port: koaPort, cwd: ROOT, env: cleanEnv(), args: [join(ROOT, 'bench', 'targets', 'koa.mjs'), String(koaPort), join(tmp, 'koa-reply.xml')] });
  const soapPort = await freePort();
  const soapArgs = [soapPort, overviewBytes, elementCount(overview.body), shortBytes, elementCount(fs603.body)].map(String);
  const soap = await startTarget({ name: 'node-soap', port: soapPort, cwd: ROOT, env: cleanEnv(), args: [join(ROOT, 'bench', 'targets', 'soap.mjs'), ...soapArgs] });
  idleRss.set(koa.name, treeRss(koa.pid));
  idleRss.set(soap.name, treeRss(soap.pid));
  const all = [...gateways, koa, soap];

  // node-soap's requests: the gateway's own, in the bench namespace, padded to the same size.
  const soapRequest = (operation: 'Overzicht' | 'Kort', from: string): LoadSpec => {
    let body = from
      .replace('http://www.duo.nl/cvs-koppeling/wi2021_v1"', 'urn:cvs-koppeling:bench"')
      .replace(/ib:OpvragenPersoon>/g, `ib:${operation}>`)
      .replace(/<wsa:Action>[^<]*</, `<wsa:Action>urn:cvs-koppeling:bench/${operation}<`)
      .replace(/<wsa:To>[^<]*</, `<wsa:To>http://127.0.0.1:${soapPort}/bench<`);
    const pad = Buffer.byteLength(from) - Buffer.byteLength(body);
    if (pad > 0) body = body.replace('</soap:Body>', `${' '.repeat(pad)}</soap:Body>`);
    return { url: `http://127.0.0.1:${soapPort}/bench`, headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"urn:cvs-koppeling:bench/${operation}"` }, body, expectStatus: 200 };
  };
  const soapSizes = JSON.parse((await get(`http://127.0.0.1:${soapPort}/ready`)).body) as { overzicht: number; kort: number };

  // --- the large dossier: 50 accepted WijzigenPip and 200 accepted DoorgevenUren for the rich
  // person, through the gateway's own write path. Each repeats the person's current values (the
  // PIP's intensiteit alternates 701/700 so that each version is a change), so that the answer of
  // the overview stays the same and only the dossier grows.
  say('growing the large dossier: 50 WijzigenPip and 200 DoorgevenUren');
  const grow = async (body: string, headers: Record<string, string>, what: string) => {
    const reply = await post(endpointOf(gwLarge), headers, freshBodies(body)());
    if (reply.status !== 200 || !reply.body.includes('<Verwerkt>true</Verwerkt>')) {
      const meldingen = [...reply.body.matchAll(/<Soort>(\w+)<\/Soort>\s*<Nummer>(\d+)<\/Nummer>/g)].map((m) => `${m[1]} ${m[2]}`);
      throw new Error(`${what} was not processed (HTTP ${reply.status}${meldingen.length ? `, ${meldingen.join(', ')}` : ''})`);
    }
  };
  const pipTemplate = fixtureRequest(ROOT, 'WijzigenPip/07-fs640-niets-gewijzigd', today, endpointOf(gwLarge));
  let pip = setElement(pipTemplate.body, 'Bsn', RICH_BSN);
  pip = setElement(pip, 'DatumDagtekeningPip', addDays(today, -400));
  pip = setElement(pip, 'Alfabetisering', 'AA');
  pip = insertAfter(pip, 'GeschatteUrenIntensiteit', 'ToestemmingNietVrijstellendeOpleiding', 'J');
  pip = insertAfter(pip, 'ToestemmingNietVrijstellendeOpleiding', 'ContactVolgnummer', '1');
  const PIP_VERSIES = 50;
  for (let i = 0; i < PIP_VERSIES; i++) await grow(setElement(pip, 'GeschatteUrenIntensiteit', i % 2 === 0 ? '701' : '700'), pipTemplate.headers, 'a WijzigenPip of the large dossier');
  const urenZonder = fixtureRequest(ROOT, 'DoorgevenUren/50-participatie-uren', today, endpointOf(gwLarge));
  const urenMet = fixtureRequest(ROOT, 'DoorgevenUren/51-taalles-bij-instelling-met-aanbod', today, endpointOf(gwLarge));
  // The person's current registrations (fixtures/dataset.json): type, instelling, days ago, uren.
  const huidig: Array<[string, string | undefined, number, number]> = [
    ['2', undefined, 30, 45],
    ['4', undefined, 300, 12],
    ['6', 'BOW0001', 100, 250],
    ['6', 'BOW0002', 30, 40],
    ['8', 'BOW0001', 100, 10],
    ['9', 'BOW0001', 100, 6],
  ];
  const UREN_RIJEN = 200;
  for (let i = 0; i < UREN_RIJEN; i++) {
    const [type, instelling, dagen, uren] = huidig[i % huidig.length]!;
    let body = setElement((instelling ? urenMet : urenZonder).body, 'Bsn', RICH_BSN);
    body = setElement(body, 'TypeUren', type);
    if (instelling) body = setElement(body, 'Cursusinstelling', instelling);
    body = setElement(body, 'DatumTot', addDays(today, -dagen));
    body = setElement(body, 'UrenDeelname', String(uren));
    await grow(body, urenZonder.headers, 'a DoorgevenUren of the large dossier');
  }

  // --- the runs of a round
  // The overview reads spread over a pool of copies of the rich person; the one-person row keeps
  // the earlier measurement (one hot dossier), beside which the large dossier is measured.
  const overviewSpec = (t: Target): LoadSpec => ({ url: endpointOf(t), headers: overviewReq(t).headers, body: freshBodies(overviewReq(t).body, pools.overzicht), expectStatus: 200 });
  const onePersonSpec = (t: Target): LoadSpec => ({ url: endpointOf(t), headers: overviewReq(t).headers, body: overviewReq(t).body, expectStatus: 200 });
  const overviewCheck = expectAnswer(200, '<Verwerkt>true</Verwerkt>', '<Meldingen/>', '<Personalia>', '<TotaalUren>', '<Examens>');
  const processedReq = fixtureRequest(ROOT, 'DoorgevenUren/50-participatie-uren', today, endpointOf(gw));
  const refusedReq = fixtureRequest(ROOT, 'WijzigenPip/07-fs640-niets-gewijzigd', today, endpointOf(gw));
  const faultReq = fixtureRequest(ROOT, 'faults/0004-onbekend-element', today, endpointOf(gw));
  const runs: Run[] = [
    {
      key: 'koa/fixed', target: koa, targetLabel: 'bare Koa', scenario: 'fixed reply, overview size', kind: 'baseline',
      spec: { url: `http://127.0.0.1:${koaPort}/`, headers: overviewReq(gw).headers, body: overviewReq(gw).body, expectStatus: 200 },
      answerBytes: overviewBytes,
      check: (s, b) => (s !== 200 ? `HTTP ${s}` : Buffer.byteLength(b) !== overviewBytes ? `${Buffer.byteLength(b)} bytes instead of ${overviewBytes}` : undefined),
    },
    {
      key: 'soap/overview-size', target: soap, targetLabel: 'node-soap', scenario: 'no-op, overview size', kind: 'baseline',
      spec: soapRequest('Overzicht', overviewReq(gw).body), answerBytes: soapSizes.overzicht, check: expectAnswer(200, 'OverzichtResponse'),
    },
    {
      key: 'soap/short-size', target: soap, targetLabel: 'node-soap', scenario: 'no-op, FS-answer size', kind: 'baseline',
      spec: soapRequest('Kort', fs603Req(gw).body), answerBytes: soapSizes.kort, check: expectAnswer(200, 'KortResponse'),
    },
    {
      key: 'gateway/overview', target: gw, targetLabel: 'gateway', scenario: `OpvragenPersoon, full overview (pool of ${pools.overzicht.length})`, kind: 'gateway',
      spec: overviewSpec(gw), answerBytes: overviewBytes, soapBaseline: 'soap/overview-size', check: overviewCheck,
    },
    {
      key: 'gateway/overview-one-person', target: gw, targetLabel: 'gateway', scenario: 'OpvragenPersoon, full overview, one person', kind: 'gateway',
      spec: onePersonSpec(gw), answerBytes: overviewBytes, soapBaseline: 'soap/overview-size', check: overviewCheck,
    },
    {
      key: 'gateway/fs603', target: gw, targetLabel: 'gateway', scenario: 'OpvragenPersoon, FS 603', kind: 'gateway',
      spec: { url: endpointOf(gw), headers: fs603Req(gw).headers, body: fs603Req(gw).body, expectStatus: 200 },
      answerBytes: shortBytes, soapBaseline: 'soap/short-size', check: expectAnswer(200, '<Verwerkt>false</Verwerkt>', '<Nummer>603</Nummer>'),
    },
    {
      key: 'gateway/mutation-processed', target: gw, targetLabel: 'gateway', scenario: `DoorgevenUren, processed (pool of ${pools.mutatie.length})`, kind: 'gateway',
      spec: { url: endpointOf(gw), headers: processedReq.headers, body: freshBodies(processedReq.body, pools.mutatie), expectStatus: 200 },
      answerBytes: 0, soapBaseline: 'soap/short-size', check: expectAnswer(200, '<Verwerkt>true</Verwerkt>', '<Meldingen/>', '<DeelgenomenUren>'),
    },
    {
      key: 'gateway/mutation-refused', target: gw, targetLabel: 'gateway', scenario: `WijzigenPip, refused FS 640 (pool of ${pools.geweigerd.length})`, kind: 'gateway',
      spec: { url: endpointOf(gw), headers: refusedReq.headers, body: freshBodies(refusedReq.body, pools.geweigerd), expectStatus: 200 },
      answerBytes: 0, soapBaseline: 'soap/short-size', check: expectAnswer(200, '<Verwerkt>false</Verwerkt>', '<Nummer>640</Nummer>'),
    },
    {
      key: 'gateway/fault-0004', target: gw, targetLabel: 'gateway', scenario: 'fault 0004, XSD-invalid body', kind: 'gateway',
      spec: { url: endpointOf(gw), headers: faultReq.headers, body: faultReq.body, expectStatus: 500 },
      answerBytes: 0, soapBaseline: 'soap/short-size', check: expectAnswer(500, '<soap:Fault>', '<Foutcode>0004</Foutcode>'),
    },
    {
      key: 'reference/overview', target: gwReference, targetLabel: 'gateway, overview only', scenario: 'full overview, reference', kind: 'variant',
      spec: overviewSpec(gwReference), answerBytes: overviewBytes, soapBaseline: 'soap/overview-size', check: overviewCheck,
    },
    {
      key: 'metrics-off/overview', target: gwMetricsOff, targetLabel: 'gateway CVS_METRICS=0', scenario: 'full overview', kind: 'variant',
      spec: overviewSpec(gwMetricsOff), answerBytes: overviewBytes, soapBaseline: 'soap/overview-size', check: overviewCheck,
    },
    {
      key: 'workers/overview', target: gwWorkers, targetLabel: `gateway CVS_WORKERS=${settings.workers}`, scenario: 'full overview', kind: 'variant',
      spec: overviewSpec(gwWorkers), answerBytes: overviewBytes, soapBaseline: 'soap/overview-size', check: overviewCheck,
    },
    {
      key: 'nothing-kept/overview', target: gwNothingKept, targetLabel: 'gateway, nothing kept', scenario: 'full overview, every read from the tables', kind: 'variant',
      spec: overviewSpec(gwNothingKept), answerBytes: overviewBytes, soapBaseline: 'soap/overview-size', check: overviewCheck,
    },
    {
      key: 'large-dossier/overview', target: gwLarge, targetLabel: 'gateway, large dossier', scenario: `full overview, +${UREN_RIJEN} uren, +${PIP_VERSIES} PIP`, kind: 'variant',
      spec: onePersonSpec(gwLarge), answerBytes: 0, soapBaseline: 'soap/overview-size', check: overviewCheck,
    },
  ];

  // Every run's answer is checked once before anything is measured: a harness that measures
  // errors as speed is worse than none.
  const results = new Map<string, ScenarioResult>();
  for (const run of runs) {
    const first = await sample(run);
    if (first.problem) throw new Error(`${run.key}: ${first.problem}`);
    results.set(run.key, {
      key: run.key, target: run.targetLabel, scenario: run.scenario, kind: run.kind, expectStatus: run.spec.expectStatus,
      answerBytes: run.answerBytes || first.bytes, ...(run.soapBaseline ? { soapBaseline: run.soapBaseline } : {}),
      rounds: [], median: { reqPerSec: 0, p50: 0, p99: 0 }, totals: { completed: 0, unexpected: 0, errors: 0, timeouts: 0, statusCodes: {} }, ratios: {}, checks: {},
    });
  }

  // A target started again gets the warm-up of its runs before it is measured again.
  const warm = async (t: Target) => {
    for (const run of runs) if (run.target === t) await load(run.spec, { connections: settings.connections, durationS: Math.max(1, settings.warmupS), recordLatencies: false });
  };
  if (settings.warmupS > 0) {
    say(`warm-up: ${settings.warmupS} s per run`);
    for (const run of runs) await load(run.spec, { connections: settings.connections, durationS: settings.warmupS, recordLatencies: false });
  }
  await revive(all, warnings, 'the warm-up', warm);

  const describe = (r: LoadResult) =>
    `${Math.round(r.reqPerSec).toString().padStart(6)} req/s  p50 ${r.p50.toFixed(1).padStart(6)}  p99 ${r.p99.toFixed(1).padStart(6)} ms` +
    (r.unexpected || r.errors || r.timeouts ? `  ! ${r.unexpected} unexpected, ${r.errors} errors, ${r.timeouts} timeouts ${JSON.stringify(r.statusCodes)}` : '');
  for (let round = 0; round < settings.rounds; round++) {
    // Interleaved, and each round starts one run later, so that no run always follows the same one.
    for (let i = 0; i < runs.length; i++) {
      const run = runs[(i + round) % runs.length]!;
      let r = await load(run.spec, { connections: settings.connections, durationS: settings.durationS });
      // A run whose target had to be started again measured a dying process: it is done again.
      if ((await revive(all, warnings, `round ${round + 1}, ${run.key}`, warm)).has(run.target)) {
        r = await load(run.spec, { connections: settings.connections, durationS: settings.durationS });
        await revive(all, warnings, `round ${round + 1}, ${run.key} (again)`, warm);
      }
      results.get(run.key)!.rounds.push(r);
      say(`[round ${round + 1}/${settings.rounds}] ${run.key.padEnd(28)} ${describe(r)}`);
    }
  }

  // --- fixed rate, the overview: autocannon's overallRate (each connection sends its share at the
  // start of every second, in a burst) and an evenly spaced open-loop client.
  const fixedRate: FixedRateResult[] = [];
  for (const rate of settings.rates) {
    const a = await load(overviewSpec(gw), { connections: settings.connections, durationS: settings.fixedDurationS, overallRate: rate });
    fixedRate.push({ client: 'autocannon overallRate', rate, durationS: a.durationS, achievedRate: a.reqPerSec, p50: a.p50, p99: a.p99, max: a.max, unexpected: a.unexpected, errors: a.errors + a.timeouts });
    const o = await openLoopApart({ ...overviewSpec(gw), body: overviewReq(gw).body, bsns: pools.overzicht, rate, durationS: settings.fixedDurationS, connections: settings.connections });
    fixedRate.push({ client: 'evenly spaced', rate, durationS: o.durationS, achievedRate: o.achievedRate, p50: o.p50, p99: o.p99, max: o.max, unexpected: o.unexpected, errors: o.errors });
    say(`fixed rate ${rate} req/s: autocannon achieved ${Math.round(a.reqPerSec)}, p99 ${a.p99.toFixed(1)} ms; evenly spaced achieved ${Math.round(o.achievedRate)}, p99 ${o.p99.toFixed(1)} ms`);
    if ((await revive(all, warnings, `the fixed-rate run at ${rate} req/s`, warm)).has(gw)) warnings.push(`the fixed-rate figures at ${rate} req/s include a gateway that stopped`);
  }

  // --- RSS over many overview requests, sampled every second from /proc
  let rss: RssResult | undefined;
  if (settings.rssRequests > 0) {
    say(`RSS run: ${settings.rssRequests.toLocaleString('en-US')} overview requests`);
    const beforeRun = treeRss(gw.pid);
    const heapBefore = await metricsHeapMB(gw);
    const warmupRequests = Math.max(1, Math.round(settings.rssRequests / 10));
    let answered = 0;
    let afterWarmup: number | undefined;
    const series: Array<[number, number]> = [];
    const timer = setInterval(() => {
      const now = treeRss(gw.pid);
      series.push([answered, Math.round((now / MB) * 10) / 10]);
      if (afterWarmup === undefined && answered >= warmupRequests) afterWarmup = now;
    }, 1000);
    const r = await load(overviewSpec(gw), { connections: settings.connections, amount: settings.rssRequests, recordLatencies: false, onResponse: () => answered++ });
    clearInterval(timer);
    const end = treeRss(gw.pid);
    const heapEnd = await metricsHeapMB(gw);
    afterWarmup ??= end;
    const step = Math.max(1, Math.ceil(series.length / 200));
    rss = {
      requests: settings.rssRequests, completed: r.completed, durationS: r.durationS, reqPerSec: r.reqPerSec, unexpected: r.unexpected, errors: r.errors + r.timeouts,
      idleMB: idleRss.get(gw.name)! / MB, beforeRunMB: beforeRun / MB, afterWarmupMB: afterWarmup / MB, endMB: end / MB,
      peakMB: Math.max(end, ...series.map(([, mb]) => mb * MB)) / MB,
      growthAfterWarmupPct: (100 * (end - afterWarmup)) / afterWarmup, warmupRequests,
      ...(heapBefore !== undefined && heapEnd !== undefined ? { heapUsedMB: { before: heapBefore, end: heapEnd } } : {}),
      series: series.filter((_, i) => i % step === 0),
    };
    say(`RSS: idle ${rss.idleMB.toFixed(1)} MB, after warm-up ${rss.afterWarmupMB.toFixed(1)} MB, end ${rss.endMB.toFixed(1)} MB (${rss.growthAfterWarmupPct.toFixed(1)}%)`);
    if ((await revive(all, warnings, 'the RSS run', warm)).has(gw) || gw.restarts > 0) warnings.push('the gateway was started again during the run: the RSS figures are not of one process life');
  }

  // --- what the largest request the limits let through leaves behind: an overview with a header
  // block of ignored elements, up to the element limit and near the body limit. libxml2's memory is
  // WebAssembly memory, which grows and is reused but never given back.
  say('worst case: the largest request the limits let through');
  const worst = worstCaseRequest(overviewReq(gw).body);
  const worstSpec: LoadSpec = { url: endpointOf(gw), headers: overviewReq(gw).headers, body: freshBodies(worst.body, pools.overzicht), expectStatus: 200 };
  const settle = async () => {
    await sleep(1500);
    return treeRss(gw.pid) / MB;
  };
  const worstBefore = await settle();
  const worstOne = await post(worstSpec.url, worstSpec.headers, (worstSpec.body as () => string)());
  if (worstOne.status !== 200 || !worstOne.body.includes('<Verwerkt>true</Verwerkt>')) warnings.push(`the worst-case request answered HTTP ${worstOne.status}, not the overview`);
  const worstAfterOne = await settle();
  const WORST_MANY = 2000;
  const worstLoad = await load(worstSpec, { connections: settings.connections, amount: WORST_MANY, recordLatencies: false });
  const worstAfterMany = await settle();
  await load(overviewSpec(gw), { connections: settings.connections, durationS: Math.max(2, settings.warmupS), recordLatencies: false });
  const worstAfterNormal = await settle();
  const worstCase = {
    bytes: Buffer.byteLength(worst.body), elements: worst.elements, many: WORST_MANY, reqPerSec: worstLoad.reqPerSec, unexpected: worstLoad.unexpected + worstLoad.errors,
    rssMB: { before: worstBefore, afterOne: worstAfterOne, afterMany: worstAfterMany, afterNormalLoad: worstAfterNormal },
  };
  say(`worst case: ${worstCase.bytes} bytes, ${worstCase.elements} elements: RSS ${worstBefore.toFixed(1)} MB before, ${worstAfterOne.toFixed(1)} after one, ${worstAfterMany.toFixed(1)} after ${WORST_MANY}, ${worstAfterNormal.toFixed(1)} after ordinary load again`);
  await revive(all, warnings, 'the worst-case requests', warm);

  // --- the signaal engine at DUO's scale: a gateway of its own on a store with enginePersons more
  // persons (copies of the fixture persons, as `npm run dataset` makes them), its engine every
  // ENGINE_INTERVAL_S, and the overview at ENGINE_RATE req/s from the evenly spaced client while
  // the engine runs. The engine's runs come from the gateway's log lines.
  let engine: BenchResult['engine'];
  if (settings.enginePersons > 0) {
    say(`the signaal engine: a store of ${settings.enginePersons.toLocaleString('en-US')} persons more, the overview at ${ENGINE_RATE} req/s beside it`);
    const fixtures = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'dataset.json'), 'utf8')) as DatasetJson;
    const groot = vergroot(fixtures, settings.enginePersons);
    writeFileSync(join(tmp, 'dataset-engine.json'), JSON.stringify(groot));
    const port = await freePort();
    const gwEngine = await startTarget({
      name: 'gateway-engine', port, cwd: ROOT, readyTimeoutMs: 600_000,
      env: gatewayEnv('gateway-engine', port, { CVS_DATASET: join(tmp, 'dataset-engine.json'), CVS_SIGNAAL_INTERVAL_MS: String(ENGINE_INTERVAL_S * 1000), CVS_LOG_LEVEL: 'info' }),
      args: [join(ROOT, 'dist', 'main.js')],
      keepStdout: (line) => line.includes('"msg":"signaal engine"') || line.includes('"msg":"dataset loaded"'),
    });
    const request = fixtureRequest(ROOT, 'OpvragenPersoon/01-volledig-overzicht', today, endpointOf(gwEngine));
    const eerste = gwEngine.stdout.length;
    const o = await openLoopApart({ url: endpointOf(gwEngine), headers: request.headers, body: request.body, expectStatus: 200, rate: ENGINE_RATE, durationS: ENGINE_LOAD_S, connections: settings.connections });
    // The run in progress when the load ended finishes and logs after it.
    await sleep(1000);
    const runs = gwEngine.stdout.filter((l) => l.includes('"msg":"signaal engine"')).map((l) => JSON.parse(l) as { ms: number; gelezen: number; nieuw: number; verwijderd: number });
    const duringLoad = runs.slice(gwEngine.stdout.slice(0, eerste).filter((l) => l.includes('"msg":"signaal engine"')).length);
    engine = {
      persons: groot.personen.length, intervalS: ENGINE_INTERVAL_S, readyMs: gwEngine.readyMs,
      firstRun: runs[0] ?? { ms: 0, gelezen: 0, nieuw: 0, verwijderd: 0 },
      runsDuringLoad: duringLoad.map((r) => ({ ms: r.ms, gelezen: r.gelezen, nieuw: r.nieuw })),
      load: { rate: ENGINE_RATE, durationS: o.durationS, achievedRate: o.achievedRate, p50: o.p50, p99: o.p99, max: o.max, unexpected: o.unexpected + o.errors },
    };
    if (duringLoad.length === 0) warnings.push('no run of the signaal engine ended while the overview was sent beside it');
    if (engine.load.unexpected > 0) warnings.push(`the overview beside the signaal engine had ${engine.load.unexpected} unexpected answers`);
    say(`signaal engine: ${engine.persons} persons, first run ${engine.firstRun.ms} ms (${engine.firstRun.gelezen} read, ${engine.firstRun.nieuw} new), ` +
      `runs during the load ${duringLoad.map((r) => `${r.ms} ms (${r.gelezen} read)`).join(', ')}; overview at ${ENGINE_RATE} req/s p50 ${o.p50.toFixed(1)} ms, p99 ${o.p99.toFixed(1)} ms, max ${o.max.toFixed(1)} ms`);
    await stopTarget(gwEngine);
  }

  // --- the answers once more, after all the load
  for (const run of runs) {
    const after = await sample(run);
    if (after.problem) results.get(run.key)!.checks.after = after.problem;
  }

  // --- what the variants report about themselves
  const metricsOn = await get(`http://127.0.0.1:${gwReference.port}/metrics`);
  const metricsOff = await get(`http://127.0.0.1:${gwMetricsOff.port}/metrics`);
  const workerProcesses = childrenOf(gwWorkers.pid).length || 1;
  if (workerProcesses !== settings.workers) warnings.push(`CVS_WORKERS=${settings.workers}, but ${workerProcesses} process(es) serve: the setting is not (yet) honoured`);
  if (metricsOn.status !== 200) warnings.push(`GET /metrics answers ${metricsOn.status}: there is no /metrics yet, so CVS_METRICS=0 changes nothing`);

  // --- optional: a CPU profile of the overview, on a gateway of its own (so that the profiler's
  // cost stays out of every figure above)
  let profile: BenchResult['profile'];
  if (settings.profile) {
    const dir = join(ROOT, 'bench', 'results', 'profile');
    mkdirSync(dir, { recursive: true });
    const before = new Set(readdirSync(dir));
    say(`profiling: a gateway under --cpu-prof, the overview for ${settings.durationS} s`);
    const gwProfile = await startGateway('gateway-profile', {}, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
    // Warmed up as the measured gateways are (compiled code, the pool's dossiers kept); only the
    // samples after it count.
    await load(overviewSpec(gwProfile), { connections: settings.connections, durationS: Math.max(2, settings.warmupS), recordLatencies: false });
    const from = Number(process.hrtime.bigint() / 1000n);
    await load(overviewSpec(gwProfile), { connections: settings.connections, durationS: settings.durationS, recordLatencies: false });
    const to = Number(process.hrtime.bigint() / 1000n);
    await stopTarget(gwProfile, 'SIGINT', 15_000); // the profile is written on a clean exit
    const written = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile') && !before.has(f)).map((f) => join(dir, f));
    const file = written.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
    if (!file) warnings.push('the profiled gateway wrote no .cpuprofile');
    else profile = { file: relative(ROOT, file), ...topSelfTime(file, ROOT, 15, [from, to]) };
  }

  await stopAll();

  // --- medians, ratios, the result
  for (const s of results.values()) {
    s.median = {
      reqPerSec: median(s.rounds.map((r) => r.reqPerSec)),
      p50: median(s.rounds.map((r) => r.p50)),
      p99: median(s.rounds.map((r) => r.p99)),
    };
    for (const r of s.rounds) {
      s.totals.completed += r.completed;
      s.totals.unexpected += r.unexpected;
      s.totals.errors += r.errors;
      s.totals.timeouts += r.timeouts;
      for (const [code, n] of Object.entries(r.statusCodes)) s.totals.statusCodes[code] = (s.totals.statusCodes[code] ?? 0) + n;
    }
  }
  const koaRate = results.get('koa/fixed')!.median.reqPerSec;
  const referenceRate = results.get('reference/overview')!.median.reqPerSec;
  for (const s of results.values()) {
    if (s.kind === 'baseline') continue;
    const soapRate = results.get(s.soapBaseline!)!.median.reqPerSec;
    s.ratios = {
      nodeSoap: s.median.reqPerSec / soapRate,
      koa: s.median.reqPerSec / koaRate,
      ...(s.kind === 'variant' && s.key !== 'reference/overview' ? { reference: s.median.reqPerSec / referenceRate } : {}),
    };
  }
  for (const s of results.values()) {
    if (s.totals.unexpected || s.totals.errors || s.totals.timeouts) {
      warnings.push(`${s.key}: ${s.totals.unexpected} answers with another status than ${s.expectStatus}, ${s.totals.errors} errors, ${s.totals.timeouts} timeouts ${JSON.stringify(s.totals.statusCodes)}`);
    }
    if (s.checks.after) warnings.push(`${s.key}: after the load, ${s.checks.after}`);
  }
  const commitAtEnd = gitCommit();
  if (commitAtEnd !== commit) warnings.push(`the working tree changed during the run (${commit} at the build, ${commitAtEnd} at the end): the figures are of the build`);
  const normal = results.get('reference/overview')!;
  // The large dossier is one person: beside the same person on a dossier of the usual size.
  const onePerson = results.get('gateway/overview-one-person')!;
  const large = results.get('large-dossier/overview')!;
  const metricsOffResult = results.get('metrics-off/overview')!;
  const workersResult = results.get('workers/overview')!;

  const cpu = cpus();
  const result: BenchResult = {
    machine: {
      cpu: cpu[0]?.model.trim() ?? 'unknown', cores: cpu.length, node: process.version, platform: `${process.platform} ${process.arch}`,
      date: new Date(began).toISOString(), commit,
    },
    settings: { ...settings, out: relative(ROOT, settings.out) || '.', wallClockS: Math.round((Date.now() - began) / 1000), clock: 'real (CVS_TODAY unset)', logs: 'CVS_LOG_LEVEL=silent', store: 'SQLite file per gateway in a temp dir' },
    targets: Object.fromEntries(
      all.map((t) => [t.name, { readyMs: Math.round(t.readyMs), idleRssMB: Math.round(((idleRss.get(t.name) ?? 0) / MB) * 10) / 10, ...(t.restarts ? { restarts: t.restarts } : {}) }]),
    ),
    scenarios: [...results.values()],
    fixedRate,
    ...(rss ? { rss } : {}),
    worstCase,
    ...(engine ? { engine } : {}),
    largeDossier: {
      uren: UREN_RIJEN, pipVersies: PIP_VERSIES, normalReqPerSec: onePerson.median.reqPerSec, largeReqPerSec: large.median.reqPerSec,
      ratio: large.median.reqPerSec / onePerson.median.reqPerSec, normalBytes: onePerson.answerBytes, largeBytes: large.answerBytes,
    },
    metrics: {
      onStatus: metricsOn.status, offStatus: metricsOff.status, onReqPerSec: normal.median.reqPerSec, offReqPerSec: metricsOffResult.median.reqPerSec,
      costPct: 100 * (1 - normal.median.reqPerSec / metricsOffResult.median.reqPerSec),
      // Round by round (the two runs of a round are close in time): shows whether the cost is
      // larger than the noise.
      perRoundPct: normal.rounds.map((r, i) => 100 * (1 - r.reqPerSec / (metricsOffResult.rounds[i]?.reqPerSec ?? Number.NaN))),
    },
    workers: {
      setting: settings.workers, observedProcesses: workerProcesses, oneWorkerReqPerSec: normal.median.reqPerSec, reqPerSec: workersResult.median.reqPerSec,
      ratio: workersResult.median.reqPerSec / normal.median.reqPerSec,
    },
    ...(profile ? { profile } : {}),
    warnings,
  };

  mkdirSync(settings.out, { recursive: true });
  writeFileSync(join(settings.out, 'latest.json'), `${JSON.stringify(result, round2, 2)}\n`);
  writeFileSync(join(settings.out, 'latest.svg'), formatSvg(result));
  say('');
  say(formatText(result));
  say('');
  say(`written: ${relative(ROOT, join(settings.out, 'latest.json'))}, ${relative(ROOT, join(settings.out, 'latest.svg'))} (${result.settings.wallClockS} s)`);
}

/** Numbers in the JSON with at most two decimals: small files, no false precision. */
function round2(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 100) / 100 : value;
}

main().then(
  () => shutdown(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${(err as Error).message}\n`);
    void shutdown(1);
  },
);
