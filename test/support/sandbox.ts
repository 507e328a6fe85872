/**
 * Starts the gateway in-process on a free loopback port, on a fresh embedded store loaded with the
 * fixtures' dataset and the signalen due that day, with the clock fixed at the day the suite started. Every gateway started
 * here logs to one file, which the privacy test scans at the end of the suite.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
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

export const TODAY: Datum = todayInNetherlands();
export const LOG_FILE = `${ROOT}.test-output/gateway.log`;

mkdirSync(`${ROOT}.test-output`, { recursive: true });
writeFileSync(LOG_FILE, '');
const destination = pino.destination({ dest: LOG_FILE, sync: true, append: true });

export interface Sandbox {
  readonly endpoint: string;
  readonly store: SqliteStore;
  readonly config: Config;
  close(): Promise<void>;
}

/** `env` as the gateway reads it; CVS_DATABASE puts the store in a file (default: in memory). */
export async function startSandbox(env: NodeJS.ProcessEnv = {}): Promise<Sandbox> {
  const config = loadConfig({ CVS_PORT: '1', ...env });
  const store = new SqliteStore({ filename: config.database });
  await store.importeer(laadDatasetBestand(config.dataset, TODAY));
  // As `npm start` does: the signalen that are due on the day the suite runs.
  await draaiSignaalEngine(store, TODAY);
  const app = createApp({ config, store, clock: fixedClock(TODAY), logger: createLogger('info', destination) });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}${config.endpointPath}`,
    store,
    config,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
