/**
 * Starts the gateway in-process on a free loopback port, on a fresh embedded store loaded with the
 * fixtures' dataset and the signalen due that day, with the clock fixed at the day the suite
 * started. Every gateway started here logs to .test-output/gateway.log (emptied when a test run
 * starts, for a human to read) and keeps its own lines (`logRegels`); closing a sandbox checks
 * those lines for personal data (support/privacy.ts) and fails when it finds any.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import pino from 'pino';
import { createApp } from '../../src/app.js';
import { loadConfig, ROOT, type Config } from '../../src/config.js';
import { fixedClock, todayInNetherlands, type Datum } from '../../src/domain/datum.js';
import { laadDatasetBestand } from '../../src/dataset/laden.js';
import { createLogger } from '../../src/log/logger.js';
import { draaiSignaalEngine } from '../../src/jobs/signaal-engine.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { persoonsgegevensIn } from './privacy.js';

export const TODAY: Datum = todayInNetherlands();
const LOG_FILE = `${ROOT}.test-output/gateway.log`;

mkdirSync(`${ROOT}.test-output`, { recursive: true });
writeFileSync(LOG_FILE, '');
const destination = pino.destination({ dest: LOG_FILE, sync: true, append: true });

export interface Sandbox {
  readonly endpoint: string;
  readonly store: SqliteStore;
  readonly config: Config;
  /** The log lines this sandbox's gateway wrote so far (they went to LOG_FILE too). */
  logRegels(): string[];
  /** Stops the gateway and its store; fails when a line it logged holds personal data. */
  close(): Promise<void>;
}

/**
 * Every uren version of a person as the store keeps it, earlier versions included (a dossier holds
 * only the latest of each registration). Needs a sandbox on a file (`inBestand`).
 */
export function urenVersies(sandbox: Sandbox, bsn: string): Array<{ versie: number; type_uren: string; instellingcode: string | null; ingetrokken: number }> {
  const db = new Database(sandbox.config.database, { readonly: true });
  try {
    return db.prepare('SELECT versie, type_uren, instellingcode, ingetrokken FROM uren_versie WHERE bsn = ? ORDER BY versie').all(bsn) as never;
  } finally {
    db.close();
  }
}

/** A sandbox whose store is a file in a new temporary folder, removed when it closes. */
export async function inBestand(): Promise<Sandbox> {
  const dir = mkdtempSync(join(tmpdir(), 'cvs-sandbox-'));
  const sandbox = await startSandbox({ CVS_DATABASE: join(dir, 'store.sqlite') });
  return {
    ...sandbox,
    close: async () => {
      try {
        await sandbox.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * `env` as the gateway reads it; CVS_DATABASE puts the store in a file (default: in memory).
 * `today`: the day the sandbox lives on (default: the day the suite started).
 */
export async function startSandbox(env: NodeJS.ProcessEnv = {}, today: Datum = TODAY): Promise<Sandbox> {
  const config = loadConfig({ CVS_PORT: '1', ...env });
  const store = new SqliteStore({ filename: config.database });
  await store.importeer(laadDatasetBestand(config.dataset, today));
  // As `npm start` does: the signalen that are due on that day.
  await draaiSignaalEngine(store, today);
  let log = '';
  const logger = createLogger('info', {
    write: (regel: string) => {
      log += regel;
      destination.write(regel);
    },
  });
  const logRegels = () => log.split('\n').filter((regel) => regel !== '');
  const app = createApp({ config, store, clock: fixedClock(today), logger });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}${config.endpointPath}`,
    store,
    config,
    logRegels,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      const gevonden = persoonsgegevensIn(logRegels());
      if (gevonden.length > 0) throw new Error(`the sandbox's gateway logged personal data: ${gevonden.slice(0, 10).join('; ')}`);
    },
  };
}
