/**
 * Applies the SQL Server migrations (src/store/mssql/migrations) to the database that
 * CVS_MSSQL_URL or CVS_MSSQL_SERVER names: `npm run migrate`. Each step runs once, in a transaction
 * of its own, recorded in schema_migratie; running it again, or beside running gateways, applies
 * nothing twice. Exits 0 when the database has every step, 1 when a step failed or SQL Server
 * cannot be reached, 2 when no SQL Server is configured.
 */
import { ConfigFout } from '../config.js';
import { beschrijf, mssqlConfig } from '../store/mssql/config.js';
import { leesMigraties, nodigeVersie } from '../store/mssql/migraties.js';
import { MssqlStore } from '../store/mssql/mssql-store.js';
import { uitleg } from './uitleg.js';

async function main(): Promise<number> {
  let config;
  try {
    config = mssqlConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigFout) {
      process.stderr.write(`migrate: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  if (!config) {
    process.stderr.write('migrate: set CVS_MSSQL_URL (or CVS_MSSQL_SERVER, CVS_MSSQL_DATABASE, CVS_MSSQL_USER, CVS_MSSQL_PASSWORD)\n');
    return 2;
  }
  const migraties = leesMigraties();
  const store = new MssqlStore(config);
  try {
    const toegepast = await store.migreer(migraties);
    await store.controleerSchema(migraties);
    for (const bestand of toegepast) process.stdout.write(`applied ${bestand}\n`);
    process.stdout.write(`${beschrijf(config)} has schema version ${nodigeVersie(migraties)}${toegepast.length === 0 ? ' (nothing to apply)' : ''}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`migrate: ${beschrijf(config)}: ${uitleg(err)}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

process.exitCode = await main();
