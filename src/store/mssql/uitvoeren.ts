/**
 * How the SQL Server adapter sends a statement of sql.ts and reads its answer, and what its errors
 * mean in the port's terms. The adapter's edge: a JJJJMMDD date goes out as a `date` and comes
 * back as JJJJMMDD; an ISO 8601 moment goes out as a `datetime2` and comes back as ISO 8601; every
 * parameter has the T-SQL type PARAMETERS gives it.
 */
import mssql from 'mssql';
import type { ConnectionPool, IRecordSet, ISqlType, Transaction } from 'mssql';
import { isDatum } from '../../domain/datum.js';
import { StoreConflict, StoreUnavailable } from '../port.js';
import type { Row } from '../rijen.js';
import { PARAMETERS, type ParameterNaam, type Statement } from './sql.js';

/** Where a statement runs: the pool (a connection of its own, autocommit) or a transaction. */
export type Doel = ConnectionPool | Transaction;

export interface Uitkomst {
  /** The result sets, in order, their dates as JJJJMMDD and their moments as ISO 8601. */
  readonly sets: Row[][];
  readonly rowsAffected: number[];
}

/**
 * A change had to wait too long for a lock (SQL Server error 1222, sp_getapplock -1) or was chosen
 * as a deadlock victim (error 1205, sp_getapplock -3): the transaction is rolled back and tried
 * again, a few times, and then the caller gets StoreUnavailable (fault 0051).
 */
export class Wachtfout extends StoreUnavailable {}

const TYPE = /^(char|varchar|nvarchar|int|bigint|bit|date|datetime2)(?:\((\d+|max)\))?$/;
const DATUM = /^(\d{4})(\d{2})(\d{2})$/;

/**
 * What every batch the adapter sends starts with. A SET in a parameterised batch (sp_executesql)
 * lasts until that batch ends, so each batch sets its own:
 * - `LOCK_TIMEOUT`: no statement waits for a lock longer than CVS_STORE_LOCK_TIMEOUT_MS (error
 *   1222, which the adapter retries), where without it every statement but the one that set it
 *   would wait until the request's time-out, which is not retried;
 * - `XACT_ABORT ON`: an error in a statement of a transaction rolls the whole transaction back at
 *   the server, so that no half of a change stays open on a connection the pool hands out again.
 */
export const VOORAF = 'SET XACT_ABORT ON;\nSET LOCK_TIMEOUT @cvs_lock_timeout_ms;\n';

/**
 * Sends `statement` with `waarden`, one for each of its parameters, after VOORAF with
 * `lockTimeoutMs`. Errors come back as they are (see `vertaal`).
 */
export async function voerUit<P extends ParameterNaam>(
  doel: Doel,
  statement: Statement<P>,
  waarden: { readonly [K in P]: unknown },
  lockTimeoutMs: number,
): Promise<Uitkomst> {
  const request = doel.request();
  request.input('cvs_lock_timeout_ms', mssql.Int, lockTimeoutMs);
  for (const naam of statement.parameters) {
    const type = PARAMETERS[naam];
    const waarde = naarSql(naam, type, (waarden as Record<string, unknown>)[naam]);
    request.input(naam, sqlType(type, waarde), waarde);
  }
  const r = await request.query(VOORAF + statement.sql);
  const sets = ((r.recordsets ?? []) as unknown as IRecordSet<Row>[]).map(normaliseer);
  return { sets, rowsAffected: r.rowsAffected };
}

/** The value as mssql sends it for a parameter of T-SQL type `type`. */
function naarSql(naam: string, type: string, waarde: unknown): unknown {
  if (waarde === undefined || waarde === null) return null;
  if (type === 'date') {
    const m = typeof waarde === 'string' && isDatum(waarde) ? DATUM.exec(waarde) : null;
    if (!m) throw new Error(`@${naam}: not a JJJJMMDD date`);
    const d = new Date(0);
    d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    return d;
  }
  if (type.startsWith('datetime2')) {
    const d = typeof waarde === 'string' ? new Date(waarde) : undefined;
    if (!d || Number.isNaN(d.getTime())) throw new Error(`@${naam}: not an ISO 8601 moment`);
    return d;
  }
  if (type === 'bit') return Boolean(waarde);
  return waarde;
}

