/**
 * Chooses the store adapter from the environment: SQL Server when `CVS_MSSQL_URL` or
 * `CVS_MSSQL_SERVER` names one (store/mssql/config.ts; with CVS_MSSQL_MIGRATE=true the migrations
 * are applied first, otherwise the store checks that they were), else the embedded SQLite store
 * (`CVS_DATABASE`, in memory by default). Both wait CVS_STORE_LOCK_TIMEOUT_MS for a lock. A SQL
 * Server that cannot be reached fails the start; the gateway never falls back to SQLite.
 */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { errorForLog } from '../log/logger.js';
import { mssqlConfig } from './mssql/config.js';
import { openMssqlStore } from './mssql/mssql-store.js';
import type { Store } from './port.js';
import { SqliteStore } from './sqlite/sqlite-store.js';

export async function openStore(config: Config, env: NodeJS.ProcessEnv, logger: Logger): Promise<Store> {
  const mssql = mssqlConfig(env);
  if (mssql) {
    return openMssqlStore(mssql, {
      lockTimeoutMs: config.storeLockTimeoutMs,
      onVerbindingWeggegooid: (e) => logger.warn({ err: errorForLog(e) }, 'SQL Server: a rollback failed; its connection was closed and left the pool'),
    });
  }
  return new SqliteStore({
    filename: config.database,
    lockTimeoutMs: config.storeLockTimeoutMs,
    onCheckpointFailure: (e) => logger.error({ err: errorForLog(e) }, 'the WAL checkpoint thread failed: checkpoints run on the event loop again'),
  });
}
