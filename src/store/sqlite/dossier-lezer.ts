/**
 * The embedded store's dossier read: a person's dossier in one lookup of `dossier_lezing`, the
 * dossier as last read (schema.ts), or else in one statement over its dozen tables, whose rows are
 * then kept for the next read.
 *
 * Why: the statement over a dozen tables was the largest part of an overview under load (a quarter
 * to a third of its time); the lookup takes about a third of the statement's time (README,
 * Performance).
 *
 * When the rows are kept: a read outside a transaction remembers its rows with the state it read
 * them in: SQLite's data_version (which changes when another connection commits) and the
 * connection's own total_changes(). The next write transaction of this store, once it holds the
 * write lock and before it writes anything itself, keeps the rows of every remembered read whose
 * state is still the current one: nothing can have changed them since. Every change after that
 * deletes the kept rows in its own transaction (the triggers of schema.ts), so a lookup never finds
 * rows older than the last change, by this instance or another on the same file.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { DOSSIER_DELEN, type DossierDeel, type Row } from '../rijen.js';

/**
 * The parts of a dossier (store/rijen.ts): each a SELECT of one person's rows (`@bsn`), and the
 * columns its rows are ordered by (at most two).
 */
const DOSSIER: Record<DossierDeel, { readonly select: string; readonly volgorde: readonly string[] }> = {
  persoon: { select: 'SELECT * FROM persoon WHERE bsn = @bsn', volgorde: [] },
  toets: { select: 'SELECT * FROM leerbaarheidstoets WHERE bsn = @bsn', volgorde: [] },
  examens: { select: 'SELECT * FROM examen WHERE bsn = @bsn', volgorde: ['onderdeel', 'niveau'] },
  aanvragen: { select: 'SELECT * FROM aanvraag WHERE bsn = @bsn', volgorde: ['volgnummer'] },
  pip: { select: 'SELECT * FROM pip_versie WHERE bsn = @bsn', volgorde: ['versie'] },
  intrekkingen: { select: 'SELECT initiele_versie FROM pip_intrekking WHERE bsn = @bsn', volgorde: ['initiele_versie'] },
  aanbod: {
    select: 'SELECT a.*, i.naam AS instelling_naam FROM aanbod_versie a JOIN instelling i ON i.instellingcode = a.instellingcode WHERE a.bsn = @bsn',
    volgorde: ['versie'],
  },
  map: { select: 'SELECT versie, gemeentecode, datum_eindgesprek AS datum FROM map_versie WHERE bsn = @bsn', volgorde: ['versie'] },
  pvt: { select: 'SELECT versie, gemeentecode, datum_ondertekening AS datum FROM pvt_versie WHERE bsn = @bsn', volgorde: ['versie'] },
  uren: {
    // The latest version per registration (domain/dossier.ts), from the index uren_versie_registratie:
    // 30 µs for a person with 200 versions, where a window function over them took 220 µs.
    select: `
      SELECT u.bsn, u.versie, u.type_uren, u.instellingcode, u.datum_tot, u.aantal_uren, u.gemeentecode, u.ingetrokken, u.mutatie_id
        FROM (SELECT MAX(versie) AS versie FROM uren_versie WHERE bsn = @bsn GROUP BY type_uren, instellingcode) laatste
        JOIN uren_versie u ON u.bsn = @bsn AND u.versie = laatste.versie`,
    volgorde: ['versie'],
  },
  contactpersonen: {
    select: `
      SELECT k.gemeentecode, k.volgnummer, c.naam, c.email, c.telefoonnummer, c.algemeen
        FROM koppeling_versie k
        JOIN contactpersoon_versie c ON c.gemeentecode = k.gemeentecode AND c.volgnummer = k.volgnummer
       WHERE k.bsn = @bsn
         AND k.versie = (SELECT MAX(k2.versie) FROM koppeling_versie k2 WHERE k2.bsn = k.bsn AND k2.gemeentecode = k.gemeentecode)
         AND c.versie = (SELECT MAX(c2.versie) FROM contactpersoon_versie c2 WHERE c2.gemeentecode = c.gemeentecode AND c2.volgnummer = c.volgnummer)
         AND c.verwijderd = 0`,
    volgorde: ['gemeentecode'],
  },
  signalen: {
    select: `
      SELECT s.signaal_id, s.gemeentecode, s.code, s.datum, v.status, v.datum AS datum_status, s.aanleiding
        FROM signaal s
        JOIN signaal_status_versie v ON v.signaal_id = s.signaal_id
       WHERE s.bsn = @bsn AND s.verwijderd IS NULL
         AND v.versie = (SELECT MAX(v2.versie) FROM signaal_status_versie v2 WHERE v2.signaal_id = s.signaal_id)`,
    volgorde: ['datum', 'signaal_id'],
  },
};

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