/**
 * The mssql type of a parameter. A string longer than its column is sent at its own length, not
 * cut: a read then finds nothing, and a write fails on the column (a StoreConflict), as it should.
 */
function sqlType(type: string, waarde: unknown): ISqlType {
  const m = TYPE.exec(type);
  if (!m) throw new Error(`unknown parameter type ${type}`);
  const [, soort, lengte] = m;
  const n = lengte === 'max' || lengte === undefined ? mssql.MAX : Math.max(Number(lengte), typeof waarde === 'string' ? waarde.length : 0);
  switch (soort) {
    case 'char':
      return mssql.Char(n);
    case 'varchar':
      return mssql.VarChar(n);
    case 'nvarchar':
      return lengte === 'max' || n > 4000 ? mssql.NVarChar(mssql.MAX) : mssql.NVarChar(n);
    case 'int':
      return mssql.Int();
    case 'bigint':
      return mssql.BigInt();
    case 'bit':
      return mssql.Bit();
    case 'date':
      return mssql.Date();
    default:
      return mssql.DateTime2(Number(lengte ?? 7));
  }
}

/**
 * A result set as the SQLite adapter would give it: `date` columns as JJJJMMDD, `datetime2` columns
 * as ISO 8601, and `char(n)` values without the spaces SQL Server pads them with.
 */
function normaliseer(set: IRecordSet<Row>): Row[] {
  const datums: string[] = [];
  const momenten: string[] = [];
  const vast: string[] = [];
  for (const [naam, kolom] of Object.entries(set.columns ?? {})) {
    if (kolom.type === mssql.Date) datums.push(naam);
    else if (kolom.type === mssql.DateTime2 || kolom.type === mssql.DateTime) momenten.push(naam);
    else if (kolom.type === mssql.Char || kolom.type === mssql.NChar) vast.push(naam);
  }
  if (datums.length === 0 && momenten.length === 0 && vast.length === 0) return [...set];
  return set.map((row) => {
    const uit: Row = { ...row };
    for (const naam of datums) if (uit[naam] instanceof Date) uit[naam] = jjjjmmdd(uit[naam] as Date);
    for (const naam of momenten) if (uit[naam] instanceof Date) uit[naam] = (uit[naam] as Date).toISOString();
    for (const naam of vast) if (typeof uit[naam] === 'string') uit[naam] = (uit[naam] as string).trimEnd();
    return uit;
  });
}

function jjjjmmdd(d: Date): string {
  const y = String(d.getUTCFullYear()).padStart(4, '0');
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dag = String(d.getUTCDate()).padStart(2, '0');
  return `${y}${m}${dag}`;
}

// ---------------------------------------------------------------------------------------------
// Ending a transaction that failed
// ---------------------------------------------------------------------------------------------

/** What of a tedious connection the adapter touches: it can be closed. */
export interface Verbinding {
  close(): void;
}

/**
 * What of mssql's Transaction the adapter uses here. `acquire` and `release` are how mssql's
 * Transaction lends its one connection to each of its requests (base/transaction.js); they are
 * not in mssql's type declarations.
 */
export interface TeBeeindigen {
  rollback(): Promise<void>;
  acquire(requester: object, callback: (err: unknown, verbinding?: Verbinding) => void): unknown;
  release(verbinding: Verbinding): unknown;
}

/** The connection a begun transaction holds (undefined when mssql will not lend it). */
export function verbindingVan(tx: TeBeeindigen): Promise<Verbinding | undefined> {
  return new Promise((resolve) => {
    tx.acquire(tx, (err, v) => {
      if (err || !v) return resolve(undefined);
      tx.release(v);
      resolve(v);
    });
  });
}

