/**
 * The SQL Server settings, from the environment (docs/operations.md "SQL Server"). SQL Server is
 * chosen when
 * `CVS_MSSQL_URL` or `CVS_MSSQL_SERVER` is set:
 *
 *   CVS_MSSQL_URL                  a connection string, `Server=host,1433;Database=cvs;User Id=…;Password=…;
 *                                  Encrypt=true;TrustServerCertificate=false`, or a URL
 *                                  `mssql://user:password@host:1433/database?encrypt=true`
 *   CVS_MSSQL_SERVER               or the parts: host, optionally `,port` (or `\instance`)
 *   CVS_MSSQL_DATABASE, CVS_MSSQL_USER, CVS_MSSQL_PASSWORD
 *   CVS_MSSQL_ENCRYPT              true (default) or false
 *   CVS_MSSQL_TRUST_SERVER_CERTIFICATE  false (default) or true: accept a self-signed certificate
 *   CVS_MSSQL_POOL_MAX             connections in the pool (10)
 *   CVS_MSSQL_REQUEST_TIMEOUT_MS   a statement's time limit (15000)
 *   CVS_MSSQL_CONNECT_TIMEOUT_MS   a connection's time limit (15000)
 *   CVS_MSSQL_MIGRATE              true: apply the migrations at start (default false: check them)
 *
 * ENCRYPT, TRUST_SERVER_CERTIFICATE, POOL_MAX and the time limits also apply on top of a
 * CVS_MSSQL_URL. How long a change waits for a lock is CVS_STORE_LOCK_TIMEOUT_MS, as for SQLite
 * (src/config.ts). No message of this module contains the password, nor the connection string.
 */
import mssql from 'mssql';
import type { config as PoolConfig } from 'mssql';
import { ConfigFout } from '../../config.js';

export interface MssqlConfig {
  /** What mssql connects with. Holds the password: never log it, never put it in a message. */
  readonly verbinding: PoolConfig;
  /** Apply the migrations at start (CVS_MSSQL_MIGRATE); otherwise the store checks they were applied. */
  readonly migreer: boolean;
}

const NAMEN = [
  'CVS_MSSQL_URL',
  'CVS_MSSQL_SERVER',
  'CVS_MSSQL_DATABASE',
  'CVS_MSSQL_USER',
  'CVS_MSSQL_PASSWORD',
  'CVS_MSSQL_ENCRYPT',
  'CVS_MSSQL_TRUST_SERVER_CERTIFICATE',
  'CVS_MSSQL_POOL_MAX',
  'CVS_MSSQL_REQUEST_TIMEOUT_MS',
  'CVS_MSSQL_CONNECT_TIMEOUT_MS',
  'CVS_MSSQL_MIGRATE',
] as const;

const gezet = (env: NodeJS.ProcessEnv, naam: string): string | undefined => {
  const v = env[naam];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
};

function geheel(env: NodeJS.ProcessEnv, naam: string, standaard: number, min: number): number {
  const raw = gezet(env, naam);
  if (raw === undefined) return standaard;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new ConfigFout(`${naam} must be a whole number of at least ${min}`);
  return value;
}

function vlag(env: NodeJS.ProcessEnv, naam: string): boolean | undefined {
  const raw = gezet(env, naam)?.toLowerCase();
  if (raw === undefined) return undefined;
  if (['true', '1', 'yes', 'ja'].includes(raw)) return true;
  if (['false', '0', 'no', 'nee'].includes(raw)) return false;
  throw new ConfigFout(`${naam} must be true or false`);
}


