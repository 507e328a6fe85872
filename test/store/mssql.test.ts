/**
 * The SQL Server adapter. Without a SQL Server, what needs none runs: the settings (and that no
 * message shows the password), and what the adapter does when no SQL Server answers, over real
 * sockets on loopback. With CVS_MSSQL_URL set (docs/operations.md "SQL Server"), the store
 * contract suite runs
 * against it, each test on a database of its own (CREATE DATABASE, migrated by the adapter,
 * dropped afterwards: the login needs the right to create databases), and so do the tests of what
 * SQL Server's locks must give: a person locked by another instance, two instances raising the
 * same signalen, a repeated MessageID, the next volgnummer, dropped connections.
 *
 * Without CVS_MSSQL_URL those report themselves pending, with the reason in their title. No mock
 * of mssql or tedious stands in for SQL Server here: only a real server tests the adapter.
 */
import { once } from 'node:events';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import mssql from 'mssql';
import type { ConnectionPool } from 'mssql';
import { ConfigFout, loadConfig, ROOT } from '../../src/config.js';
import { laadDatasetBestand } from '../../src/dataset/laden.js';
import type { PipVersie } from '../../src/domain/dossier.js';
import { createLogger } from '../../src/log/logger.js';
import { beschrijf, mssqlConfig, type MssqlConfig } from '../../src/store/mssql/config.js';
import { compatibiliteitFout, MssqlStore, openMssqlStore } from '../../src/store/mssql/mssql-store.js';
import { leesMigraties, migratieMap } from '../../src/store/mssql/migraties.js';
import { openStore } from '../../src/store/open.js';
import { StoreConflict, StoreUnavailable, type Store } from '../../src/store/port.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { storeContract } from './contract.js';

const GEHEIM = 'Wachtwoord-Geheim-42!';
const TODAY = '20261129';
const mutatie = (messageId: string) => ({ oin: '00000001000000000014', gemeente: '0014', messageId, operatie: 'Test', tijdstip: '2026-11-29T10:00:00Z' });

/** Every message of an error and its causes. */
function boodschappen(err: unknown): string {
  const uit: string[] = [];
  for (let e: unknown = err; e instanceof Error; e = e.cause) uit.push(e.message, e.stack ?? '');
  return uit.join('\n');
}

