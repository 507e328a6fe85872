/** The store contract suite against the embedded SQLite adapter, on a file so that a second instance can share it. */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { telBeurten } from '../support/beurten.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { Checkpointer, VANGNET_PAGINAS } from '../../src/store/sqlite/checkpointer.js';
import { DOSSIER_VAN } from '../../src/store/sqlite/schema.js';
import { dossierTabellen } from '../../src/store/sqlite/dossier-lezer.js';
import { ROOT } from '../../src/config.js';
import { laadDatasetBestand } from '../../src/dataset/laden.js';
import { StoreUnavailable, type Store } from '../../src/store/port.js';
import { storeContract } from './contract.js';
import { INZAGE_PLAK, INZAGE_SLEUTELS, inzageSpoorParameters, inzageSpoorSql } from '../../src/store/inzage-sql.js';
import { inzagesVan } from '../support/inzages.js';

const dirs: string[] = [];
const files = new Map<Store, string>();

storeContract('SQLite', {
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'cvs-store-'));
    dirs.push(dir);
    const filename = join(dir, 'store.sqlite');
    const store = new SqliteStore({ filename });
    files.set(store, filename);
    return store;
  },
  async second(store) {
    return new SqliteStore({ filename: files.get(store)! });
  },
  async cleanup() {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    files.clear();
  },
});

const inzage = (n: number) => ({
  tijdstip: '2026-11-29T10:00:00Z',
  oin: '00000001000000000014',
  gemeente: '0014',
  operatie: 'OpvragenPersoon',
  bsnPseudoniem: 'pseudoniem-slot',
  messageId: `urn:uuid:00000000-0000-4000-8000-00000000000${n}`,
  verwerkt: true,
});