/** The SQL Server settings, or undefined when the environment names no SQL Server. */
export function mssqlConfig(env: NodeJS.ProcessEnv): MssqlConfig | undefined {
  const url = gezet(env, 'CVS_MSSQL_URL');
  const server = gezet(env, 'CVS_MSSQL_SERVER');
  if (url === undefined && server === undefined) {
    const los = NAMEN.find((n) => gezet(env, n) !== undefined);
    if (los) throw new ConfigFout(`${los} is set, but neither CVS_MSSQL_URL nor CVS_MSSQL_SERVER names a SQL Server`);
    return undefined;
  }
  if (url !== undefined && server !== undefined) throw new ConfigFout('set CVS_MSSQL_URL or CVS_MSSQL_SERVER, not both');

  const basis = url !== undefined ? uitUrl(url) : uitDelen(env, server!);
  const encrypt = vlag(env, 'CVS_MSSQL_ENCRYPT');
  const trust = vlag(env, 'CVS_MSSQL_TRUST_SERVER_CERTIFICATE');
  const requestTimeout = geheel(env, 'CVS_MSSQL_REQUEST_TIMEOUT_MS', basis.requestTimeout ?? 15_000, 1);
  const connectionTimeout = geheel(env, 'CVS_MSSQL_CONNECT_TIMEOUT_MS', basis.connectionTimeout ?? 15_000, 1);
  const max = geheel(env, 'CVS_MSSQL_POOL_MAX', basis.pool?.max ?? 10, 1);
  const verbinding: PoolConfig = {
    ...basis,
    requestTimeout,
    connectionTimeout,
    // Checks that a pooled connection's socket is open before it is lent out, without a round trip.
    validateConnection: 'socket',
    options: {
      ...basis.options,
      encrypt: encrypt ?? basis.options?.encrypt ?? true,
      trustServerCertificate: trust ?? basis.options?.trustServerCertificate ?? false,
      appName: 'cvs-koppeling',
      // Dates and moments cross the wire as UTC: a JJJJMMDD date never shifts a day.
      useUTC: true,
      // The SET options a filtered index (signaal_aanleiding) needs for writes; tedious's defaults, made explicit.
      enableArithAbort: true,
      enableAnsiNull: true,
      enableAnsiPadding: true,
      enableAnsiWarnings: true,
      enableConcatNullYieldsNull: true,
      enableQuotedIdentifier: true,
      enableNumericRoundabort: false,
    },
    pool: { min: 0, idleTimeoutMillis: 30_000, ...basis.pool, max, acquireTimeoutMillis: connectionTimeout + requestTimeout },
  };
  return {
    verbinding,
    migreer: vlag(env, 'CVS_MSSQL_MIGRATE') ?? false,
  };
}

/** Where the store connects, for a log line or a message: no user, no password. */
export function beschrijf(config: MssqlConfig): string {
  const v = config.verbinding;
  const instance = v.options?.instanceName ? `\\${v.options.instanceName}` : '';
  return `${v.server}${instance}${v.port ? `,${v.port}` : ''}/${v.database ?? '(default database)'}`;
}

function uitUrl(url: string): PoolConfig {
  if (/^(mssql|sqlserver):\/\//i.test(url)) return uitUri(url);
  let parsed: ReturnType<typeof mssql.ConnectionPool.parseConnectionString>;
  try {
    parsed = mssql.ConnectionPool.parseConnectionString(url);
  } catch {
    // The parser's own message may quote the string, password and all.
    throw new ConfigFout('CVS_MSSQL_URL is not a connection string such as Server=host,1433;Database=…;User Id=…;Password=…');
  }
  if (!parsed.server) throw new ConfigFout('CVS_MSSQL_URL names no Server (Server=host,1433;Database=…;User Id=…;Password=…)');
  return parsed;
}

/** mssql://user:password@host:port/database?encrypt=true&trustServerCertificate=true */
function uitUri(url: string): PoolConfig {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ConfigFout('CVS_MSSQL_URL is not a valid mssql:// URL');
  }
  if (!u.hostname) throw new ConfigFout('CVS_MSSQL_URL names no host');
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  const optie = (naam: string): boolean | undefined => {
    const v = [...u.searchParams].find(([k]) => k.toLowerCase() === naam.toLowerCase())?.[1]?.toLowerCase();
    if (v === undefined) return undefined;
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
    throw new ConfigFout(`CVS_MSSQL_URL: ${naam} must be true or false`);
  };
  const encrypt = optie('encrypt');
  const trustServerCertificate = optie('trustServerCertificate');
  return {
    server: u.hostname,
    port: u.port ? Number(u.port) : 1433,
    ...(database ? { database } : {}),
    ...(u.username ? { user: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    options: {
      ...(encrypt !== undefined ? { encrypt } : {}),
      ...(trustServerCertificate !== undefined ? { trustServerCertificate } : {}),
    },
    pool: {},
  };
}

function uitDelen(env: NodeJS.ProcessEnv, server: string): PoolConfig {
  const m = /^([^,\\]+)(?:\\([^,]+))?(?:,(\d+))?$/.exec(server);
  if (!m) throw new ConfigFout('CVS_MSSQL_SERVER must be a host, optionally with \\instance and ,port');
  const database = gezet(env, 'CVS_MSSQL_DATABASE');
  const user = gezet(env, 'CVS_MSSQL_USER');
  const password = env.CVS_MSSQL_PASSWORD;
  if (user !== undefined && !password) throw new ConfigFout('CVS_MSSQL_USER is set without CVS_MSSQL_PASSWORD');
  return {
    server: m[1]!.trim(),
    ...(m[3] ? { port: Number(m[3]) } : {}),
    ...(database ? { database } : {}),
    ...(user ? { user } : {}),
    ...(password ? { password } : {}),
    options: m[2] ? { instanceName: m[2] } : {},
    pool: {},
  };
}
