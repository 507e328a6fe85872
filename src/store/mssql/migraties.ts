/**
 * The SQL Server schema as versioned migrations: migrations/NNN-<name>.sql, applied in the order
 * of NNN (1, 2, 3, … without gaps), each once, each in a transaction of its own, and recorded in
 * `schema_migratie` (versie, naam, toegepast, controlegetal) in that same transaction. A file is
 * split into batches on lines that hold only `GO`, as sqlcmd does; a batch goes to the server as
 * it stands.
 *
 * Safe to run twice, and by two instances at once: every step takes the application lock
 * `cvs-koppeling/migratie` inside its transaction and then looks again at what was applied, so a
 * step that another run applied meanwhile is skipped. A step that fails is rolled back whole, and
 * its record with it.
 *
 * A step that SQL Server refuses inside a transaction (`CREATE INDEX … WITH (ONLINE = ON,
 * RESUMABLE = ON)`, `ALTER DATABASE`) says so in its header: a comment line `-- transaction: none`
 * before its first statement. Its batches then run one by one, each committed on its own, under
 * the same lock held by the session; it is recorded after its last batch. Such a step is written
 * to be run again after it failed half-way (IF NOT EXISTS … around each batch).
 *
 * Each applied step's checksum (SHA-256 of the file, line endings as LF) is recorded, and the
 * start refuses a database where an applied step's file has changed since (`schemaFout`). A step
 * applied before schema_migratie had the column gets its checksum at the next run.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import mssql from 'mssql';
import type { config as PoolConfig } from 'mssql';
import { ROOT } from '../../config.js';
import { SQL } from './sql.js';
import { voerUit, vertaal, Wachtfout, type Doel } from './uitvoeren.js';

export interface Migratie {
  readonly versie: number;
  /** The file name, as schema_migratie records it: `001-schema.sql`. */
  readonly bestand: string;
  readonly batches: readonly string[];
  /** SHA-256 of the file (hex), its line endings as LF: a checkout with CRLF has the same. */
  readonly controlegetal: string;
  /** The header says `-- transaction: none`: the batches run one by one, outside a transaction. */
  readonly buitenTransactie: boolean;
}

/** A step as schema_migratie records it. */
export interface ToegepasteStap {
  readonly versie: number;
  readonly naam: string;
  /** Null for a step applied before the column was there. */
  readonly controlegetal: string | null;
}

const BESTAND = /^(\d{3})-([a-z0-9][a-z0-9-]*)\.sql$/;
/** How long a run waits for another instance's run to finish a step. */
const MIGRATIE_WACHT_MS = 120_000;
/** A step's statement may take longer than a request does (an index on a large table): its own time limit. */
const MIGRATIE_STATEMENT_MS = 15 * 60_000;
const LOCK = 'cvs-koppeling/migratie';

/** The migrations folder: beside this module, or in the source tree when the build left it behind. */
export function migratieMap(): string {
  const hier = fileURLToPath(new URL('./migrations/', import.meta.url));
  return existsSync(hier) ? hier : `${ROOT}src/store/mssql/migrations/`;
}

/** Every migration, in order; throws on a file name out of pattern, a gap in the numbers or an unknown header. */
export function leesMigraties(map: string = migratieMap()): Migratie[] {
  const bestanden = readdirSync(map).filter((f) => f.endsWith('.sql')).sort();
  return bestanden.map((bestand, i) => {
    const m = BESTAND.exec(bestand);
    if (!m) throw new Error(`migration ${bestand}: the name must be NNN-name.sql`);
    const versie = Number(m[1]);
    if (versie !== i + 1) throw new Error(`migration ${bestand}: expected number ${String(i + 1).padStart(3, '0')}`);
    const tekst = readFileSync(`${map}${bestand}`, 'utf8').replace(/\r\n/g, '\n');
    const batches = splitsBatches(tekst);
    if (batches.length === 0) throw new Error(`migration ${bestand} is empty`);
    return {
      versie,
      bestand,
      batches,
      controlegetal: createHash('sha256').update(tekst, 'utf8').digest('hex'),
      buitenTransactie: transactieUitKop(bestand, tekst),
    };
  });
}

