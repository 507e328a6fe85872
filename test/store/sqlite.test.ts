/** The store contract suite against the embedded SQLite adapter, on a file so that a second instance can share it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { StoreUnavailable, type Store } from '../../src/store/port.js';
import { storeContract } from './contract.js';

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
      expect((await waiter.inzages('pseudoniem-slot')).map((r) => r.messageId)).to.deep.equal([inzage(4).messageId]);
    } finally {
      await holder.close();
      await waiter.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite store on a file of another schema version', () => {
  it('brings a file of version 2 to the current version: the index for the latest uren registrations', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvs-store-'));
    const filename = join(dir, 'store.sqlite');
    try {
      await new SqliteStore({ filename }).close();
      const db = new Database(filename);
      db.exec('DROP INDEX uren_versie_registratie; DELETE FROM schema_versie; INSERT INTO schema_versie (versie) VALUES (2);');
      db.close();
      await new SqliteStore({ filename }).close();
      const na = new Database(filename, { readonly: true });
      expect(na.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'uren_versie_registratie'").get()).to.deep.equal({ name: 'uren_versie_registratie' });
      expect(na.prepare('SELECT versie FROM schema_versie ORDER BY versie').all()).to.deep.equal([{ versie: 2 }, { versie: 3 }]);
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
