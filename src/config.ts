/**
 * Configuration, from environment variables only (docs/operations.md "Configuration").
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { isDatum, type Datum } from './domain/datum.js';
import { DEFAULT_LIMITS, type ParserLimits } from './soap/prescan.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Only for the sandbox: a production gateway must be given its own secret. */
export const SANDBOX_PSEUDONYM_KEY = 'cvs-koppeling-sandbox-pseudonym-key';

export interface Config {
  readonly host: string;
  readonly port: number;
  /** The path of the SOAP endpoint. */
  readonly endpointPath: string;
  /**
   * The public URL of the endpoint, as the WSDL states it and wsa:To must name it. Required outside
   * the sandbox (the Host header is the caller's to choose); in the sandbox derived from the request
   * when not set.
   */
  readonly publicUrl?: string;
  /** SQLite file of the embedded store; ':memory:' by default. */
  readonly database: string;
  /** The dataset loaded at start-up into an empty store. */
  readonly dataset: string;
  readonly pseudonymKey: string;
  readonly maxBodyBytes: number;
  readonly requestTimeoutMs: number;
  readonly logLevel: string;
  /** CVS_LOG_FORMAT: json or pretty; unset, pretty at a terminal and JSON otherwise (log/logger.ts). */
  readonly logFormat?: 'json' | 'pretty';
  /** How often the signaal engine and the clean-up of stored answers run (also at start); 0: only at start. */
  readonly signaalIntervalMs: number;
  /** How long the answer to a change is kept for a repeated MessageID (idempotency). */
  readonly antwoordBewaardagen: number;
  /** sandbox: plain HTTP, the OIN from the request; productie: mTLS, the OIN from the certificate; proxy: behind a TLS-terminating proxy. */
  readonly modus: Modus;
  /** productie: the server's certificate and key, and the CA files a client certificate must chain to. */
  readonly tls?: { readonly cert: string; readonly key: string; readonly ca: readonly string[] };
  /** proxy: the proxy's addresses and the header in which it passes the OIN. */
  readonly proxy?: ProxyInstelling;
  /** The afnemers file (required outside the sandbox; the sandbox takes the dataset's). */
  readonly afnemers?: string;
  /** How long the record of reads and changes (the inzage trail) is kept. */
  readonly inzageBewaardagen: number;
  /** How long a change waits for the database's write lock before fault 0051. */
  readonly storeLockTimeoutMs: number;
  /** The parser limits checked before libxml2 sees a message (soap/prescan.ts). */
  readonly parserLimits: ParserLimits;
  /** A fixed "today" (JJJJMMDD) for reproducible sandbox runs; the real date otherwise. */
  readonly today?: Datum;
  readonly xsdDir: string;
  /** Processes serving the one port under node:cluster; 1: the process serves itself, no cluster. */
  readonly workers: number;
  /** GET /metrics in Prometheus text format (CVS_METRICS); off: nothing collected, /metrics is 404. */
  readonly metrics: boolean;
  /**
   * The operations listener (plain HTTP) serving /metrics, /health and /ready instead of the SOAP
   * listener (edge/ops.ts). Always there outside the sandbox; in the sandbox only with CVS_OPS_PORT.
   */
  readonly ops?: { readonly host: string; readonly port: number };
  /** Per caller OIN and per process: requests per second and burst (token bucket), and requests in flight; 0 is off (edge/limits.ts). */
  readonly oinLimieten: OinLimietInstelling;
}

export interface OinLimietInstelling {
  /** Sustained requests per second per OIN; 0: no rate limit. */
  readonly rate: number;
  /** Requests an OIN may send at once above the rate (the bucket's size). */
  readonly burst: number;
  /** Requests of one OIN in flight at once; 0: no bound. */
  readonly concurrent: number;
}

/** How the gateway learns the caller's OIN (auth/identiteit.ts, docs/operations.md "Production"). */
export type Modus = 'sandbox' | 'productie' | 'proxy';

export interface ProxyInstelling {
  /** The addresses the proxy connects from. */
  readonly adressen: readonly string[];
  /** The header in which it passes the OIN of the client certificate it checked. */
  readonly oinHeader: string;
}

export class ConfigFout extends Error {
  override readonly name = 'ConfigFout';
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new ConfigFout(`${name} must be a whole number of at least ${min}`);
  return value;
}

