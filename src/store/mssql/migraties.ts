/**
 * The SQL Server schema as versioned migrations: migrations/NNN-<name>.sql, applied in the order
 * of NNN (1, 2, 3, … without gaps), each once, each in a transaction of its own, and recorded in
 * `schema_migratie` (versie, naam, toegepast) in that same transaction. A file is split into batches
 * on lines that hold only `GO`, as sqlcmd does; a batch goes to the server as it stands.
 *
 * Safe to run twice, and by two instances at once: every step takes the application lock
 * `cvs-koppeling/migratie` inside its transaction and then looks again at what was applied, so a
 * step that another run applied meanwhile is skipped. A step that fails is rolled back whole, and
 * its record with it.
 */
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

/** Every migration, in order; throws on a file name out of pattern or a gap in the numbers. */
export function leesMigraties(map: string = migratieMap()): Migratie[] {
  const bestanden = readdirSync(map).filter((f) => f.endsWith('.sql')).sort();
  return bestanden.map((bestand, i) => {
    const m = BESTAND.exec(bestand);
    if (!m) throw new Error(`migration ${bestand}: the name must be NNN-name.sql`);
    const versie = Number(m[1]);
    if (versie !== i + 1) throw new Error(`migration ${bestand}: expected number ${String(i + 1).padStart(3, '0')}`);
    const batches = splitsBatches(readFileSync(`${map}${bestand}`, 'utf8'));
    if (batches.length === 0) throw new Error(`migration ${bestand} is empty`);
    return { versie, bestand, batches };
  });
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

/** The versions recorded in schema_migratie, in order; [] when the table is not there yet. */
export async function toegepast(doel: Doel): Promise<number[]> {
  const r = await voerUit(doel, SQL.migratiesToegepast, {}, MIGRATIE_WACHT_MS);
  return (r.sets[0] ?? []).map((row) => row.versie as number);
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
      const tx = new mssql.Transaction(pool);
      try {
        await tx.begin(mssql.ISOLATION_LEVEL.READ_COMMITTED);
      } catch (err) {
        throw vertaal(err);
      }
      try {
        const lock = await voerUit(tx, SQL.applock, { resource: LOCK, lock_mode: 'Exclusive', lock_timeout_ms: MIGRATIE_WACHT_MS }, MIGRATIE_WACHT_MS);
        const uitkomst = lock.sets[0]?.[0]?.uitkomst;
        if (typeof uitkomst !== 'number' || uitkomst < 0) throw new Wachtfout(`another run holds the migration lock (sp_getapplock ${String(uitkomst)})`);
        await voerUit(tx, SQL.migratieTabel, {}, MIGRATIE_WACHT_MS);
        if ((await toegepast(tx)).includes(m.versie)) {
          await tx.commit();
          continue;
        }
        // A batch without parameters goes as a plain SQL batch, as sqlcmd would send it.
        for (const batch of m.batches) await tx.request().batch(batch);
        await voerUit(tx, SQL.migratieVastleggen, { versie: m.versie, bestand: m.bestand }, MIGRATIE_WACHT_MS);
        await tx.commit();
        uit.push(m.bestand);
      } catch (err) {
        await tx.rollback().catch(() => undefined);
        const fout = vertaal(err);
        if (fout === err && err instanceof Error) throw new Error(`migration ${m.bestand} failed: ${err.message}`, { cause: err });
        throw fout;
      }
    }
    return uit;
  } finally {
    await pool.close().catch(() => undefined);
  }
}
