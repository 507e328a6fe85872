/**
 * The embedded store's dossier read: a person's dossier in one lookup of `dossier_lezing`, the
 * dossier as last read (schema.ts), or else in one statement over its dozen tables, whose rows are
 * then kept for the next read.
 *
 * Why: the statement over a dozen tables was the largest part of an overview under load (a quarter
 * to a third of its time); the lookup takes about a third of the statement's time (docs/development.md,
 * "Performance").
 *
 * When the rows are kept: a person read from the tables, outside a change, is remembered; the
 * store's next write transaction, once it holds the write lock and before it writes anything
 * itself, reads those persons again on the writing connection and keeps what it reads: the tables
 * as they are, since nothing else can write meanwhile. Every change after that deletes the kept
 * rows in its own transaction (the triggers of schema.ts), so a lookup never finds rows older than
 * the last change, by this instance or another on the same file. (Keeping the rows of the read
 * itself would save the second read, but under load another commit nearly always came between:
 * SQLite only tells that something was committed, not what.)
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { DOSSIER_SQL as DOSSIER } from '../dossier-sql.js';
import { DOSSIER_DELEN, type DossierDeel, type Row } from '../rijen.js';

/**
 * The statement over the tables: the parts' rows one after another, each as a JSON array, ordered
 * by part and the part's own order. A statement per part cost about 3 µs each before any row, and
 * the driver's row objects more than JSON.parse of the same values (measured: 44 µs against 70 µs
 * for the full overview's person).
 */
function dossierStatement(db: Database.Database): { statement: Database.Statement; kolommen: string[][] } {
  const delen = DOSSIER_DELEN.map((deel, i) => {
    const { select, volgorde } = DOSSIER[deel];
    const kolommen = db.prepare(select).columns().map((c) => c.name);
    const sleutel = (k: number) => (volgorde[k] === undefined ? 'NULL' : `x."${volgorde[k]}"`);
    const sql = `SELECT ${i} AS deel, ${sleutel(0)} AS s1, ${sleutel(1)} AS s2, json_array(${kolommen.map((c) => `x."${c}"`).join(', ')}) AS rij FROM (${select}) x`;
    return { kolommen, sql };
  });
  const statement = db.prepare(`${delen.map((d) => d.sql).join('\nUNION ALL\n')}\nORDER BY deel, s1, s2`).raw(true);
  return { statement, kolommen: delen.map((d) => d.kolommen) };
}

/** Every table a dossier is read from (a test holds schema.ts's triggers to this list). */
export function dossierTabellen(): string[] {
  const sql = Object.values(DOSSIER).map((d) => d.select).join('\n');
  return [...new Set([...sql.matchAll(/\b(?:FROM|JOIN)\s+([a-z_]+)/g)].map((m) => m[1]!))].sort();
}

/** Per part, its rows as arrays of values in the order of its columns. */
type Waarden = unknown[][][];

/** At most this many persons wait to be kept; a read beyond it is not remembered (the next one is). */
const MAX_WACHTEND = 1000;
/** At most this many are read again and kept per write transaction (each about 50 µs of the event loop). */
const MAX_PER_TRANSACTIE = 32;

export class DossierLezer {
  private readonly statement: Database.Statement;
  private readonly kolommen: string[][];
  private readonly vorm: string;
  private readonly opgeslagen: Database.Statement;
  /** On the writing connection: the statement over the tables, and the insert of kept rows. */
  private readonly bewaarIn: { readonly statement: Database.Statement; readonly rij: Database.Statement } | undefined;
  private readonly plaats = new Map<DossierDeel, number>(DOSSIER_DELEN.map((deel, i) => [deel, i]));
  /** The persons read from the tables since the last write transaction. */
  private readonly wachtend = new Set<string>();

  constructor(
    /** The connection the dossiers are read through. */
    private readonly db: Database.Database,
    /**
     * The store's writing connection (which may be `db`), that keeps rows; none: nothing is kept
     * (a read-only file, or the reads inside a change).
     */
    schrijver: Database.Database | undefined,
  ) {
    ({ statement: this.statement, kolommen: this.kolommen } = dossierStatement(db));
    this.vorm = createHash('sha256').update(this.statement.source).digest('hex').slice(0, 16);
    this.opgeslagen = db.prepare('SELECT rijen FROM dossier_lezing WHERE bsn = ? AND vorm = ?').pluck();
    this.bewaarIn = schrijver && {
      statement: schrijver === db ? this.statement : dossierStatement(schrijver).statement,
      rij: schrijver.prepare('INSERT OR REPLACE INTO dossier_lezing (bsn, vorm, rijen) VALUES (?, ?, ?)'),
    };
  }

  /** The rows of each part of a person's dossier (no person row: an empty persoon part). */
  lees(bsn: string): (deel: DossierDeel) => Row[] {
    const json = this.opgeslagen.get(bsn, this.vorm) as string | undefined;
    let waarden: Waarden;
    if (json !== undefined) waarden = JSON.parse(json) as Waarden;
    else {
      waarden = leesTabellen(this.statement, bsn);
      // A read inside a change is not remembered: the change is about to make it old.
      if (this.bewaarIn && !this.db.inTransaction && waarden[0]!.length > 0 && this.wachtend.size < MAX_WACHTEND) this.wachtend.add(bsn);
    }
    const rijen = waarden.map((deel, i) => {
      const kolommen = this.kolommen[i]!;
      return deel.map((w) => {
        const rij: Row = {};
        for (let k = 0; k < kolommen.length; k++) rij[kolommen[k]!] = w[k];
        return rij;
      });
    });
    return (deel) => rijen[this.plaats.get(deel)!]!;
  }

  /**
   * Keeps the dossiers of persons read from the tables lately: read again on the writing
   * connection, inside a write transaction that holds the lock and has not written anything yet,
   * so that what is kept is what the tables hold. A dossier is read twice after each change of
   * it, and then once per read until the next.
   */
  bewaar(): void {
    if (!this.bewaarIn) return;
    let n = 0;
    for (const bsn of this.wachtend) {
      if (n++ === MAX_PER_TRANSACTIE) break;
      this.wachtend.delete(bsn);
      const waarden = leesTabellen(this.bewaarIn.statement, bsn);
      if (waarden[0]!.length > 0) this.bewaarIn.rij.run(bsn, this.vorm, JSON.stringify(waarden));
    }
  }
}

function leesTabellen(statement: Database.Statement, bsn: string): Waarden {
  const waarden: Waarden = DOSSIER_DELEN.map(() => []);
  for (const [deel, , , json] of statement.all({ bsn }) as [number, unknown, unknown, string][]) waarden[deel]!.push(JSON.parse(json) as unknown[]);
  return waarden;
}