/**
 * Rolls `tx`, on `verbinding`, back after a failure. With XACT_ABORT ON the server has mostly
 * rolled it back already: mssql then hands the connection back to the pool itself and the rollback
 * answers EABORT, which is as it should be. Any other failure of the rollback (it timed out, a
 * request was still in progress) can leave the transaction open on a connection that mssql gives
 * back to the pool, or keeps: the next user would join it. Such a connection is closed, which ends
 * its session and with it the transaction at the server; the pool's check on lending (`closed`)
 * then replaces it, and `pool.release` gives back a pool place mssql kept. Answers whether it was
 * discarded.
 */
export async function terugdraaien(
  tx: TeBeeindigen,
  verbinding: Verbinding | undefined,
  pool: { release(verbinding: Verbinding): unknown },
): Promise<boolean> {
  try {
    await tx.rollback();
    return false;
  } catch (err) {
    if ((err as { code?: string }).code === 'EABORT' || verbinding === undefined) return false;
    try {
      verbinding.close();
    } finally {
      pool.release(verbinding);
    }
    return true;
  }
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/** A unique key (2627, 2601), a foreign key or check (547), NOT NULL (515), a value too long (2628, 8152). */
const WEIGERING = new Set([2627, 2601, 547, 515, 2628, 8152]);
/** Deadlock victim, lock request time-out. */
const WACHTEN = new Set([1205, 1222]);
/**
 * The server or the database cannot be used now: cannot open the database (4060), login failed
 * (18456), the connection was broken (233, 10053, 10054, 10060), Azure SQL's transient errors.
 */
const ONBEREIKBAAR = new Set([233, 4060, 18456, 10053, 10054, 10060, 10928, 10929, 40197, 40501, 40613, 49918, 49919, 49920]);
/** mssql's and tedious's codes for a connection that failed, closed, or a statement that ran out of time. */
const VERBINDING = new Set(['ESOCKET', 'ECONNCLOSED', 'ECLOSE', 'ETIMEOUT', 'ELOGIN', 'ENOTOPEN', 'EINSTLOOKUP', 'ENOCONN', 'EINVALIDSTATE', 'ECONNRESET', 'ECONNREFUSED']);

interface MssqlFout {
  readonly name?: string;
  readonly code?: string;
  readonly number?: number;
  readonly originalError?: unknown;
  readonly precedingErrors?: unknown[];
}

/** Every SQL Server error number an error carries, its preceding errors' too. */
function nummers(err: MssqlFout): number[] {
  const uit: number[] = [];
  for (const e of [err, ...(err.precedingErrors ?? [])] as MssqlFout[]) {
    if (typeof e?.number === 'number') uit.push(e.number);
  }
  return uit;
}

/**
 * The port's error for what mssql threw: StoreConflict for a refused write, Wachtfout for a lock
 * that was not granted in time or a deadlock, StoreUnavailable when SQL Server cannot be reached;
 * anything else (a fault in a statement) as it is. The message names the code and number only.
 */
export function vertaal(err: unknown): unknown {
  if (err instanceof StoreConflict || err instanceof StoreUnavailable) return err;
  if (!(err instanceof Error)) return err;
  const e = err as Error & MssqlFout;
  const n = nummers(e);
  const wat = [e.code, ...n].filter((x) => x !== undefined).join(' ');
  if (n.some((x) => WACHTEN.has(x))) return new Wachtfout(`SQL Server: lock not granted in time or deadlock (${wat})`, { cause: err });
  if (n.some((x) => WEIGERING.has(x))) return new StoreConflict(`the store refused a write (${wat})`, { cause: err });
  if (n.some((x) => ONBEREIKBAAR.has(x))) return new StoreUnavailable(`SQL Server unavailable (${wat})`, { cause: err });
  const code = e.code ?? (e.originalError as MssqlFout | undefined)?.code;
  if (e.name === 'ConnectionError' || e.name === 'TimeoutError' || (code !== undefined && VERBINDING.has(code))) {
    return new StoreUnavailable(`SQL Server unavailable (${code ?? e.name})`, { cause: err });
  }
  return err;
}