/** The header's `-- transaction: none | single` (single when there is none): comment lines before the first statement. */
function transactieUitKop(bestand: string, tekst: string): boolean {
  let buiten = false;
  for (const regel of tekst.split('\n')) {
    const r = regel.trim();
    if (r === '') continue;
    if (!r.startsWith('--')) break;
    const m = /^--\s*transaction\s*:\s*(\S*)\s*$/i.exec(r);
    if (!m) continue;
    if (m[1] !== 'none' && m[1] !== 'single') throw new Error(`migration ${bestand}: '-- transaction:' takes none or single, not '${m[1]}'`);
    buiten = m[1] === 'none';
  }
  return buiten;
}

/**
 * What is wrong with a database whose schema_migratie holds `stappen`, for a gateway with
 * `migraties`, or undefined when nothing is: a newer schema, a step missing, or a step whose file
 * changed after it was applied (its recorded checksum differs, or its name).
 */
export function schemaFout(stappen: readonly ToegepasteStap[], migraties: readonly Migratie[], waar: string): string | undefined {
  const nodig = nodigeVersie(migraties);
  const heeft = stappen.length === 0 ? 0 : Math.max(...stappen.map((s) => s.versie));
  if (heeft > nodig) return `the database ${waar} has schema version ${heeft}, newer than this gateway's ${nodig}: run a newer gateway`;
  if (heeft < nodig || stappen.length !== nodig) {
    return `the database ${waar} has schema version ${heeft}, this gateway needs ${nodig}: run npm run migrate, or start with CVS_MSSQL_MIGRATE=true`;
  }
  for (const stap of stappen) {
    const m = migraties[stap.versie - 1]!;
    if (stap.naam !== m.bestand) return `the database ${waar} applied step ${stap.versie} as ${stap.naam}, this gateway has ${m.bestand}: the migrations differ`;
    if (stap.controlegetal !== null && stap.controlegetal !== m.controlegetal) {
      return `migration ${m.bestand} was changed after the database ${waar} applied it (its checksum differs): restore the file as it was, and put a change of the schema in a new step`;
    }
  }
  return undefined;
}

/** The schema version this gateway needs: the number of the last migration. */
export function nodigeVersie(migraties: readonly Migratie[] = leesMigraties()): number {
  return migraties.length;
}

/** A script's batches: the parts between lines that hold only GO (any case), empty ones left out. */
export function splitsBatches(script: string): string[] {
  return script
    .split(/^[ \t]*GO[ \t]*;?[ \t]*$/gim)
    .map((b) => b.trim())
    .filter((b) => zonderCommentaar(b).trim() !== '');
}

/**
 * A batch's statements: split on `;` outside string literals, quoted or bracketed names and
 * comments; comments dropped. For tools that take one statement at a time (the parse test).
 */
export function splitsStatements(batch: string): string[] {
  const uit: string[] = [];
  let huidig = '';
  for (let i = 0; i < batch.length; i++) {
    const c = batch[i]!;
    const volgende = batch[i + 1];
    if (c === '-' && volgende === '-') {
      const eind = batch.indexOf('\n', i);
      i = eind < 0 ? batch.length : eind - 1;
    } else if (c === '/' && volgende === '*') {
      const eind = batch.indexOf('*/', i + 2);
      i = eind < 0 ? batch.length : eind + 1;
      huidig += ' ';
    } else if (c === "'" || c === '"' || c === '[') {
      const sluit = c === '[' ? ']' : c;
      let j = i + 1;
      for (; j < batch.length; j++) {
        if (batch[j] === sluit) {
          if (batch[j + 1] === sluit) j++;
          else break;
        }
      }
      huidig += batch.slice(i, j + 1);
      i = j;
    } else if (c === ';') {
      if (huidig.trim()) uit.push(huidig.trim());
      huidig = '';
    } else {
      huidig += c;
    }
  }
  if (huidig.trim()) uit.push(huidig.trim());
  return uit;
}

function zonderCommentaar(text: string): string {
  return text.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
}

/** The steps recorded in schema_migratie, in order; [] when the table is not there yet. */
export async function toegepast(doel: Doel): Promise<ToegepasteStap[]> {
  const r = await voerUit(doel, SQL.migratiesToegepast, {}, MIGRATIE_WACHT_MS);
  return (r.sets[0] ?? []).map((row) => ({
    versie: row.versie as number,
    naam: row.naam as string,
    controlegetal: typeof row.controlegetal === 'string' ? row.controlegetal : null,
  }));
}

/**
 * Applies what `migraties` has and the database lacks, on a connection of its own with the time
 * limits a schema change needs; returns the files applied. Errors come back in the port's terms
 * (StoreUnavailable when SQL Server cannot be reached).
 */