/** The state a read saw: [data_version, total_changes()]. */
type Stand = [number, number];

/** At most this many reads wait to be kept; more are not remembered (the next read looks again). */
const MAX_WACHTEND = 1000;

export class DossierLezer {
  private readonly statement: Database.Statement;
  private readonly kolommen: string[][];
  private readonly vorm: string;
  private readonly opgeslagen: Database.Statement;
  private readonly bewaarRij: Database.Statement;
  private readonly stand: Database.Statement;
  private readonly plaats = new Map<DossierDeel, number>(DOSSIER_DELEN.map((deel, i) => [deel, i]));
  /** Reads waiting for the next write transaction, by BSN: their rows as JSON and the state they saw. */
  private readonly wachtend = new Map<string, { rijen: string; stand: Stand }>();

  constructor(
    private readonly db: Database.Database,
    /** False on a read-only file: nothing is ever kept. */
    private readonly bewaren: boolean,
  ) {
    ({ statement: this.statement, kolommen: this.kolommen } = dossierStatement(db));
    this.vorm = createHash('sha256').update(this.statement.source).digest('hex').slice(0, 16);
    this.opgeslagen = db.prepare('SELECT rijen FROM dossier_lezing WHERE bsn = ? AND vorm = ?').pluck();
    this.bewaarRij = db.prepare('INSERT OR REPLACE INTO dossier_lezing (bsn, vorm, rijen) VALUES (?, ?, ?)');
    this.stand = db.prepare('SELECT (SELECT data_version FROM pragma_data_version), total_changes()').raw(true);
  }

  /** The rows of each part of a person's dossier (no person row: an empty persoon part). */
  lees(bsn: string): (deel: DossierDeel) => Row[] {
    const json = this.opgeslagen.get(bsn, this.vorm) as string | undefined;
    const waarden = json === undefined ? this.leesTabellen(bsn) : (JSON.parse(json) as Waarden);
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
   * Keeps the rows of the reads nothing has changed since. Called in a write transaction that holds
   * the lock, before it writes anything itself.
   */
  bewaar(): void {
    if (this.wachtend.size === 0) return;
    const [dataVersion, totalChanges] = this.stand.get() as Stand;
    const wachtend = [...this.wachtend];
    this.wachtend.clear();
    for (const [bsn, { rijen, stand }] of wachtend) {
      if (stand[0] === dataVersion && stand[1] === totalChanges) this.bewaarRij.run(bsn, this.vorm, rijen);
    }
  }

  private leesTabellen(bsn: string): Waarden {
    // The state before the statement: if anything changes between the two, the state at keeping
    // time differs from this one and the rows are not kept.
    const onthoud = this.bewaren && !this.db.inTransaction && this.wachtend.size < MAX_WACHTEND;
    const stand = onthoud ? (this.stand.get() as Stand) : undefined;
    const waarden: Waarden = DOSSIER_DELEN.map(() => []);
    for (const [deel, , , json] of this.statement.all({ bsn }) as [number, unknown, unknown, string][]) waarden[deel]!.push(JSON.parse(json) as unknown[]);
    if (stand && waarden[0]!.length > 0) this.wachtend.set(bsn, { rijen: JSON.stringify(waarden), stand });
    return waarden;
  }
}