describe('SQLite store under a lock held by another instance', () => {
  it('answers StoreUnavailable after its lock timeout, and keeps the event loop free while it waits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvs-store-'));
    const filename = join(dir, 'store.sqlite');
    const holder = new SqliteStore({ filename });
    const waiter = new SqliteStore({ filename, lockTimeoutMs: 300 });
    try {
      let release!: () => void;
      const held = holder.transaction(() => new Promise<void>((resolve) => (release = resolve)));
      await new Promise((resolve) => setImmediate(resolve));
      let ticks = 0;
      const timer = setInterval(() => ticks++, 10);
      let failure: unknown;
      try {
        await waiter.transaction(async () => undefined);
      } catch (err) {
        failure = err;
      } finally {
        clearInterval(timer);
      }
      expect(failure).to.be.instanceOf(StoreUnavailable);
      // A synchronous busy wait would have blocked every timer for the whole 300 ms.
      expect(ticks).to.be.greaterThan(5);
      // Inzage records waiting together for the lock all fail with it, and the next ones are stored.
      const wachtend = await Promise.allSettled([1, 2, 3].map((n) => waiter.registreerInzage(inzage(n))));
      expect(wachtend.map((r) => r.status === 'rejected' && r.reason instanceof StoreUnavailable)).to.deep.equal([true, true, true]);
      release();
      await held;
      expect(await waiter.transaction(async () => 'now')).to.equal('now');
      await waiter.registreerInzage(inzage(4));
      expect((await inzagesVan(waiter, 'pseudoniem-slot')).map((r) => r.messageId)).to.deep.equal([inzage(4).messageId]);
    } finally {
      await holder.close();
      await waiter.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite store on a file of another schema version', () => {
  it('brings a file of version 2 to the current version: the index for the latest uren registrations, the dossier as read and its triggers, the engine indexes, the inzage search and the afnemers\' names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvs-store-'));
    const filename = join(dir, 'store.sqlite');
    try {
      await new SqliteStore({ filename }).close();
      const db = new Database(filename);
      db.exec(`DROP INDEX uren_versie_registratie; DROP TABLE dossier_lezing; DELETE FROM schema_versie; INSERT INTO schema_versie (versie) VALUES (2);
        DROP INDEX pip_versie_registratie; DROP INDEX persoon_start_termijn_pip; DROP INDEX persoon_verhuizing;
        DROP INDEX inzage_persoon; DROP INDEX inzage_bericht; DROP INDEX inzage_afnemer; DROP TABLE afnemer_naam;
        CREATE INDEX inzage_pseudoniem ON inzage (bsn_pseudoniem);
        ${db.prepare("SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master WHERE type = 'trigger'").pluck().all().join(' ')}`);
      db.close();
      await new SqliteStore({ filename }).close();
      const na = new Database(filename, { readonly: true });
      expect(na.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'uren_versie_registratie'").get()).to.deep.equal({ name: 'uren_versie_registratie' });
      expect(na.prepare('SELECT versie FROM schema_versie ORDER BY versie').all()).to.deep.equal([{ versie: 2 }, { versie: 3 }, { versie: 4 }, { versie: 5 }, { versie: 6 }]);
      expect(na.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'inzage_%' OR name = 'afnemer_naam' ORDER BY name").pluck().all())
        .to.deep.equal(['afnemer_naam', 'inzage_afnemer', 'inzage_bericht', 'inzage_persoon', 'inzage_tijdstip']);
      expect(na.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('pip_versie_registratie', 'persoon_start_termijn_pip', 'persoon_verhuizing') ORDER BY name").pluck().all())
        .to.deep.equal(['persoon_start_termijn_pip', 'persoon_verhuizing', 'pip_versie_registratie']);
      expect(na.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_dossier_%'").pluck().get()).to.equal(3 * Object.keys(DOSSIER_VAN).length);
      na.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to open it, with a message that says what to do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvs-store-'));
    const filename = join(dir, 'store.sqlite');
    try {
      await new SqliteStore({ filename }).close();
      const db = new Database(filename);
      db.prepare('UPDATE schema_versie SET versie = 1').run();
      db.close();
      expect(() => new SqliteStore({ filename })).to.throw(/schema version 1, this gateway needs \d+: start on a new file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite store on a file it may only read', () => {
  it('answers every change with StoreUnavailable (fault 0051) and is not ready, while reads go on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvs-store-'));
    const filename = join(dir, 'store.sqlite');
    try {
      const schrijver = new SqliteStore({ filename });
      await schrijver.importeer({ afnemers: [{ oin: '00000001000000000014', gemeente: '0014', rol: 'muteren' }], instellingen: [], contactpersonen: [], dossiers: [] });
      await schrijver.close();
      const lezer = new SqliteStore({ filename, readonly: true });
      try {
        expect([...(await lezer.afnemer('00000001000000000014'))!.keys()]).to.deep.equal(['0014']);
        let fout: unknown;
        try {
          await lezer.transaction((tx) => tx.registreerMutatie({ oin: 'x', gemeente: '0014', messageId: 'urn:x', operatie: 'Test', tijdstip: 'x' }, undefined));
        } catch (err) {
          fout = err;
        }
        expect(fout).to.be.instanceOf(StoreUnavailable);
        let niet: unknown;
        try {
          await lezer.ping();
        } catch (err) {
          niet = err;
        }
        expect(niet).to.be.instanceOf(StoreUnavailable);
      } finally {
        await lezer.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite store: the dossier as read (dossier_lezing)', () => {
  const TODAY = '20261129';
  let dir: string;
  let filename: string;
  let store: SqliteStore;
  let raw: Database.Database;
  let bsns: string[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cvs-store-'));
    filename = join(dir, 'store.sqlite');
    store = new SqliteStore({ filename });
    const dataset = laadDatasetBestand(`${ROOT}fixtures/dataset.json`, TODAY);
    await store.importeer(dataset);
    bsns = dataset.dossiers.map((d) => d.dossier.persoon.bsn);
    raw = new Database(filename);
  });
  afterEach(async () => {
    raw.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const mutatie = (messageId: string) => ({ oin: '00000001000000000014', gemeente: '0014', messageId, operatie: 'Test', tijdstip: '2026-11-29T10:00:00Z' });
  const gelezen = () => raw.prepare('SELECT bsn FROM dossier_lezing ORDER BY bsn').pluck().all() as string[];
  const alle = async () => Promise.all(bsns.map((bsn) => store.dossier(bsn)));
  /** Keeps what was read: empty write transactions until nothing more is kept (each keeps a few dozen). */
  const bewaarAlles = async () => {
    for (let vorige = -1; gelezen().length !== vorige; ) {
      vorige = gelezen().length;
      await store.transaction(async () => undefined);
    }
  };
  /** Every dossier read, and kept. */
  const leesAlles = async () => {
    await alle();
    await bewaarAlles();
  };

  it('has triggers on exactly the tables a dossier is read from, for each kind of change', () => {
    expect(Object.keys(DOSSIER_VAN).sort()).to.deep.equal(dossierTabellen());
    const triggers = raw.prepare("SELECT tbl_name || ' ' || substr(name, length(tbl_name) + 2) FROM sqlite_master WHERE type = 'trigger' ORDER BY 1").pluck().all();
    expect(triggers).to.deep.equal(dossierTabellen().flatMap((t) => [`${t} dossier_in`, `${t} dossier_uit`, `${t} dossier_wijzig`]));
  });

  it('keeps what a read found at the next write transaction, and answers the next read from it', async () => {
    expect(gelezen()).to.deep.equal([]);
    const eerst = await alle();
    expect(gelezen()).to.deep.equal([]);
    await store.transaction(async () => undefined);
    expect(gelezen().length, 'a few dozen per transaction').to.be.within(1, bsns.length - 1);
    await bewaarAlles();
    expect(gelezen()).to.deep.equal([...bsns].sort());
    // A kept row is what the next read returns: changed behind the triggers' back, the change shows.
    const bsn = '999901333';
    const rijen = JSON.parse(raw.prepare('SELECT rijen FROM dossier_lezing WHERE bsn = ?').pluck().get(bsn) as string) as unknown[][][];
    const achternaam = raw.prepare("SELECT cid FROM pragma_table_info('persoon') WHERE name = 'achternaam'").pluck().get() as number;
    rijen[0]![0]![achternaam] = 'Uit-de-lezing';
    raw.prepare('UPDATE dossier_lezing SET rijen = ? WHERE bsn = ?').run(JSON.stringify(rijen), bsn);
    expect((await store.dossier(bsn))!.persoon.achternaam).to.equal('Uit-de-lezing');
    expect(eerst.find((d) => d?.persoon.bsn === bsn)!.persoon.achternaam).to.equal('Testpersoon-Volledig');
  });

  // Each a change of one table, by another connection: after it, every dossier read is the one the
  // tables give. A table without its trigger would answer its persons from the old rows.
  const wijzigingen: Record<string, string> = {
    persoon: "UPDATE persoon SET achternaam = achternaam || '-Gewijzigd' WHERE bsn = '999901333'",
    leerbaarheidstoets: "UPDATE leerbaarheidstoets SET behaalde_score = '1' WHERE bsn = (SELECT MIN(bsn) FROM leerbaarheidstoets)",
    examen: "UPDATE examen SET gratis_pogingen_over = gratis_pogingen_over + 1 WHERE bsn = (SELECT MIN(bsn) FROM examen)",
    aanvraag: "DELETE FROM aanvraag WHERE bsn = (SELECT MIN(bsn) FROM aanvraag)",
    pip_versie: 'UPDATE pip_versie SET geschatte_uren = COALESCE(geschatte_uren, 0) + 1 WHERE bsn = (SELECT MIN(bsn) FROM pip_versie)',
    pip_intrekking: 'INSERT INTO pip_intrekking (bsn, initiele_versie) SELECT bsn, versie FROM pip_versie p WHERE initieel = 1 AND NOT EXISTS (SELECT 1 FROM pip_intrekking i WHERE i.bsn = p.bsn) LIMIT 1',
    aanbod_versie: "UPDATE aanbod_versie SET datum_einde_opleiding = '20271231' WHERE bsn = (SELECT MIN(bsn) FROM aanbod_versie)",
    map_versie: "UPDATE map_versie SET datum_eindgesprek = '20260101' WHERE bsn = (SELECT MIN(bsn) FROM map_versie)",
    pvt_versie: "UPDATE pvt_versie SET datum_ondertekening = '20260101' WHERE bsn = (SELECT MIN(bsn) FROM pvt_versie)",
    uren_versie: 'UPDATE uren_versie SET aantal_uren = aantal_uren + 1 WHERE bsn = (SELECT MIN(bsn) FROM uren_versie)',
    koppeling_versie: "UPDATE koppeling_versie SET volgnummer = NULL WHERE bsn = '999901333'",
    signaal: "UPDATE signaal SET verwijderd = '20261201' WHERE signaal_id = (SELECT MIN(signaal_id) FROM signaal)",
    signaal_status_versie: "UPDATE signaal_status_versie SET status = CASE status WHEN 'A' THEN 'B' ELSE 'A' END WHERE signaal_id = (SELECT MAX(signaal_id) FROM signaal)",
    contactpersoon_versie: "UPDATE contactpersoon_versie SET naam = naam || '-Gewijzigd' WHERE gemeentecode = '0014' AND volgnummer = 1",
    instelling: "UPDATE instelling SET naam = naam || '-Gewijzigd' WHERE instellingcode = 'BOW0001'",
  };

  it('names a change of every table a dossier is read from', () => {
    expect(Object.keys(wijzigingen).sort()).to.deep.equal(dossierTabellen());
  });

  for (const [tabel, sql] of Object.entries(wijzigingen)) {
    it(`answers the tables' dossier after a change of ${tabel}, and keeps the others it read`, async () => {
      await leesAlles();
      const voor = await alle();
      expect(raw.prepare(sql).run().changes).to.be.greaterThan(0);
      const weg = bsns.filter((b) => !gelezen().includes(b));
      expect(weg.length, 'the persons of the change').to.be.greaterThan(0);
      expect(weg.length, 'the persons of the change').to.be.lessThan(bsns.length);
      const na = await alle();
      raw.exec('DELETE FROM dossier_lezing');
      expect(na).to.deep.equal(await alle());
      expect(na).to.not.deep.equal(voor);
    });
  }

  it("keeps a dossier as the tables hold it when it is kept, another instance's change since the read included", async () => {
    const ander = new SqliteStore({ filename });
    try {
      const bsn = '999901333';
      await store.dossier(bsn); // remembered, not yet kept
      await store.dossier('999911272');
      await ander.transaction(async (tx) => {
        const d = (await tx.dossier(bsn))!;
        const laatste = d.pip[d.pip.length - 1]!;
        const id = await tx.registreerMutatie(mutatie('urn:pip'), bsn);
        await tx.voegPipVersieToe(bsn, { ...laatste, versie: laatste.versie + 1, initieel: false, geschatteUren: 123 }, id);
      });
      await store.transaction(async () => undefined);
      // Both are kept as the tables hold them when they are kept: the other instance's change in.
      expect(gelezen()).to.deep.equal([bsn, '999911272']);
      expect((await store.dossier(bsn))!.pip.at(-1)!.geschatteUren).to.equal(123);
    } finally {
      await ander.close();
    }
  });

  it('keeps a read until the next change of its person; a read while a change runs waits for its COMMIT', async () => {
    const beurt = () => new Promise((resolve) => setImmediate(resolve));
    const bsn = '999901333';
    await store.dossier(bsn);
    await store.transaction(async () => undefined);
    expect(gelezen()).to.deep.equal([bsn]);
    await store
      .transaction(async (tx) => {
        await tx.koppel(bsn, '0014', undefined, TODAY, await tx.registreerMutatie(mutatie('urn:ontkoppel'), bsn));
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    await beurt();
    expect(gelezen()).to.deep.equal([bsn]); // the rollback took the trigger's delete back too
    expect((await store.dossier(bsn))!.contactpersonen).to.have.length(1);
    // Read before a change: kept when the change's transaction begins, before it writes.
    await store.dossier('999911272');
    let verder!: () => void;
    const open = store.transaction(async (tx) => {
      await tx.koppel(bsn, '0014', undefined, TODAY, await tx.registreerMutatie(mutatie('urn:ontkoppel-2'), bsn));
      await new Promise<void>((resolve) => (verder = resolve));
    });
    await beurt();
    // A read while the change runs waits for its COMMIT: it never shows what is not committed.
    let gelezenTijdensWijziging = false;
    const tijdens = store.dossier(bsn).then((d) => ((gelezenTijdensWijziging = true), d));
    await beurt();
    expect(gelezenTijdensWijziging).to.equal(false);
    verder();
    await open;
    expect((await tijdens)!.contactpersonen).to.deep.equal([]);
    await store.dossier('999950290');
    await store.transaction(async () => undefined);
    // All three kept as the tables hold them now: the person unlinked.
    expect(gelezen()).to.deep.equal([bsn, '999911272', '999950290']);
    expect((await store.dossier(bsn))!.contactpersonen).to.deep.equal([]);
  });

  it('takes no rows of another shape (a gateway of another version on the same file)', async () => {
    const bsn = '999901333';
    raw.prepare("INSERT INTO dossier_lezing (bsn, vorm, rijen) VALUES (?, 'een-andere-vorm', '[[[\"x\"]]]')").run(bsn);
    expect((await store.dossier(bsn))!.persoon.achternaam).to.equal('Testpersoon-Volledig');
  });

  it('commits a change with synchronous = FULL, not the WAL default of better-sqlite3 (NORMAL); inzage records at NORMAL', async () => {
    // The setting of the store's own connection (a pragma is per connection).
    const niveau = () => (store as unknown as { db: Database.Database }).db.pragma('synchronous', { simple: true });
    await store.transaction(async () => undefined);
    expect(niveau()).to.equal(2);
    await store.registreerInzage({ ...inzage(1), bsnPseudoniem: 'p' });
    expect(niveau()).to.equal(1);
    await store.transaction(async () => undefined);
    expect(niveau()).to.equal(2);
    expect(raw.pragma('synchronous', { simple: true }), "better-sqlite3's own default changed").to.equal(1);
  });
});

describe('SQLite store on a file: the changes of one turn commit together', () => {
  let dir: string;
  let filename: string;
  let store: SqliteStore;
  let raw: Database.Database;
  const mutatie = (messageId: string) => ({ oin: '00000001000000000014', gemeente: '0014', messageId, operatie: 'Test', tijdstip: '2026-11-29T10:00:00Z' });
  const opgeslagen = (prefix: string) => raw.prepare('SELECT COUNT(*) FROM mutatie WHERE message_id LIKE ?').pluck().get(`${prefix}%`) as number;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cvs-store-'));
    filename = join(dir, 'store.sqlite');
    store = new SqliteStore({ filename });
    await store.importeer(laadDatasetBestand(`${ROOT}fixtures/dataset.json`, '20261129'));
    raw = new Database(filename);
  });
  afterEach(async () => {
    raw.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('settles each change only once all of the turn are committed, in one COMMIT', async () => {
    const gezien: number[] = [];
    const wijzigingen = [1, 2, 3, 4, 5].map((n) =>
      store.transaction((tx) => tx.registreerMutatie(mutatie(`urn:groep-${n}`), undefined)).then(() => gezien.push(opgeslagen('urn:groep-'))),
    );
    expect(opgeslagen('urn:groep-')).to.equal(0);
    await Promise.all(wijzigingen);
    // Had each committed alone, the first would have been told while the others were not yet in.
    expect(gezien).to.deep.equal([5, 5, 5, 5, 5]);
  });

  it('rolls back a failed change alone, and commits the others of its turn', async () => {
    const uitkomst = await Promise.allSettled([
      store.transaction((tx) => tx.registreerMutatie(mutatie('urn:ok-1'), undefined)),
      store.transaction(async (tx) => {
        await tx.registreerMutatie(mutatie('urn:mis-1'), undefined);
        throw new Error('a rule failed');
      }),
      store.transaction((tx) => tx.registreerMutatie(mutatie('urn:ok-2'), undefined)),
    ]);
    expect(uitkomst.map((u) => u.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
    expect(opgeslagen('urn:ok-')).to.equal(2);
    expect(opgeslagen('urn:mis-')).to.equal(0);
  });

  it('fails every change of the turn with StoreUnavailable when the COMMIT fails, and stores none of them', async () => {
    const db = (store as unknown as { db: Database.Database }).db;
    const uitkomst = await Promise.allSettled([
      store.transaction((tx) => tx.registreerMutatie(mutatie('urn:samen-1'), undefined)),
      store.transaction(async (tx) => {
        await tx.registreerMutatie(mutatie('urn:samen-2'), undefined);
        // A foreign key checked at COMMIT only: the way to make a COMMIT fail here.
        db.pragma('defer_foreign_keys = ON');
        db.prepare("INSERT INTO map_versie (bsn, versie, gemeentecode) VALUES ('000000000', 1, '0014')").run();
      }),
      store.transaction((tx) => tx.registreerMutatie(mutatie('urn:samen-3'), undefined)),
    ]);
    expect(uitkomst.map((u) => u.status === 'rejected' && u.reason instanceof StoreUnavailable)).to.deep.equal([true, true, true]);
    expect(opgeslagen('urn:samen-')).to.equal(0);
    // The store goes on.
    await store.transaction((tx) => tx.registreerMutatie(mutatie('urn:samen-4'), undefined));
    expect(opgeslagen('urn:samen-')).to.equal(1);
  });
});

describe('SQLite store on a file: the WAL checkpoint runs in a thread of its own', () => {
  let dir: string;
  let filename: string;
  const storeDb = (store: SqliteStore) => (store as unknown as { db: Database.Database }).db;
  const mutatie = (messageId: string) => ({ oin: '00000001000000000014', gemeente: '0014', messageId, operatie: 'Test', tijdstip: '2026-11-29T10:00:00Z' });
  /** The changes that the database file itself holds, without its WAL: what a checkpoint copied there. */
  const inHetBestand = (prefix: string): number => {
    const kopie = join(dir, 'alleen-het-bestand.sqlite');
    copyFileSync(filename, kopie);
    try {
      const db = new Database(kopie, { readonly: true });
      try {
        return db.prepare('SELECT COUNT(*) FROM mutatie WHERE message_id LIKE ?').pluck().get(`${prefix}%`) as number;
      } finally {
        db.close();
      }
    } catch {
      return 0; // not yet there: the schema still in the WAL, or a copy taken while a checkpoint wrote
    }
  };
  const wachtOp = async (wat: () => boolean, ms = 3000) => {
    const tot = Date.now() + ms;
    while (!wat() && Date.now() < tot) await sleep(20);
    return wat();
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cvs-store-'));
    filename = join(dir, 'store.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('copies a commit into the database file within moments, while the serving connection checkpoints only at a large WAL', async () => {
    const store = new SqliteStore({ filename });
    try {
      expect(storeDb(store).pragma('wal_autocheckpoint', { simple: true })).to.equal(VANGNET_PAGINAS);
      await store.transaction((tx) => tx.registreerMutatie(mutatie('urn:ckpt-1'), undefined));
      // Far below the serving connection's own threshold: only the thread copies it.
      expect(await wachtOp(() => inHetBestand('urn:ckpt-') === 1)).to.equal(true);
    } finally {
      await store.close();
    }
    // The thread's connection closed first: the store's, the last, removed the WAL.
    expect(existsSync(`${filename}-wal`)).to.equal(false);
  });

  it('gives the serving connection its ordinary checkpoint back, and says so, when the thread ends', async () => {
    const fouten: Error[] = [];
    const store = new SqliteStore({ filename, onCheckpointFailure: (e) => fouten.push(e) });
    try {
      const thread = (store as unknown as { checkpointer: { worker: Worker } }).checkpointer.worker;
      await thread.terminate();
      expect(await wachtOp(() => fouten.length === 1)).to.equal(true);
      expect(fouten[0]!.message).to.match(/checkpoint thread ended/);
      expect(storeDb(store).pragma('wal_autocheckpoint', { simple: true })).to.equal(1000);
      await store.transaction((tx) => tx.registreerMutatie(mutatie('urn:ckpt-2'), undefined));
    } finally {
      await store.close();
    }
  });

  it('reports a thread that cannot open the file', async () => {
    const fouten: Error[] = [];
    const ckpt = new Checkpointer(join(dir, 'bestaat-niet.sqlite'), (e) => fouten.push(e));
    expect(await wachtOp(() => fouten.length === 1)).to.equal(true);
    expect(fouten[0]!.message).to.match(/^SQLITE_CANTOPEN: unable to open database file$/);
    await ckpt.stop();
  });

  it('runs no thread for a database in memory or one opened read-only', async () => {
    const geheugen = new SqliteStore();
    expect((geheugen as unknown as { checkpointer?: unknown }).checkpointer).to.equal(undefined);
    await geheugen.close();
    await new SqliteStore({ filename }).close();
    const alleenLezen = new SqliteStore({ filename, readonly: true });
    expect((alleenLezen as unknown as { checkpointer?: unknown }).checkpointer).to.equal(undefined);
    await alleenLezen.close();
  });
});

describe('SQLite store on a file: the clean-ups go a slice at a time', () => {
  it('removes a large trail of old inzage records in slices of 1,000, each its own transaction, with turns of the event loop between', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvs-store-'));
    const filename = join(dir, 'store.sqlite');
    const store = new SqliteStore({ filename });
    try {
      const raw = new Database(filename);
      raw.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500)
        INSERT INTO inzage (tijdstip, oin, gemeentecode, operatie, bsn_pseudoniem, message_id, verwerkt)
        SELECT '2024-01-01T00:00:00.000Z', '00000001000000000014', '0014', 'OpvragenPersoon', 'p', 'urn:uuid:' || i, 1 FROM n`);
      raw.prepare("INSERT INTO inzage (tijdstip, oin, gemeentecode, operatie, bsn_pseudoniem, message_id, verwerkt) VALUES ('2026-11-29T10:00:00.000Z', '00000001000000000014', '0014', 'OpvragenPersoon', 'p', 'urn:uuid:blijft', 1)").run();
      raw.close();
      const beurten = telBeurten();
      let transacties = 0;
      const transactie = store.transaction.bind(store);
      store.transaction = (werk) => (transacties++, transactie(werk));
      expect(await store.ruimInzagesOp('2026-01-01T00:00:00.000Z')).to.equal(2500);
      expect(transacties).to.equal(3);
      expect(beurten()).to.be.at.least(3);
      expect((await inzagesVan(store, 'p')).map((i) => i.messageId)).to.deep.equal(['urn:uuid:blijft']);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("SQLite store: an AVG request's search of the inzage trail", () => {
  it('reads each slice from the index of its leading criterion, in its order, without sorting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvs-store-'));
    const filename = join(dir, 'store.sqlite');
    try {
      await new SqliteStore({ filename }).close();
      const db = new Database(filename, { readonly: true });
      const plannen = Object.fromEntries(
        INZAGE_SLEUTELS.map((k) => [
          k,
          (db.prepare(`EXPLAIN QUERY PLAN ${inzageSpoorSql(k, '', ` LIMIT ${INZAGE_PLAK}`)}`).all(inzageSpoorParameters({ bsnPseudoniem: 'p', messageId: 'm', oin: 'o' }, undefined)) as Array<{ detail: string }>)
            .map((r) => r.detail)
            .join('; '),
        ]),
      );
      db.close();
      expect(plannen).to.deep.equal({
        message_id: 'SEARCH inzage USING INDEX inzage_bericht (message_id=? AND tijdstip>? AND tijdstip<?)',
        bsn_pseudoniem: 'SEARCH inzage USING INDEX inzage_persoon (bsn_pseudoniem=? AND tijdstip>? AND tijdstip<?)',
        oin: 'SEARCH inzage USING INDEX inzage_afnemer (oin=? AND tijdstip>? AND tijdstip<?)',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