async function fout(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

describe('SQL Server settings (src/store/mssql/config.ts)', () => {
  const weigert = (env: NodeJS.ProcessEnv): ConfigFout => {
    let err: unknown;
    try {
      mssqlConfig(env);
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(ConfigFout);
    expect(boodschappen(err)).not.to.include(GEHEIM);
    return err as ConfigFout;
  };

  it('chooses no SQL Server without CVS_MSSQL_URL or CVS_MSSQL_SERVER, and refuses a part set on its own', () => {
    expect(mssqlConfig({})).to.equal(undefined);
    expect(weigert({ CVS_MSSQL_DATABASE: 'cvs' }).message).to.match(/CVS_MSSQL_DATABASE is set, but neither CVS_MSSQL_URL nor CVS_MSSQL_SERVER/);
    expect(weigert({ CVS_MSSQL_PASSWORD: GEHEIM }).message).to.match(/CVS_MSSQL_PASSWORD is set/);
  });

  it('reads a connection string, with the pool size, time limits, encryption and migration on top', () => {
    const c = mssqlConfig({
      CVS_MSSQL_URL: `Server=db.example,1444;Database=cvs;User Id=cvs_app;Password=${GEHEIM};Encrypt=true`,
      CVS_MSSQL_POOL_MAX: '25',
      CVS_MSSQL_REQUEST_TIMEOUT_MS: '8000',
      CVS_MSSQL_CONNECT_TIMEOUT_MS: '3000',
      CVS_MSSQL_TRUST_SERVER_CERTIFICATE: 'true',
      CVS_MSSQL_MIGRATE: 'true',
    })!;
    const v = c.verbinding;
    expect([v.server, v.port, v.database, v.user, v.password]).to.deep.equal(['db.example', 1444, 'cvs', 'cvs_app', GEHEIM]);
    expect([v.pool?.max, v.requestTimeout, v.connectionTimeout]).to.deep.equal([25, 8000, 3000]);
    expect([v.options?.encrypt, v.options?.trustServerCertificate, v.options?.useUTC]).to.deep.equal([true, true, true]);
    expect(c.migreer).to.equal(true);
    expect(beschrijf(c)).to.equal('db.example,1444/cvs');
  });

  it('reads an mssql:// URL, and the separate parts', () => {
    const url = mssqlConfig({ CVS_MSSQL_URL: `mssql://sa:${encodeURIComponent(GEHEIM)}@localhost:1433/cvs?encrypt=false` })!.verbinding;
    expect([url.server, url.port, url.database, url.user, url.password, url.options?.encrypt]).to.deep.equal(['localhost', 1433, 'cvs', 'sa', GEHEIM, false]);
    const delen = mssqlConfig({
      CVS_MSSQL_SERVER: 'sql01\\PROD,1450',
      CVS_MSSQL_DATABASE: 'cvs',
      CVS_MSSQL_USER: 'cvs_app',
      CVS_MSSQL_PASSWORD: GEHEIM,
      CVS_MSSQL_ENCRYPT: 'false',
    })!.verbinding;
    expect([delen.server, delen.options?.instanceName, delen.port, delen.database, delen.user, delen.password, delen.options?.encrypt]).to.deep.equal([
      'sql01', 'PROD', 1450, 'cvs', 'cvs_app', GEHEIM, false,
    ]);
    expect(mssqlConfig({ CVS_MSSQL_SERVER: 'localhost' })!.migreer).to.equal(false);
  });

  it('refuses what it cannot use, and no message shows the password', () => {
    weigert({ CVS_MSSQL_URL: `Server=x;Password=${GEHEIM}`, CVS_MSSQL_SERVER: 'y' });
    weigert({ CVS_MSSQL_URL: `Database=cvs;Password=${GEHEIM}` });
    weigert({ CVS_MSSQL_URL: `Server="db;Password=${GEHEIM}` });
    weigert({ CVS_MSSQL_URL: `mssql://sa:${GEHEIM}@/cvs` });
    weigert({ CVS_MSSQL_URL: `Server=x;Password=${GEHEIM}`, CVS_MSSQL_POOL_MAX: '0' });
    weigert({ CVS_MSSQL_URL: `Server=x;Password=${GEHEIM}`, CVS_MSSQL_ENCRYPT: 'misschien' });
    weigert({ CVS_MSSQL_SERVER: 'x', CVS_MSSQL_USER: 'sa' });
    weigert({ CVS_MSSQL_SERVER: 'x,poort', CVS_MSSQL_PASSWORD: GEHEIM });
  });
});

/** Settings for a SQL Server at 127.0.0.1:port, where none is. */
function nergens(port: number): MssqlConfig {
  return mssqlConfig({
    CVS_MSSQL_URL: `Server=127.0.0.1,${port};Database=cvs;User Id=sa;Password=${GEHEIM};TrustServerCertificate=true`,
    CVS_MSSQL_CONNECT_TIMEOUT_MS: '2000',
    CVS_MSSQL_REQUEST_TIMEOUT_MS: '2000',
  })!;
}

async function vrijePoort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

describe('SQL Server compatibility level, checked at start', () => {
  it('refuses a level below 130, where OPENJSON fails on every aanbod and uren change, and says what to set', () => {
    expect(compatibiliteitFout(120, 'cvs on db:1433')).to.equal(
      'the database cvs on db:1433 has compatibility level 120; this gateway needs 130 or higher (OPENJSON): ALTER DATABASE <name> SET COMPATIBILITY_LEVEL = 130',
    );
    expect(compatibiliteitFout(130, 'cvs')).to.equal(undefined);
    expect(compatibiliteitFout(160, 'cvs')).to.equal(undefined);
    expect(compatibiliteitFout(undefined, 'cvs')).to.match(/cannot be read/);
  });
});

describe('SQL Server store when no SQL Server answers', () => {
  it('answers StoreUnavailable (fault 0051) to every call, without the password in any message', async () => {
    const store = new MssqlStore(nergens(await vrijePoort()));
    try {
      const fouten = [
        await fout(store.ping()),
        await fout(store.dossier('999901333')),
        await fout(store.afnemer('00000001000000000014')),
        await fout(store.transaction(async (tx) => tx.dossier('999901333'))),
        await fout(store.registreerInzage({ tijdstip: new Date().toISOString(), oin: 'x', gemeente: '0014', operatie: 'Test', messageId: 'urn:x', verwerkt: true })),
      ];
      for (const err of fouten) {
        expect(err).to.be.instanceOf(StoreUnavailable);
        expect(boodschappen(err)).not.to.include(GEHEIM);
      }
    } finally {
      await store.close();
    }
  });

  it('drops a pool whose first connection failed and builds a new one for the next call', async () => {
    let verbindingen = 0;
    const server: Server = createServer((socket) => {
      verbindingen++;
      socket.destroy();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const store = new MssqlStore(nergens((server.address() as AddressInfo).port));
    try {
      expect(await fout(store.ping())).to.be.instanceOf(StoreUnavailable);
      const na1 = verbindingen;
      expect(na1).to.be.greaterThan(0);
      expect(await fout(store.isEmpty())).to.be.instanceOf(StoreUnavailable);
      expect(verbindingen).to.be.greaterThan(na1);
    } finally {
      await store.close();
      server.close();
    }
  });

  it('is what openStore chooses when CVS_MSSQL_URL is set: it fails at start rather than fall back to SQLite', async () => {
    const port = await vrijePoort();
    const env = { CVS_MSSQL_URL: `Server=127.0.0.1,${port};Database=cvs;User Id=sa;Password=${GEHEIM}`, CVS_MSSQL_CONNECT_TIMEOUT_MS: '2000' };
    const err = await fout(openStore(loadConfig(env), env, createLogger('silent')));
    expect(err).to.be.instanceOf(StoreUnavailable);
    expect(boodschappen(err)).not.to.include(GEHEIM);
    const sqlite = await openStore(loadConfig({}), {}, createLogger('silent'));
    expect(sqlite).to.be.instanceOf(SqliteStore);
    await sqlite.close();
  });

  it('refuses calls once closed', async () => {
    const store = new MssqlStore(nergens(await vrijePoort()));
    await store.close();
    expect(await fout(store.ping())).to.be.instanceOf(StoreUnavailable);
  });
});

// ---------------------------------------------------------------------------------------------
// Against a real SQL Server
// ---------------------------------------------------------------------------------------------

const MSSQL_URL = process.env.CVS_MSSQL_URL?.trim() || undefined;
const PENDING = MSSQL_URL ? '' : ' (pending: set CVS_MSSQL_URL to a SQL Server whose login may create databases, docs/operations.md "SQL Server")';
const basis: MssqlConfig | undefined = MSSQL_URL ? mssqlConfig(process.env) : undefined;

/** The settings for one test database. */
const op = (database: string, migreer: boolean): MssqlConfig => ({
  ...basis!,
  migreer,
  verbinding: { ...basis!.verbinding, database, options: { ...basis!.verbinding.options }, pool: { ...basis!.verbinding.pool } },
});

let beheer: ConnectionPool | undefined;
let teller = 0;
const databases: string[] = [];
const databaseVan = new Map<Store, string>();

/** A new, empty database; the adapter migrates it. */
async function nieuweDatabase(): Promise<string> {
  if (!beheer) {
    const v = basis!.verbinding;
    beheer = await new mssql.ConnectionPool({ ...v, options: { ...v.options }, pool: { ...v.pool } }).connect();
  }
  const naam = `cvs_test_${process.pid}_${Date.now().toString(36)}_${teller++}`;
  await beheer.request().input('naam', mssql.NVarChar(128), naam).query("DECLARE @sql nvarchar(max) = N'CREATE DATABASE ' + QUOTENAME(@naam); EXEC (@sql);");
  databases.push(naam);
  // The workflow runs the suite with READ_COMMITTED_SNAPSHOT on and off (.github/workflows/sqlserver.yml).
  const rcsi = process.env.CVS_TEST_READ_COMMITTED_SNAPSHOT === 'ON';
  if (rcsi) {
    await beheer.request().input('naam', mssql.NVarChar(128), naam)
      .query("DECLARE @sql nvarchar(max) = N'ALTER DATABASE ' + QUOTENAME(@naam) + N' SET READ_COMMITTED_SNAPSHOT ON WITH ROLLBACK IMMEDIATE'; EXEC (@sql);");
  }
  const stand = await beheer.request().input('naam', mssql.NVarChar(128), naam).query('SELECT is_read_committed_snapshot_on AS aan FROM sys.databases WHERE name = @naam');
  expect(Boolean(stand.recordset[0]?.aan), 'READ_COMMITTED_SNAPSHOT of the test database').to.equal(rcsi);
  return naam;
}

async function ruimDatabasesOp(): Promise<void> {
  for (const naam of databases.splice(0)) {
    await beheer!
      .request()
      .input('naam', mssql.NVarChar(128), naam)
      .query(
        "DECLARE @sql nvarchar(max) = N'ALTER DATABASE ' + QUOTENAME(@naam) + N' SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE ' + QUOTENAME(@naam); EXEC (@sql);",
      );
  }
  databaseVan.clear();
}

/** Ends every session on the database but the caller's: SQL Server dropping the adapter's connections. */
async function verbreekVerbindingen(naam: string): Promise<void> {
  await beheer!
    .request()
    .input('naam', mssql.NVarChar(128), naam)
    .query(
      `DECLARE @sql nvarchar(max) = N'';
SELECT @sql = @sql + N'KILL ' + CAST(session_id AS nvarchar(10)) + N';' FROM sys.dm_exec_sessions WHERE database_id = DB_ID(@naam) AND session_id <> @@SPID;
EXEC (@sql);`,
    );
}

describe(`SQL Server store${PENDING}`, function () {
  this.timeout(60_000);
  before(function () {
    if (!MSSQL_URL) this.skip();
  });
  after(async () => {
    await beheer?.close();
  });

  storeContract('SQL Server', {
    async open() {
      const naam = await nieuweDatabase();
      const store = await openMssqlStore(op(naam, true));
      databaseVan.set(store, naam);
      return store;
    },
    async second(store) {
      return openMssqlStore(op(databaseVan.get(store)!, false));
    },
    cleanup: ruimDatabasesOp,
  });

  describe('what SQL Server must add to the contract', () => {
    let naam: string;
    let store: MssqlStore;
    const extra: MssqlStore[] = [];
    const ander = async (options = {}) => {
      const s = new MssqlStore(op(naam, false), options);
      extra.push(s);
      return s;
    };
    beforeEach(async () => {
      naam = await nieuweDatabase();
      store = await openMssqlStore(op(naam, true));
      await store.importeer(laadDatasetBestand(`${ROOT}fixtures/dataset.json`, TODAY));
    });
    afterEach(async () => {
      for (const s of extra.splice(0)) await s.close();
      await store.close();
      await ruimDatabasesOp();
    });

    it('applies its migrations once: a second run applies nothing, and a database without them is refused with what to do', async () => {
      expect(await store.migreer()).to.deep.equal([]);
      const leeg = await nieuweDatabase();
      const err = await fout(openMssqlStore(op(leeg, false)));
      expect((err as Error).message).to.match(/schema version 0, this gateway needs \d+: run npm run migrate/);
      const twee = await Promise.all([new MssqlStore(op(leeg, false)), new MssqlStore(op(leeg, false))].map(async (s) => {
        try {
          return await s.migreer();
        } finally {
          await s.close();
        }
      }));
      expect(twee.flat().sort()).to.deep.equal(['001-schema.sql', '002-inzage.sql', '003-uren-registratie.sql', '004-engine-kandidaten.sql', '005-message-id-binair.sql', '006-inzage-zoeken.sql']);
    });

    it("records each step's checksum, refuses a database whose applied step changed, and records a missing checksum at the next run", async () => {
      const db = `[${naam}].dbo.schema_migratie`;
      const sommen = async () => (await beheer!.request().query(`SELECT versie, controlegetal FROM ${db} ORDER BY versie`)).recordset;
      expect(await sommen()).to.deep.equal(leesMigraties().map((m) => ({ versie: m.versie, controlegetal: m.controlegetal })));
      await beheer!.request().query(`UPDATE ${db} SET controlegetal = REPLICATE('0', 64) WHERE versie = 2`);
      const err = await fout(openMssqlStore(op(naam, false)));
      expect((err as Error).message).to.match(/migration 002-inzage.sql was changed after the database .* applied it/);
      // As a database migrated before checksums were recorded: accepted, and completed by the next run.
      await beheer!.request().query(`UPDATE ${db} SET controlegetal = NULL`);
      await (await openMssqlStore(op(naam, false))).close();
      expect(await store.migreer()).to.deep.equal([]);
      expect((await sommen()).every((r: { controlegetal: string | null }) => r.controlegetal !== null)).to.equal(true);
    });

    it("runs a step whose header says '-- transaction: none' outside a transaction, as SQL Server needs for ALTER DATABASE", async () => {
      const map = mkdtempSync(join(tmpdir(), 'cvs-migraties-'));
      try {
        for (const m of leesMigraties()) copyFileSync(join(migratieMap(), m.bestand), join(map, m.bestand));
        const stap = 'ALTER DATABASE CURRENT SET AUTO_UPDATE_STATISTICS_ASYNC ON;\n';
        const bestand = `${String(leesMigraties().length + 1).padStart(3, '0')}-statistieken.sql`;
        writeFileSync(join(map, bestand), stap);
        // In a transaction, SQL Server refuses it, and the step is not recorded.
        expect(((await fout(store.migreer(leesMigraties(`${map}/`)))) as Error).message).to.include(`migration ${bestand} failed`);
        writeFileSync(join(map, bestand), `-- transaction: none\n${stap}`);
        expect(await store.migreer(leesMigraties(`${map}/`))).to.deep.equal([bestand]);
        expect(await store.migreer(leesMigraties(`${map}/`))).to.deep.equal([]);
        const aan = await beheer!.request().input('naam', mssql.NVarChar(128), naam).query('SELECT is_auto_update_stats_async_on AS aan FROM sys.databases WHERE name = @naam');
        expect(aan.recordset[0].aan).to.equal(true);
      } finally {
        rmSync(map, { recursive: true, force: true });
      }
    });

    it('makes a second writer of a person wait, and answers StoreUnavailable after its lock timeout and retries, with the event loop free', async () => {
      const wachter = await ander({ lockTimeoutMs: 300, pogingen: 2 });
      let release!: () => void;
      let gelezen!: () => void;
      const binnen = new Promise<void>((resolve) => (gelezen = resolve));
      const held = store.transaction(async (tx) => {
        await tx.dossier('999918321');
        gelezen();
        await new Promise<void>((resolve) => (release = resolve));
      });
      await binnen;
      let ticks = 0;
      const timer = setInterval(() => ticks++, 10);
      const start = Date.now();
      const err = await fout(wachter.transaction(async (tx) => tx.dossier('999918321')));
      clearInterval(timer);
      expect(err).to.be.instanceOf(StoreUnavailable);
      expect(Date.now() - start).to.be.at.least(550);
      expect(ticks).to.be.greaterThan(20);
      // A plain read does not wait for the writer's lock.
      expect((await wachter.dossier('999918321'))!.persoon.bsn).to.equal('999918321');
      release();
      await held;
      expect((await wachter.transaction(async (tx) => tx.dossier('999918321')))!.persoon.bsn).to.equal('999918321');
    });

    it('adds each signaal once when two instances raise the same ones at once', async () => {
      const other = await ander();
      const signalen = ['999901333', '999918321'].flatMap((bsn) =>
        ['SS126', 'SS127'].map((code) => ({ bsn, gemeente: '0014', code, datum: '20261101', aanleiding: `test-${code}` })),
      );
      const voor = await store.signalen('0014');
      const [a, b] = await Promise.all([
        store.voegSignalenToe(signalen, mutatie('signaal-engine:a')),
        other.voegSignalenToe(signalen, mutatie('signaal-engine:b')),
      ]);
      expect(a + b).to.equal(signalen.length);
      const na = await store.signalen('0014');
      expect(na.length - voor.length).to.equal(signalen.length);
      expect(await store.voegSignalenToe(signalen, mutatie('signaal-engine:c'))).to.equal(0);
    });

    it('answers a MessageID sent twice at once from the stored answer, without a conflict', async () => {
      const other = await ander();
      const wijzig = (s: Store) =>
        s.transaction(async (tx) => {
          const eerder = await tx.antwoord('00000001000000000014', 'urn:uuid:tweemaal');
          if (eerder) return `herhaald ${eerder.antwoord}`;
          await sleep(50);
          await tx.bewaarAntwoord('00000001000000000014', 'urn:uuid:tweemaal', { digest: 'd'.repeat(64), operatie: 'Test', antwoord: '{"n":1}' }, new Date().toISOString());
          return 'eerste';
        });
      expect((await Promise.all([wijzig(store), wijzig(other)])).sort()).to.deep.equal(['eerste', 'herhaald {"n":1}']);
    });

    it('gives two instances adding a contactpersoon at once the next volgnummers, one each', async () => {
      const other = await ander();
      const voeg = (s: Store, naamContact: string) =>
        s.transaction(async (tx) => {
          const id = await tx.registreerMutatie(mutatie(`urn:uuid:${naamContact}`), undefined);
          const volgnummer = await tx.volgendVolgnummer('0014');
          await sleep(20);
          await tx.voegContactpersoonVersieToe({ gemeente: '0014', volgnummer, naam: naamContact, email: 'x@gemeente.test', algemeen: false }, false, id);
          return volgnummer;
        });
      const nummers = await Promise.all([voeg(store, 'Eerste'), voeg(other, 'Tweede'), voeg(store, 'Derde')]);
      expect([...nummers].sort()).to.deep.equal([3, 4, 5]);
    });

    it("lets lookups of a gemeente's contactpersoon share its lock, while a change of its contactpersonen waits for them", async () => {
      const other = await ander({ lockTimeoutMs: 300, pogingen: 1 });
      let release!: () => void;
      let gezien!: () => void;
      const binnen = new Promise<void>((resolve) => (gezien = resolve));
      const held = store.transaction(async (tx) => {
        expect(await tx.contactpersoon('0014', 1)).to.not.equal(undefined);
        gezien();
        await new Promise<void>((resolve) => (release = resolve));
      });
      await binnen;
      // A second lookup does not wait for the first.
      expect(await other.transaction(async (tx) => (await tx.contactpersoon('0014', 1))?.volgnummer)).to.equal(1);
      // A change of the contactpersonen does, and gives up after its lock timeout.
      expect(await fout(other.transaction(async (tx) => tx.volgendVolgnummer('0014')))).to.be.instanceOf(StoreUnavailable);
      release();
      await held;
      expect(await other.transaction(async (tx) => tx.volgendVolgnummer('0014'))).to.be.a('number');
    });

    it('keeps dates as JJJJMMDD, moments as ISO 8601 and codes unpadded through the adapter', async () => {
      const d = (await store.dossier('999901333'))!;
      expect(d.persoon.geboortedatum).to.match(/^\d{8}$/);
      const versie: PipVersie = { ...d.pip[d.pip.length - 1]!, versie: d.pip.length + 1, initieel: false, datumDagtekening: '20261128' };
      await store.transaction(async (tx) => {
        const id = await tx.registreerMutatie(mutatie('urn:uuid:datum'), '999901333');
        await tx.voegPipVersieToe('999901333', versie, id);
      });
      expect((await store.dossier('999901333'))!.pip.at(-1)).to.deep.equal(versie);
      const [m] = (await store.mutaties('999901333')).slice(-1);
      expect(m).to.deep.equal({ ...mutatie('urn:uuid:datum'), tijdstip: '2026-11-29T10:00:00.000Z' });
    });

    it('leaves no transaction open on a connection after a change failed at the server', async () => {
      // One connection: the change after the failed one gets the very connection it ran on.
      const een = new MssqlStore({ ...op(naam, false), verbinding: { ...op(naam, false).verbinding, pool: { min: 0, max: 1 } } });
      extra.push(een);
      const err = await fout(
        een.transaction(async (tx) => {
          await tx.dossier('999901333');
          // Longer than its column: SQL Server refuses it, and XACT_ABORT rolls everything back.
          await tx.registreerInzage({ ...mutatie(`urn:uuid:${'0'.repeat(300)}`), bsnPseudoniem: 'p', verwerkt: true });
        }),
      );
      expect(err).to.be.instanceOf(StoreConflict);
      await een.transaction((tx) => tx.registreerInzage({ ...mutatie('urn:uuid:na-de-fout'), bsnPseudoniem: 'p', verwerkt: true }));
      // Committed for real, not into a transaction left open: another instance sees it at once,
      // and takes the person's lock without waiting.
      const ander2 = await ander({ lockTimeoutMs: 300, pogingen: 1 });
      await ander2.transaction((tx) => tx.dossier('999901333'));
      const geteld = await beheer!
        .request()
        .input('m', mssql.NVarChar(255), 'urn:uuid:na-de-fout')
        .query(`SELECT COUNT(*) AS n FROM ${'[' + naam + ']'}.dbo.inzage WHERE message_id = @m`);
      expect(geteld.recordset[0].n).to.equal(1);
    });

    it('is ready only while the database takes a write; its check writes an inzage record and rolls it back', async () => {
      const inzages = async () => (await beheer!.request().query(`SELECT COUNT(*) AS n FROM [${naam}].dbo.inzage`)).recordset[0].n as number;
      const voor = await inzages();
      await store.ping();
      expect(await inzages()).to.equal(voor);
      const zet = (stand: 'READ_ONLY' | 'READ_WRITE') =>
        beheer!.request().input('naam', mssql.NVarChar(128), naam).query(`DECLARE @sql nvarchar(max) = N'ALTER DATABASE ' + QUOTENAME(@naam) + N' SET ${stand} WITH ROLLBACK IMMEDIATE'; EXEC (@sql);`);
      await zet('READ_ONLY');
      try {
        expect(await fout(store.ping())).to.be.instanceOf(StoreUnavailable);
      } finally {
        await zet('READ_WRITE');
      }
      // Its connections were dropped by the change of state: the pool makes new ones.
      let klaar = false;
      for (let poging = 0; poging < 3 && !klaar; poging++) {
        klaar = await store.ping().then(
          () => true,
          () => false,
        );
      }
      expect(klaar).to.equal(true);
    });

    it('comes back after SQL Server dropped its connections', async () => {
      await store.ping();
      await verbreekVerbindingen(naam);
      let dossier;
      for (let poging = 0; poging < 3 && !dossier; poging++) {
        try {
          dossier = await store.dossier('999901333');
        } catch (err) {
          expect(err).to.be.instanceOf(StoreUnavailable);
        }
      }
      expect(dossier!.persoon.bsn).to.equal('999901333');
      await store.ping();
    });
  });
});