export async function migreer(verbinding: PoolConfig, migraties: readonly Migratie[] = leesMigraties()): Promise<string[]> {
  const pool = new mssql.ConnectionPool({
    ...verbinding,
    requestTimeout: Math.max(verbinding.requestTimeout ?? 0, MIGRATIE_WACHT_MS + 10_000, MIGRATIE_STATEMENT_MS),
    options: { ...verbinding.options },
    pool: { ...verbinding.pool, min: 0, max: 1 },
  });
  pool.on('error', () => undefined);
  try {
    await pool.connect();
  } catch (err) {
    throw vertaal(err);
  }
  const uit: string[] = [];
  try {
    for (const m of migraties) {
      if (await (m.buitenTransactie ? stapBuitenTransactie : stapInTransactie)(pool, m)) uit.push(m.bestand);
    }
    return uit;
  } finally {
    await pool.close().catch(() => undefined);
  }
}

/** A step in a transaction of its own, under the migration lock; false when it was applied already. */
async function stapInTransactie(pool: mssql.ConnectionPool, m: Migratie): Promise<boolean> {
  const tx = new mssql.Transaction(pool);
  try {
    await tx.begin(mssql.ISOLATION_LEVEL.READ_COMMITTED);
  } catch (err) {
    throw vertaal(err);
  }
  try {
    const lock = await voerUit(tx, SQL.applock, { resource: LOCK, lock_mode: 'Exclusive', lock_timeout_ms: MIGRATIE_WACHT_MS }, MIGRATIE_WACHT_MS);
    gekregen(lock.sets[0]?.[0]?.uitkomst);
    const nieuw = await vastleggen(tx, m, async () => {
      // A batch without parameters goes as a plain SQL batch, as sqlcmd would send it.
      for (const batch of m.batches) await tx.request().batch(batch);
    });
    await tx.commit();
    return nieuw;
  } catch (err) {
    await tx.rollback().catch(() => undefined);
    throw stapFout(m, err);
  }
}

/**
 * A step marked `-- transaction: none`: the migration lock held by the session (the pool has one
 * connection), each batch committed on its own, the record after the last. A run that failed
 * half-way leaves no record, so the next run applies the step again from its first batch.
 */
async function stapBuitenTransactie(pool: mssql.ConnectionPool, m: Migratie): Promise<boolean> {
  try {
    gekregen((await voerUit(pool, SQL.migratieSessieLock, { lock_timeout_ms: MIGRATIE_WACHT_MS }, MIGRATIE_WACHT_MS)).sets[0]?.[0]?.uitkomst);
  } catch (err) {
    throw stapFout(m, err);
  }
  try {
    return await vastleggen(pool, m, async () => {
      for (const batch of m.batches) await pool.request().batch(batch);
    });
  } catch (err) {
    throw stapFout(m, err);
  } finally {
    await voerUit(pool, SQL.migratieSessieLockVrij, {}, MIGRATIE_WACHT_MS).catch(() => undefined);
  }
}

/**
 * Under the migration lock: makes sure schema_migratie is there, records the checksum of a step
 * applied before it had one, and runs `toepassen` and records the step unless it was applied.
 */
async function vastleggen(doel: Doel, m: Migratie, toepassen: () => Promise<void>): Promise<boolean> {
  await voerUit(doel, SQL.migratieTabel, {}, MIGRATIE_WACHT_MS);
  await voerUit(doel, SQL.migratieKolom, {}, MIGRATIE_WACHT_MS);
  const stap = (await toegepast(doel)).find((s) => s.versie === m.versie);
  if (stap) {
    if (stap.controlegetal === null) await voerUit(doel, SQL.migratieControlegetal, { versie: m.versie, controlegetal: m.controlegetal }, MIGRATIE_WACHT_MS);
    return false;
  }
  await toepassen();
  await voerUit(doel, SQL.migratieVastleggen, { versie: m.versie, bestand: m.bestand, controlegetal: m.controlegetal }, MIGRATIE_WACHT_MS);
  return true;
}

function gekregen(uitkomst: unknown): void {
  if (typeof uitkomst !== 'number' || uitkomst < 0) throw new Wachtfout(`another run holds the migration lock (sp_getapplock ${String(uitkomst)})`);
}

/** A step's error in the port's terms, or as a failure of the step named. */
function stapFout(m: Migratie, err: unknown): unknown {
  const fout = vertaal(err);
  if (fout === err && err instanceof Error) return new Error(`migration ${m.bestand} failed: ${err.message}`, { cause: err });
  return fout;
}
