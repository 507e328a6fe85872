/**
 * Readiness (src/edge/gereedheid.ts): GET /ready and the gauge cvs_ready say whether the store takes
 * a write the way requests write. On a real full disk (a tmpfs of a few megabytes, filled up) every
 * request, reads included, answers fault 0051: /ready must answer 503 then, and 200 again once
 * there is room. Mounting a tmpfs needs root (CAP_SYS_ADMIN); without it that test is pending.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import Database from 'better-sqlite3';
import pino from 'pino';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { fixedClock } from '../src/domain/datum.js';
import { laadDatasetBestand } from '../src/dataset/laden.js';
import { Gereedheid } from '../src/edge/gereedheid.js';
import { maakMetrics } from '../src/metrics.js';
import { OPERATIONS } from '../src/operations/index.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { call } from './support/client.js';
import { haal, sample } from './support/proces.js';
import { TODAY } from './support/sandbox.js';

/** A tmpfs of `size` mounted on a new folder, or why not. */
function tmpfs(size: string): { dir: string; weg(): void } | string {
  const dir = mkdtempSync(join(tmpdir(), 'cvs-vol-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    return (err as { stderr?: Buffer }).stderr?.toString().trim() || (err as Error).message;
  }
  return {
    dir,
    weg: () => {
      execFileSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The gateway on `store`, with metrics; its origin and endpoint. */
async function gateway(store: SqliteStore, metrics = maakMetrics(OPERATIONS.map((op) => op.naam))) {
  const config = loadConfig({});
  const app = createApp({ config, store, clock: fixedClock(TODAY), logger: pino({ level: 'silent' }), metrics });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    endpoint: `${origin}${config.endpointPath}`,
    metrics,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('readiness: the store takes a write', function () {
  this.timeout(30_000);

  it('answers /ready 503 and cvs_ready 0 on a full disk, where every request answers 0051, and 200 and 1 once there is room', async function () {
    const vol = tmpfs('8m');
    if (typeof vol === 'string') {
      // Not permitted here (no root, or a container without CAP_SYS_ADMIN).
      this.skip();
    }
    const filename = join(vol.dir, 'store.sqlite');
    try {
      const vullen = new SqliteStore({ filename });
      await vullen.importeer(laadDatasetBestand(loadConfig({}).dataset, TODAY));
      // Closed: the WAL is checkpointed and removed, so the next write must take new room.
      await vullen.close();
      const store = new SqliteStore({ filename });
      const gw = await gateway(store);
      try {
        // The disk fills up (a log, another process): no room left. Nothing was written since the
        // store opened, so any commit needs room the WAL does not have yet. (A WAL that has room from
        // earlier commits takes small writes on a full disk, for requests and the check alike.)
        try {
          writeFileSync(join(vol.dir, 'vol'), Buffer.alloc(16 * 1024 * 1024));
        } catch (err) {
          expect((err as { code?: string }).code).to.equal('ENOSPC');
        }
        const ready = await haal(`${gw.origin}/ready`);
        expect([ready.status, JSON.parse(ready.body)]).to.deep.equal([503, { status: 'store unavailable' }]);
        expect(sample(await gw.metrics.tekst(), 'cvs_ready')).to.equal(0);
        const lezing = await call(gw.endpoint, 'OpvragenPersoon', [['Bsn', '999901333']]);
        expect([lezing.status, lezing.text('//ib:Foutcode')]).to.deep.equal([500, '0051']);

        unlinkSync(join(vol.dir, 'vol'));
        expect((await haal(`${gw.origin}/ready`)).status).to.equal(200);
        expect(sample(await gw.metrics.tekst(), 'cvs_ready')).to.equal(1);
        expect((await call(gw.endpoint, 'OpvragenPersoon', [['Bsn', '999901333']])).status).to.equal(200);
      } finally {
        await gw.close();
        await store.close();
      }
    } finally {
      vol.weg();
    }
  });

  it('answers /ready 503 and cvs_ready 0 on a database opened read-only, and leaves no trace of its check', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvs-ready-'));
    const filename = join(dir, 'store.sqlite');
    try {
      const schrijver = new SqliteStore({ filename });
      await schrijver.importeer(laadDatasetBestand(loadConfig({}).dataset, TODAY));
      // The check on a store that takes writes: it passes, and removes its inzage record.
      const inzages = () => {
        const db = new Database(filename, { readonly: true });
        try {
          return db.prepare('SELECT COUNT(*) FROM inzage').pluck().get();
        } finally {
          db.close();
        }
      };
      const voor = inzages();
      const metrics = maakMetrics(OPERATIONS.map((op) => op.naam));
      expect(await new Gereedheid(schrijver, pino({ level: 'silent' }), metrics.gereed).controleer()).to.equal(true);
      expect(sample(await metrics.tekst(), 'cvs_ready')).to.equal(1);
      expect(inzages()).to.equal(voor);
      await schrijver.close();

      const lezer = new SqliteStore({ filename, readonly: true });
      const gw = await gateway(lezer);
      try {
        expect((await haal(`${gw.origin}/ready`)).status).to.equal(503);
        expect(sample(await gw.metrics.tekst(), 'cvs_ready')).to.equal(0);
      } finally {
        await gw.close();
        await lezer.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