/** True when the environment chooses SQL Server as the store (store/mssql/config.ts). */
export function kiestMssql(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.CVS_MSSQL_URL?.trim() || env.CVS_MSSQL_SERVER?.trim());
}

function vlag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  throw new ConfigFout(`${name} must be 1 or 0`);
}

/**
 * CVS_WORKERS: by default one process per core outside the sandbox, one in the sandbox. Several
 * processes share one store, so an in-memory SQLite database (private to the process that opened
 * it) allows only one: by default silently, asked for explicitly it stops the start.
 */
function workersVan(env: NodeJS.ProcessEnv, modus: Modus, database: string): number {
  const gedeeld = kiestMssql(env) || database !== ':memory:';
  if (env.CVS_WORKERS === undefined || env.CVS_WORKERS === '') return modus === 'sandbox' || !gedeeld ? 1 : availableParallelism();
  const workers = int(env, 'CVS_WORKERS', 1);
  if (workers > 1 && !gedeeld) {
    throw new ConfigFout(
      `CVS_WORKERS=${workers} needs a store every process can open: CVS_DATABASE=:memory: lives inside one process. Set CVS_DATABASE to a file (or use SQL Server), or CVS_WORKERS=1`,
    );
  }
  return workers;
}

/** A number of at least 0, fractions allowed (a rate per second). */
function getal(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || raw.trim() === '') throw new ConfigFout(`${name} must be a number of at least 0`);
  return value;
}

/**
 * CVS_PUBLIC_URL: outside the sandbox required, for the WSDL's address and wsa:To must never come
 * from the Host header a caller sends. An absolute http(s) URL whose path is the endpoint's, without
 * query or fragment: the gateway serves nothing else, so any other path would be a WSDL that names
 * an address where nothing answers.
 */
function publicUrlVan(env: NodeJS.ProcessEnv, modus: Modus, endpointPath: string): string | undefined {
  const raw = env.CVS_PUBLIC_URL?.trim();
  if (!raw) {
    if (modus === 'sandbox') return undefined;
    throw new ConfigFout(
      `CVS_MODE=${modus} needs CVS_PUBLIC_URL, the endpoint's address as the afnemers call it (e.g. https://cvs.example.nl${endpointPath}): the WSDL states it and wsa:To must name it`,
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigFout('CVS_PUBLIC_URL must be an absolute http or https URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigFout('CVS_PUBLIC_URL must be an absolute http or https URL');
  if (url.search || url.hash || raw.includes('?') || raw.includes('#')) throw new ConfigFout('CVS_PUBLIC_URL must have no query or fragment');
  if (url.pathname !== endpointPath) throw new ConfigFout(`CVS_PUBLIC_URL must end in the endpoint path ${endpointPath} (CVS_ENDPOINT_PATH)`);
  return raw;
}

/** Port 9090 by default outside the sandbox: there /metrics never goes out on the SOAP listener. */
const OPS_POORT = 9090;

function opsVan(env: NodeJS.ProcessEnv, modus: Modus): Config['ops'] {
  const host = env.CVS_OPS_HOST || '127.0.0.1';
  if (env.CVS_OPS_PORT === undefined || env.CVS_OPS_PORT === '') return modus === 'sandbox' ? undefined : { host, port: OPS_POORT };
  return { host, port: int(env, 'CVS_OPS_PORT', OPS_POORT, 0) };
}

function modusVan(env: NodeJS.ProcessEnv): Pick<Config, 'modus' | 'tls' | 'proxy' | 'afnemers'> {
  const modus = (env.CVS_MODE || 'sandbox') as Modus;
  if (!['sandbox', 'productie', 'proxy'].includes(modus)) throw new ConfigFout('CVS_MODE must be sandbox, productie or proxy');
  const afnemers = env.CVS_AFNEMERS || undefined;
  if (modus !== 'sandbox' && !afnemers) throw new ConfigFout(`CVS_MODE=${modus} needs CVS_AFNEMERS, the afnemers file`);
  if (modus === 'productie') {
    const { CVS_TLS_CERT: cert, CVS_TLS_KEY: key, CVS_TLS_CA: ca } = env;
    if (!cert || !key || !ca) throw new ConfigFout('CVS_MODE=productie needs CVS_TLS_CERT, CVS_TLS_KEY and CVS_TLS_CA');
    return { modus, tls: { cert, key, ca: ca.split(',').map((f) => f.trim()) }, afnemers };
  }
  if (modus === 'proxy') {
    const adressen = (env.CVS_PROXY_ADRESSEN || '').split(',').map((a) => a.trim()).filter(Boolean);
    if (adressen.length === 0 || !env.CVS_PROXY_OIN_HEADER) throw new ConfigFout('CVS_MODE=proxy needs CVS_PROXY_ADRESSEN and CVS_PROXY_OIN_HEADER');
    return { modus, proxy: { adressen, oinHeader: env.CVS_PROXY_OIN_HEADER }, afnemers };
  }
  return { modus, ...(afnemers ? { afnemers } : {}) };
}

function logFormatVan(env: NodeJS.ProcessEnv): Pick<Config, 'logFormat'> {
  const format = env.CVS_LOG_FORMAT?.trim();
  if (!format) return {};
  if (format !== 'json' && format !== 'pretty') throw new ConfigFout('CVS_LOG_FORMAT must be json or pretty');
  return { logFormat: format };
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const today = env.CVS_TODAY || undefined;
  if (today !== undefined && !isDatum(today)) throw new ConfigFout('CVS_TODAY must be a date JJJJMMDD');
  const endpointPath = env.CVS_ENDPOINT_PATH || '/cvs-koppeling/wi2021_v1';
  if (!endpointPath.startsWith('/')) throw new ConfigFout('CVS_ENDPOINT_PATH must start with /');
  const database = env.CVS_DATABASE || ':memory:';
  const modus = modusVan(env);
  const publicUrl = publicUrlVan(env, modus.modus, endpointPath);
  const ops = opsVan(env, modus.modus);
  return {
    host: env.CVS_HOST || '127.0.0.1',
    port: int(env, 'CVS_PORT', 8080, 0),
    endpointPath,
    ...(publicUrl ? { publicUrl } : {}),
    database,
    dataset: env.CVS_DATASET || `${ROOT}fixtures/dataset.json`,
    pseudonymKey: env.CVS_PSEUDONYM_KEY || SANDBOX_PSEUDONYM_KEY,
    maxBodyBytes: int(env, 'CVS_MAX_BODY_BYTES', 256 * 1024),
    requestTimeoutMs: int(env, 'CVS_REQUEST_TIMEOUT_MS', 30_000),
    logLevel: env.CVS_LOG_LEVEL || 'info',
    ...logFormatVan(env),
    signaalIntervalMs: int(env, 'CVS_SIGNAAL_INTERVAL_MS', 3_600_000, 0),
    antwoordBewaardagen: int(env, 'CVS_ANTWOORD_BEWAARDAGEN', 7),
    ...modus,
    inzageBewaardagen: int(env, 'CVS_INZAGE_BEWAARDAGEN', 730),
    storeLockTimeoutMs: int(env, 'CVS_STORE_LOCK_TIMEOUT_MS', 1000),
    parserLimits: {
      attributes: int(env, 'CVS_MAX_ATTRIBUTES', DEFAULT_LIMITS.attributes),
      attributeLength: int(env, 'CVS_MAX_ATTRIBUTE_LENGTH', DEFAULT_LIMITS.attributeLength),
      depth: int(env, 'CVS_MAX_DEPTH', DEFAULT_LIMITS.depth),
      elements: int(env, 'CVS_MAX_ELEMENTS', DEFAULT_LIMITS.elements),
      children: int(env, 'CVS_MAX_CHILDREN', DEFAULT_LIMITS.children),
      textLength: int(env, 'CVS_MAX_TEXT_LENGTH', DEFAULT_LIMITS.textLength),
      nameLength: int(env, 'CVS_MAX_NAME_LENGTH', DEFAULT_LIMITS.nameLength),
    },
    ...(today ? { today } : {}),
    xsdDir: `${ROOT}xsd`,
    workers: workersVan(env, modus.modus, database),
    metrics: vlag(env, 'CVS_METRICS', true),
    ...(ops ? { ops } : {}),
    oinLimieten: { rate: getal(env, 'CVS_OIN_RATE', 10), burst: int(env, 'CVS_OIN_BURST', 50), concurrent: int(env, 'CVS_OIN_CONCURRENT', 8, 0) },
  };
}
