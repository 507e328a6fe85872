/**
 * The embedded Store adapter on better-sqlite3. Statements are prepared once; a dossier is read in
 * one lookup of the dossier as last read, or else in one statement over its tables (dossier-lezer.ts).
 *
 * Concurrent writers (the port's promise): SQLite has one writer per database, and a transaction
 * takes the write lock at its start (BEGIN IMMEDIATE), before it reads the dossier it changes. So
 * a concurrent writer of the same person, in this process or in another gateway instance on the
 * same file, waits and then reads what the first one committed: no update is lost. Within one
 * instance a queue runs changes one after the other, and the changes of one turn of the event loop
 * commit together (inTransactie). Between instances the lock is asked
 * without SQLite's busy handler, which would sleep on the event loop and stall every other
 * request: a BEGIN that finds the database locked is retried after a short timer, up to
 * `lockTimeoutMs`, and then fails with StoreUnavailable (fault 0051).
 */
import { setImmediate as beurt, setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import {
  proefInzage,
  StoreConflict,
  StoreUnavailable,
  type Afnemer,
  type ContactpersoonMetCaseload,
  type Dataset,
  type EngineKandidaat,
  type Inzage,
  type InzageCriteria,
  type InzageRegel,
  type OpgeslagenAntwoord,
  type Rol,
  type SignaalRegel,
  type Store,
  type StoreTransaction,
} from '../port.js';
import { ENGINE_PLAK, type Gelegenheid, type NieuwSignaal, type RetentieGrenzen, type SignalenFilter, type SignalenPagina } from '../../domain/signalen.js';
import type { Datum } from '../../domain/datum.js';
import type {
  AanbodVersie,
  AfrondingVersie,
  Dossier,
  ContactpersoonGegevens,
  Instelling,
  Koppeling,
  Mutatie,
  PipVersie,
  UrenVersie,
} from '../../domain/dossier.js';
import { SCHEMA, SCHEMA_VERSION, UPGRADES } from './schema.js';
import { afnemerNamen, bool, dossierUit, mapContactpersoon, mapContactpersoonMetCaseload, mapSignaalRegel, nul, type Row } from '../rijen.js';
import { DossierLezer } from './dossier-lezer.js';
import { GEMEENTE_SIGNALEN, signalenCriteria, signalenFilter } from '../signalenlijst.js';
import { INZAGE_PLAK, INZAGE_SLEUTELS, inzageSleutel, inzageSpoorParameters, inzageSpoorSql, mapInzageRegel, type InzageSleutel } from '../inzage-sql.js';
import { Checkpointer, VANGNET_PAGINAS } from './checkpointer.js';

/** A failure of the database itself (locked, read-only, full, broken, gone): fault 0051, try again later. */
function alsStoreFout(err: unknown): unknown {
  const code = String((err as { code?: string }).code);
  return /^SQLITE_(BUSY|LOCKED|READONLY|FULL|CORRUPT|NOTADB|CANTOPEN|IOERR|PERM|AUTH)/.test(code) ? new StoreUnavailable(`the database failed (${code})`) : err;
}

/** A read, with a failure of the database as StoreUnavailable. */
function lees<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    throw alsStoreFout(err);
  }
}

const num = (v: boolean | undefined): number => (v ? 1 : 0);

/** OpvragenSignalen's criteria (store/signalenlijst.ts), the statuses read with json_each. */
const SIGNALEN_FILTER = signalenFilter('SELECT value FROM json_each(@statussen)');

/** Signaal ids per slice of the retention. */
const RETENTIE_PLAK = 2000;
/** Rows per slice of the clean-up of stored answers and of the inzage trail (as on SQL Server). */
const RUIM_PLAK = 1000;

/**
 * SQLite's synchronous level of a transaction. FULL: the WAL is synced at each commit. NORMAL: a
 * commit is in the operating system's hands when it returns (it survives a crash of the process,
 * not of the machine) and reaches the disk with the next FULL commit or checkpoint.
 */
type Sync = 'FULL' | 'NORMAL';

export interface SqliteStoreOptions {
  /** A file path, or ':memory:' (the default). */
  readonly filename?: string;
  /** How long a transaction waits for another instance's write lock before StoreUnavailable (default 1 s). */
  readonly lockTimeoutMs?: number;
  /** Opens the file read-only, as a file the process may not write is: every change gets StoreUnavailable. */
  readonly readonly?: boolean;
  /** Told when the WAL checkpoint's thread (checkpointer.ts) fails; its checkpoints then run on the event loop again. */
  readonly onCheckpointFailure?: (e: Error) => void;
}

/**
 * Changes that commit together (a group commit): each ran in a savepoint of the group's one
 * transaction, and each caller hears of its commit when the group's COMMIT is done.
 */
class Groep {
  readonly uitkomst: Promise<void>;
  private klaar!: (fout?: unknown) => void;
  /** The turn of the event loop ended while a member was still running: the member closes the group. */
  sluitNaLid = false;

  constructor(readonly sync: Sync) {
    this.uitkomst = new Promise<void>((resolve, reject) => (this.klaar = (fout) => (fout === undefined ? resolve() : reject(fout))));
    // A group whose members all failed has no one to tell.
    this.uitkomst.catch(() => undefined);
  }

  afgerond(fout?: unknown): void {
    this.klaar(fout);
  }
}

export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly q;
  private readonly dossiers: DossierLezer;
  private queue: Promise<unknown> = Promise.resolve();
  /** The open group of changes (see inTransactie). */
  private groep: Groep | undefined;
  /** A change's work is running (between its savepoint and its release). */
  private bezig = false;
  /** Inzage records waiting for their transaction, and its outcome (see registreerInzage). */
  private inzageWachtrij: Inzage[] | undefined;
  private inzageCommit: Promise<void> | undefined;
  private readonly lockTimeoutMs: number;
  private readonly afnemers = new Map<string, Afnemer>();
  /** The connection's synchronous level now (see the constructor and registreerInzage). */
  private sync: Sync = 'FULL';
  /** The WAL checkpoint's thread, for a file this process writes (checkpointer.ts). */
  private checkpointer: Checkpointer | undefined;

  constructor(options: SqliteStoreOptions = {}) {
    this.lockTimeoutMs = options.lockTimeoutMs ?? 1000;
    this.db = new Database(options.filename ?? ':memory:', { readonly: options.readonly === true });
    if (!options.readonly) this.db.pragma('journal_mode = WAL');
    // A change is on disk before its commit returns: an answer "Verwerkt" survives a crash of the
    // machine too. better-sqlite3 is built with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1 (NORMAL), under
    // which a commit in WAL mode reaches the disk only at the next checkpoint. Only the inzage
    // records of reads commit at NORMAL (registreerInzage).
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    // No busy handler: it would wait synchronously. Locks are waited for in `begin`, off the event loop.
    this.db.pragma('busy_timeout = 0');
    const hasSchema = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'persoon'").get();
    if (!hasSchema) {
      this.db.exec(SCHEMA);
      this.db.prepare('INSERT INTO schema_versie (versie) VALUES (?)').run(SCHEMA_VERSION);
    }
    let versie = (this.db.prepare('SELECT MAX(versie) AS versie FROM schema_versie').get() as Row).versie as number;
    while (versie < SCHEMA_VERSION && UPGRADES[versie] !== undefined && !options.readonly) {
      const upgrade = UPGRADES[versie]!;
      const volgende = versie + 1;
      this.db.transaction(() => {
        this.db.exec(upgrade);
        this.db.prepare('INSERT INTO schema_versie (versie) VALUES (?)').run(volgende);
      })();
      versie = volgende;
    }
    if (versie !== SCHEMA_VERSION) {
      this.db.close();
      throw new Error(`the database file has schema version ${String(versie)}, this gateway needs ${SCHEMA_VERSION}: start on a new file`);
    }
    const prep = (sql: string) => this.db.prepare(sql);
    // The signaal engine's candidates by the date `kolom` of `tabel`: one slice of (date, bsn) after
    // the previous slice's last ('' and '' for the first), in the window; a person once per date.
    const kandidaten = (tabel: 'pip_versie' | 'persoon', kolom: string) =>
      prep(`SELECT DISTINCT ${kolom} AS datum, bsn FROM ${tabel}
        WHERE ${kolom} BETWEEN ? AND ? AND (${kolom}, bsn) > (?, ?) ORDER BY datum, bsn LIMIT ${ENGINE_PLAK}`);
    this.q = {
      contactpersoon: prep(`
        SELECT c.gemeentecode, c.volgnummer, c.naam, c.email, c.telefoonnummer, c.verwijderd
          FROM contactpersoon_versie c
         WHERE c.gemeentecode = ? AND c.volgnummer = ?
         ORDER BY c.versie DESC LIMIT 1`),
      mutatie: prep(
        'INSERT INTO mutatie (tijdstip, oin, gemeentecode, message_id, operatie, bsn) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      pipVersie: prep(`INSERT INTO pip_versie (bsn, versie, initieel, gemeentecode, datum_dagtekening_initieel, datum_dagtekening,
        datum_registratie, leerroute, niveau, alfabetisering, geschatte_uren, geschatte_uren_resterend, toestemming,
        contact_volgnummer, mutatie_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      pipIntrekking: prep('INSERT INTO pip_intrekking (bsn, initiele_versie, mutatie_id) VALUES (?, ?, ?)'),
      instelling: prep('SELECT instellingcode AS code, naam, soort FROM instelling WHERE instellingcode = ?'),
      mapVersie: prep('INSERT INTO map_versie (bsn, versie, gemeentecode, datum_eindgesprek, mutatie_id) VALUES (?, ?, ?, ?, ?)'),
      pvtVersie: prep('INSERT INTO pvt_versie (bsn, versie, gemeentecode, datum_ondertekening, mutatie_id) VALUES (?, ?, ?, ?, ?)'),
      urenVersie: prep(`INSERT INTO uren_versie (bsn, versie, type_uren, instellingcode, datum_tot, aantal_uren, gemeentecode,
        ingetrokken, mutatie_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      aanbodVersie: prep(`INSERT INTO aanbod_versie (bsn, versie, instellingcode, gemeentecode, datum_inschrijving,
        datum_start_opleiding, datum_einde_opleiding, alfabetisering, ingetrokken, mutatie_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      gemeenteContactpersonen: prep(`
        SELECT c.gemeentecode, c.volgnummer, c.naam, c.email, c.telefoonnummer, c.algemeen,
               (SELECT COUNT(*) FROM koppeling_versie k
                 WHERE k.gemeentecode = c.gemeentecode AND k.volgnummer = c.volgnummer
                   AND k.versie = (SELECT MAX(k2.versie) FROM koppeling_versie k2 WHERE k2.bsn = k.bsn AND k2.gemeentecode = k.gemeentecode)) AS caseload
          FROM contactpersoon_versie c
         WHERE c.gemeentecode = ? AND c.verwijderd = 0
           AND c.versie = (SELECT MAX(c2.versie) FROM contactpersoon_versie c2 WHERE c2.gemeentecode = c.gemeentecode AND c2.volgnummer = c.volgnummer)
         ORDER BY c.volgnummer`),
      volgendVolgnummer: prep('SELECT COALESCE(MAX(volgnummer), 0) + 1 AS volgnummer FROM contactpersoon_versie WHERE gemeentecode = ?'),
      contactpersoonVersie: prep(`INSERT INTO contactpersoon_versie (gemeentecode, volgnummer, versie, naam, email, telefoonnummer, algemeen, verwijderd, mutatie_id)
        VALUES (?, ?, (SELECT COALESCE(MAX(versie), 0) + 1 FROM contactpersoon_versie WHERE gemeentecode = ? AND volgnummer = ?), ?, ?, ?, ?, ?, ?)`),
      caseloadVan: prep(`
        SELECT k.bsn FROM koppeling_versie k
         WHERE k.gemeentecode = ? AND k.volgnummer = ?
           AND k.versie = (SELECT MAX(k2.versie) FROM koppeling_versie k2 WHERE k2.bsn = k.bsn AND k2.gemeentecode = k.gemeentecode)
         ORDER BY k.bsn`),
      koppelVersie: prep(`INSERT INTO koppeling_versie (bsn, gemeentecode, versie, volgnummer, datum, mutatie_id)
        VALUES (?, ?, (SELECT COALESCE(MAX(versie), 0) + 1 FROM koppeling_versie WHERE bsn = ? AND gemeentecode = ?), ?, ?, ?)`),
      gemeenteSignalen: prep(`${GEMEENTE_SIGNALEN}
         ORDER BY s.datum, s.signaal_id`),
      signalenVan: prep(`${GEMEENTE_SIGNALEN}
           AND s.signaal_id IN (SELECT value FROM json_each(@ids))
         ORDER BY s.datum, s.signaal_id`),
      zoekSignalenTotaal: prep(`SELECT COUNT(*) FROM (${GEMEENTE_SIGNALEN}) x WHERE ${SIGNALEN_FILTER}`).pluck(),
      nietAfgehandeld: prep(`SELECT COUNT(*) FROM (${GEMEENTE_SIGNALEN}) x WHERE x.status <> 'A'`).pluck(),
      zoekSignalenPagina: prep(`SELECT * FROM (${GEMEENTE_SIGNALEN}) x WHERE ${SIGNALEN_FILTER}
         ORDER BY x.datum, x.signaal_id LIMIT @aantal OFFSET @overslaan`),
      antwoord: prep('SELECT digest, operatie, antwoord FROM antwoord WHERE oin = ? AND message_id = ?'),
      bewaarAntwoord: prep('INSERT INTO antwoord (oin, message_id, digest, operatie, antwoord, tijdstip) VALUES (?, ?, ?, ?, ?, ?)'),
      // Clean-ups a slice at a time (RUIM_PLAK rows, by the tijdstip index), as on SQL Server.
      ruimAntwoordenOp: prep(`DELETE FROM antwoord WHERE rowid IN (SELECT rowid FROM antwoord WHERE tijdstip < ? LIMIT ${RUIM_PLAK})`),
      inzage: prep('INSERT INTO inzage (tijdstip, oin, gemeentecode, operatie, bsn_pseudoniem, message_id, verwerkt) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      ruimInzagesOp: prep(`DELETE FROM inzage WHERE inzage_id IN (SELECT inzage_id FROM inzage WHERE tijdstip < ? LIMIT ${RUIM_PLAK})`),
      nieuwSignaal: prep(`INSERT INTO signaal (bsn, gemeentecode, code, datum, aanleiding) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (bsn, gemeentecode, code, aanleiding) DO NOTHING`),
      signaalStatus: prep(`INSERT INTO signaal_status_versie (signaal_id, versie, status, datum, mutatie_id)
        VALUES (?, (SELECT COALESCE(MAX(versie), 0) + 1 FROM signaal_status_versie WHERE signaal_id = ?), ?, ?, ?)`),
      // Retention: the signalen past it among the ids of one slice (van, tot].
      teVerwijderenSignalen: prep(`
        SELECT s.signaal_id
          FROM signaal s JOIN signaal_status_versie v ON v.signaal_id = s.signaal_id
               AND v.versie = (SELECT MAX(v2.versie) FROM signaal_status_versie v2 WHERE v2.signaal_id = s.signaal_id)
         WHERE s.signaal_id > ? AND s.signaal_id <= ? AND s.verwijderd IS NULL
           AND ((v.status = 'A' AND v.datum <= ?) OR (v.status = 'N' AND s.datum < ?))
         ORDER BY s.signaal_id`).pluck(),
      hoogsteSignaal: prep('SELECT MAX(signaal_id) FROM signaal').pluck(),
      kandidaten: {
        pip: kandidaten('pip_versie', 'datum_registratie'),
        start: kandidaten('persoon', 'datum_start_termijn_pip'),
        verhuizing: kandidaten('persoon', 'verhuizing_datum'),
      } satisfies Record<Gelegenheid, Database.Statement>,
      verwijderSignaal: prep('UPDATE signaal SET verwijderd = ?, verwijderd_mutatie_id = ? WHERE signaal_id = ? AND verwijderd IS NULL'),
      afnemer: prep('SELECT gemeentecode, rol FROM afnemer WHERE oin = ?'),
      afnemerNaam: prep('SELECT naam FROM afnemer_naam WHERE oin = ?').pluck(),
      // An AVG request's search of the inzage trail, by its leading criterion (store/inzage-sql.ts).
      zoekInzages: Object.fromEntries(
        INZAGE_SLEUTELS.map((k) => [k, prep(inzageSpoorSql(k, '', `\n LIMIT ${INZAGE_PLAK}`))]),
      ) as Record<InzageSleutel, Database.Statement>,
      alleInstellingen: prep('SELECT instellingcode AS code, naam, soort FROM instelling ORDER BY instellingcode'),
      mutaties: prep('SELECT tijdstip, oin, gemeentecode, message_id, operatie FROM mutatie WHERE bsn = ? ORDER BY mutatie_id'),
      caseload: prep(`
        SELECT k.bsn, p.achternaam, k.datum AS datum_koppeling,
               (SELECT MIN(n.datum) FROM koppeling_versie n WHERE n.bsn = k.bsn AND n.gemeentecode = k.gemeentecode AND n.versie > k.versie) AS datum_ingetrokken,
               k.versie = (SELECT MAX(k2.versie) FROM koppeling_versie k2 WHERE k2.bsn = k.bsn AND k2.gemeentecode = k.gemeentecode) AS actueel
          FROM koppeling_versie k JOIN persoon p ON p.bsn = k.bsn
         WHERE k.gemeentecode = ? AND k.volgnummer = ?
         ORDER BY k.bsn, k.versie`),
      ping: prep('SELECT COUNT(*) AS afnemers FROM afnemer'),
      wisInzage: prep('DELETE FROM inzage WHERE inzage_id = ?'),
      leeg: prep('SELECT 1 AS ok FROM mutatie LIMIT 1'),
    };
    this.dossiers = new DossierLezer(this.db, options.readonly ? undefined : this.db);
    if (!options.readonly && !this.db.memory) {
      this.db.pragma(`wal_autocheckpoint = ${VANGNET_PAGINAS}`);
      this.checkpointer = new Checkpointer(this.db.name, (e) => {
        this.checkpointer = undefined;
        if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
        options.onCheckpointFailure?.(e);
      });
    }
  }

  /**
   * The afnemers the store knows (the sandbox's; production reads them from a file): read once per
   * OIN, since only `importeer`, before any request, writes them.
   */
  async afnemer(oin: string): Promise<Afnemer | undefined> {
    const bekend = this.afnemers.get(oin);
    if (bekend) return bekend;
    const rows = await this.buiten(() => this.q.afnemer.all(oin) as Row[]);
    if (rows.length === 0) return undefined;
    const afnemer = new Map(rows.map((r) => [r.gemeentecode as string, r.rol as Rol]));
    this.afnemers.set(oin, afnemer);
    return afnemer;
  }

  async afnemerNaam(oin: string): Promise<string | undefined> {
    return ((await this.buiten(() => this.q.afnemerNaam.get(oin))) as string | undefined) ?? undefined;
  }

  async dossier(bsn: string): Promise<Dossier | undefined> {
    return this.buiten(() => dossierUit(this.dossiers.lees(bsn)));
  }

  /**
   * A read outside a change: after the open group of changes, if any, has committed, since the one
   * connection would otherwise show its uncommitted writes (which a failed COMMIT would undo).
   */
  private async buiten<T>(read: () => T): Promise<T> {
    while (this.groep) await this.groep.uitkomst.catch(() => undefined);
    return lees(read);
  }

  transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    return this.inTransactie(work, this.lockTimeoutMs);
  }

  /**
   * Runs `work` as one change. Changes run one at a time, in the queue. The changes of one turn of
   * the event loop share a transaction, each in its own savepoint (a failed change rolls back to
   * it, alone), and commit together when the turn ends: one sync of the WAL for all of them, where a
   * sync per change took half the time of a processed change. Every caller's promise settles only
   * once that COMMIT is done, so an answer "Verwerkt" never goes out before its change is on disk;
   * if the COMMIT fails, every change of the group fails with it (StoreUnavailable) and none was
   * answered. The write lock is held for at most one turn, and a read outside a change waits for
   * the COMMIT (`buiten`). `meteen`: the group commits when this change is done (a batch that
   * already holds a turn's worth, such as the inzage records).
   */
  private inTransactie<T>(work: (tx: StoreTransaction) => Promise<T>, lockTimeoutMs: number, sync: Sync = 'FULL', meteen = false): Promise<T> {
    const run = async (): Promise<{ result: T; groep: Groep }> => {
      const groep = await this.groepVoor(sync, lockTimeoutMs);
      this.bezig = true;
      try {
        this.db.exec('SAVEPOINT wijziging');
        const result = await work(this.tx);
        this.db.exec('RELEASE wijziging');
        return { result, groep };
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK TO wijziging; RELEASE wijziging');
        // A failure of the database itself may have rolled back the whole transaction: the group
        // is over, and the changes that were in it fail too.
        else groep.sluitNaLid = true;
        if (String((err as { code?: string }).code).startsWith('SQLITE_CONSTRAINT')) throw new StoreConflict('the store refused a write');
        throw alsStoreFout(err);
      } finally {
        this.bezig = false;
        if (groep.sluitNaLid || meteen) this.sluit(groep);
      }
    };
    const gedaan = this.queue.then(run, run);
    this.queue = gedaan.catch(() => undefined);
    return gedaan.then(({ result, groep }) => groep.uitkomst.then(() => result));
  }

  /** The open group if it may take a change at `sync`, else a new one (closing the open one first). */
  private async groepVoor(sync: Sync, lockTimeoutMs: number): Promise<Groep> {
    const open = this.groep;
    if (open && (open.sync === 'FULL' || sync === 'NORMAL')) return open;
    if (open) this.sluit(open);
    await this.begin(lockTimeoutMs, sync);
    // Before the group writes anything: the dossiers read lately are read again and kept.
    this.dossiers.bewaar();
    const groep = new Groep(sync);
    this.groep = groep;
    setImmediate(() => {
      if (this.groep !== groep) return;
      if (this.bezig) groep.sluitNaLid = true;
      else this.sluit(groep);
    });
    return groep;
  }

  /** COMMIT of a group; its members hear the outcome. */
  private sluit(groep: Groep): void {
    if (this.groep === groep) this.groep = undefined;
    try {
      if (!this.db.inTransaction) throw new StoreUnavailable('the database rolled the transaction back');
      this.db.exec('COMMIT');
      groep.afgerond();
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      // Whatever the cause, for each change of the group the store failed: fault 0051, try again.
      groep.afgerond(err instanceof StoreUnavailable ? err : new StoreUnavailable(`the commit failed (${String((err as { code?: string }).code)})`));
    }
  }

  /** What a change may do, on the writing connection. */
  private readonly tx: StoreTransaction = {
    dossier: async (bsn) => dossierUit(this.dossiers.lees(bsn)),
    contactpersoon: async (gemeente, volgnummer) => {
      const row = this.q.contactpersoon.get(gemeente, volgnummer) as Row | undefined;
      return row && !bool(row.verwijderd) ? mapContactpersoon(row) : undefined;
    },
    registreerMutatie: async (m: Mutatie, bsn) =>
      Number(this.q.mutatie.run(m.tijdstip, m.oin, m.gemeente, m.messageId, m.operatie, nul(bsn)).lastInsertRowid),
    voegPipVersieToe: async (bsn, v, mutatieId) => this.insertPip(bsn, v, mutatieId),
    trekPipIn: async (bsn, initieleVersie, mutatieId) => {
      this.q.pipIntrekking.run(bsn, initieleVersie, mutatieId);
    },
    voegAanbodVersieToe: async (bsn, v, mutatieId) => this.insertAanbod(bsn, v, mutatieId),
    voegUrenVersieToe: async (bsn, v, mutatieId) => this.insertUren(bsn, v, mutatieId),
    voegAfrondingVersieToe: async (soort, bsn, v, mutatieId) => this.insertAfronding(soort, bsn, v, mutatieId),
    contactpersonen: async (gemeente) => this.leesContactpersonen(gemeente),
    volgendVolgnummer: async (gemeente) => (this.q.volgendVolgnummer.get(gemeente) as Row).volgnummer as number,
    voegContactpersoonVersieToe: async (c, verwijderd, mutatieId) => this.insertContactpersoon(c, verwijderd, mutatieId),
    caseloadVan: async (gemeente, volgnummer) => (this.q.caseloadVan.all(gemeente, volgnummer) as Row[]).map((r) => r.bsn as string),
    koppel: async (bsn, gemeente, volgnummer, datum, mutatieId) => {
      this.q.koppelVersie.run(bsn, gemeente, bsn, gemeente, nul(volgnummer), datum, mutatieId);
    },
    antwoord: async (oin, messageId) => this.q.antwoord.get(oin, messageId) as OpgeslagenAntwoord | undefined,
    bewaarAntwoord: async (oin, messageId, a, tijdstip) => {
      this.q.bewaarAntwoord.run(oin, messageId, a.digest, a.operatie, a.antwoord, tijdstip);
    },
    registreerInzage: async (r) => this.schrijfInzage(r),
    signalenVan: async (gemeente, ids) =>
      (this.q.signalenVan.all({ gemeentecode: gemeente, ids: JSON.stringify(ids) }) as Row[]).map(mapSignaalRegel),
    zetSignaalStatus: async (id, status, datum, mutatieId) => {
      this.q.signaalStatus.run(id, id, status, datum, mutatieId);
    },
    instellingen: async (codes) => {
      const out = new Map<string, Instelling>();
      for (const code of new Set(codes)) {
        const row = this.q.instelling.get(code) as Instelling | undefined;
        if (row) out.set(code, { code: row.code, naam: row.naam, soort: row.soort });
      }
      return out;
    },
  };

  /** BEGIN IMMEDIATE, retried on a timer while another connection holds the write lock. */
  private async begin(lockTimeoutMs: number, sync: Sync): Promise<void> {
    // Only outside a transaction may the level change; the queue runs one transaction at a time.
    if (sync !== this.sync) {
      this.db.pragma(`synchronous = ${sync}`);
      this.sync = sync;
    }
    const deadline = Date.now() + lockTimeoutMs;
    for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
      try {
        this.db.exec('BEGIN IMMEDIATE');
        return;
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw alsStoreFout(err);
        if (Date.now() >= deadline) throw new StoreUnavailable('the database stayed locked by another writer');
        await sleep(wait);
      }
    }
  }

  async importeer(dataset: Dataset): Promise<void> {
    await this.queue;
    if (this.groep) this.sluit(this.groep);
    this.afnemers.clear();
    const db = this.db;
    const ins = (sql: string) => db.prepare(sql);
    const afnemer = ins('INSERT INTO afnemer (oin, gemeentecode, rol) VALUES (?, ?, ?)');
    const afnemerNaam = ins('INSERT INTO afnemer_naam (oin, naam) VALUES (?, ?)');
    const instelling = ins('INSERT INTO instelling (instellingcode, naam, soort) VALUES (?, ?, ?)');
    const persoon = ins(`INSERT INTO persoon (bsn, voornamen, achternaam, geboortedatum, wet, woongemeente, woont_in_azc,
        coa_gemeente, overlijdensdatum, doelgroep, verblijfsdoel_gewijzigd, datum_wijziging_verblijfsdoel, datum_start_plicht,
        datum_einde_plicht, reden_einde_plicht, datum_start_termijn_pip, datum_einde_termijn_gewijzigd, reden_wijziging_termijn,
        datum_wijziging_termijn, pvt_plicht_voldaan, verhuizing_van, verhuizing_naar, verhuizing_datum)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const toets = ins(`INSERT INTO leerbaarheidstoets (bsn, examennummer, gemeentecode, datum_aanmelding, datum_start_periode,
        datum_einde_periode, datum_toetsafname, maximum_score, behaalde_score, benodigde_score, resultaat, ontheven)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const examen = ins(
      'INSERT INTO examen (bsn, onderdeel, niveau, datum_examen, gratis_pogingen_over, status) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const aanvraag = ins(`INSERT INTO aanvraag (bsn, volgnummer, type_verzoek, toelichting, status, datum_ontvangst, datum_besluit)
        VALUES (?, ?, ?, ?, ?, ?, ?)`);
    const signaal = ins('INSERT INTO signaal (bsn, gemeentecode, code, datum, aanleiding) VALUES (?, ?, ?, ?, ?)');
    const signaalStatus = ins('INSERT INTO signaal_status_versie (signaal_id, versie, status, datum) VALUES (?, 1, ?, ?)');
    const importMutatie = ins(
      "INSERT INTO mutatie (tijdstip, oin, gemeentecode, message_id, operatie) VALUES (?, 'dataset', '0000', 'dataset', 'Importeren')",
    );

    db.transaction(() => {
      const mutatieId = Number(importMutatie.run(new Date().toISOString()).lastInsertRowid);
      for (const a of dataset.afnemers) afnemer.run(a.oin, a.gemeente, a.rol);
      for (const [oin, naam] of afnemerNamen(dataset)) afnemerNaam.run(oin, naam);
      for (const i of dataset.instellingen) instelling.run(i.code, i.naam, i.soort);
      for (const c of dataset.contactpersonen) this.insertContactpersoon(c, false, null);
      for (const { dossier: d, koppelingen } of dataset.dossiers) {
        const p = d.persoon;
        const bsn = p.bsn;
        persoon.run(
          bsn, nul(p.voornamen), p.achternaam, p.geboortedatum, p.wet, nul(p.woongemeente), num(p.woontInAzc),
          nul(p.coaGemeente), nul(p.overlijdensdatum), nul(p.doelgroep), nul(p.verblijfsdoelGewijzigd),
          nul(p.datumWijzigingVerblijfsdoel), nul(p.datumStartPlicht), nul(p.datumEindePlicht), nul(p.redenEindePlicht),
          nul(p.datumStartTermijnPip), nul(p.datumEindeTermijnGewijzigd), nul(p.redenWijzigingTermijn), nul(p.datumWijzigingTermijn),
          num(p.pvtPlichtVoldaan), nul(p.verhuizing?.van), nul(p.verhuizing?.naar), nul(p.verhuizing?.datum),
        );
        const t = d.leerbaarheidstoets;
        if (t) {
          toets.run(
            bsn, nul(t.examennummer), nul(t.gemeente), nul(t.datumAanmelding), nul(t.datumStartPeriode), nul(t.datumEindePeriode),
            nul(t.datumToetsafname), nul(t.maximumScore), nul(t.behaaldeScore), nul(t.benodigdeScore), nul(t.resultaat), num(t.ontheven),
          );
        }
        for (const e of d.examens) examen.run(bsn, e.onderdeel, e.niveau, nul(e.datumExamen), e.gratisPogingenOver, e.status);
        d.aanvragen.forEach((a, i) =>
          aanvraag.run(bsn, i + 1, a.typeVerzoek, a.toelichting, a.status, a.datumOntvangst, nul(a.datumBesluit)),
        );
        for (const v of d.pip) {
          this.insertPip(bsn, v, null);
          if (v.initieel && v.ingetrokken) this.q.pipIntrekking.run(bsn, v.versie, mutatieId);
        }
        for (const v of d.aanbod) this.insertAanbod(bsn, v, null);
        for (const v of d.map) this.insertAfronding('map', bsn, v, null);
        for (const v of d.pvt) this.insertAfronding('pvt', bsn, v, null);
        for (const v of d.uren) this.insertUren(bsn, v, null);
        for (const k of koppelingen) this.q.koppelVersie.run(bsn, k.gemeente, bsn, k.gemeente, k.volgnummer, nul(k.datumKoppeling), null);
        for (const s of d.signalen) {
          const id = signaal.run(bsn, s.gemeente, s.code, s.datum, nul(s.aanleiding)).lastInsertRowid;
          signaalStatus.run(id, s.status, nul(s.datumStatus));
        }
      }
    })();
  }

  async mutaties(bsn: string): Promise<Mutatie[]> {
    return (await this.buiten(() => this.q.mutaties.all(bsn) as Row[])).map((r) => ({
      tijdstip: r.tijdstip as string,
      oin: r.oin as string,
      gemeente: r.gemeentecode as string,
      messageId: r.message_id as string,
      operatie: r.operatie as string,
    }));
  }

  async isEmpty(): Promise<boolean> {
    return (await this.buiten(() => this.q.leeg.get())) === undefined;
  }

  private insertPip(bsn: string, v: PipVersie, mutatieId: number | null): void {
    this.q.pipVersie.run(
      bsn, v.versie, num(v.initieel), v.gemeente, v.datumDagtekeningInitieel, v.datumDagtekening, v.datumRegistratie,
      v.leerroute, nul(v.niveau), nul(v.alfabetisering), nul(v.geschatteUren), nul(v.geschatteUrenResterend),
      num(v.toestemming), nul(v.contactVolgnummer), mutatieId,
    );
  }

  async alleInstellingen(): Promise<Instelling[]> {
    return (await this.buiten(() => this.q.alleInstellingen.all() as Instelling[])).map((r) => ({ code: r.code, naam: r.naam, soort: r.soort }));
  }

  async contactpersonen(gemeente: string): Promise<ContactpersoonMetCaseload[]> {
    return this.buiten(() => this.leesContactpersonen(gemeente));
  }

  async caseload(gemeente: string, volgnummer: number, historie: boolean): Promise<Koppeling[]> {
    return (await this.buiten(() => this.q.caseload.all(gemeente, volgnummer) as Row[]))
      .filter((r) => historie || bool(r.actueel))
      .map((r) => ({
        bsn: r.bsn as string,
        achternaam: r.achternaam as string,
        ...(r.datum_koppeling ? { datumKoppeling: r.datum_koppeling as string } : {}),
        ...(r.datum_ingetrokken ? { datumIngetrokken: r.datum_ingetrokken as string } : {}),
      }));
  }

  async signalen(gemeente: string): Promise<SignaalRegel[]> {
    return this.buiten(() => this.leesSignalen(gemeente));
  }

  /**
   * In the queue of changes: on this one connection, a write outside it would land in another
   * request's transaction. Records that arrive in the same turn of the event loop, or while the
   * queue is busy, share one transaction (a group commit): a transaction per read cost a seventh
   * of the overview's time.
   * Every caller's promise settles only when its record is committed, or fails with it.
   *
   * These transactions commit at synchronous NORMAL: a record is in the WAL before its answer goes
   * out and survives a crash of the gateway, and reaches the disk with the next change or
   * checkpoint; a crash of the machine in between can lose the records of the reads answered since.
   * A sync per batch holds the event loop for the disk's flush (about 100 µs on the bench machine,
   * milliseconds on network storage): a sixth of the overview's time under load.
   */
  registreerInzage(i: Inzage): Promise<void> {
    if (this.inzageWachtrij) {
      this.inzageWachtrij.push(i);
      return this.inzageCommit!;
    }
    const wachtrij = [i];
    this.inzageWachtrij = wachtrij;
    // After the requests read in this turn of the event loop have reached this point too.
    this.inzageCommit = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
      this.inTransactie(
        async () => {
          this.inzageWachtrij = undefined;
          for (const r of wachtrij) this.schrijfInzage(r);
        },
        this.lockTimeoutMs,
        'NORMAL',
        // A batch is complete: it commits at once, rather than hold the lock through the next turn.
        true,
      ),
    );
    // A transaction that never began (the lock was not had) leaves the batch behind: close it.
    const sluit = () => {
      if (this.inzageWachtrij === wachtrij) this.inzageWachtrij = undefined;
    };
    this.inzageCommit.then(sluit, sluit);
    return this.inzageCommit;
  }

  ruimInzagesOp(tijdstip: string): Promise<number> {
    return this.ruimOp(this.q.ruimInzagesOp, tijdstip);
  }

  /**
   * A clean-up in slices of RUIM_PLAK rows, each its own transaction with a turn of the event loop
   * between two: the first clean-up of a trail kept for years removes a day of reads, which in one
   * statement would hold the event loop for seconds.
   */
  private async ruimOp(statement: Database.Statement, tijdstip: string): Promise<number> {
    let totaal = 0;
    for (;;) {
      const weg = await this.transaction(async () => statement.run(tijdstip).changes);
      totaal += weg;
      if (weg < RUIM_PLAK) return totaal;
      await beurt();
    }
  }

  async zoekInzages(criteria: InzageCriteria, na: InzageRegel | undefined): Promise<InzageRegel[]> {
    const statement = this.q.zoekInzages[inzageSleutel(criteria)];
    return (await this.buiten(() => statement.all(inzageSpoorParameters(criteria, na)) as Row[])).map(mapInzageRegel);
  }

  ruimAntwoordenOp(tijdstip: string): Promise<number> {
    return this.ruimOp(this.q.ruimAntwoordenOp, tijdstip);
  }

  async engineKandidaten(gelegenheid: Gelegenheid, vanaf: Datum, tot: Datum, na: EngineKandidaat | undefined): Promise<EngineKandidaat[]> {
    const rijen = await this.buiten(() => this.q.kandidaten[gelegenheid].all(vanaf, tot, na?.datum ?? '', na?.bsn ?? '') as Row[]);
    return rijen.map((r) => ({ datum: r.datum as string, bsn: r.bsn as string }));
  }

  /** In one transaction: a signaal that exists for the same occasion is skipped by its unique key. */
  voegSignalenToe(signalen: readonly NieuwSignaal[], mutatie: Mutatie): Promise<number> {
    return this.transaction(async () => {
      let nieuw = 0;
      let mutatieId: number | undefined;
      for (const s of signalen) {
        const r = this.q.nieuwSignaal.run(s.bsn, s.gemeente, s.code, s.datum, s.aanleiding);
        if (r.changes === 0) continue;
        mutatieId ??= Number(this.q.mutatie.run(mutatie.tijdstip, mutatie.oin, mutatie.gemeente, mutatie.messageId, mutatie.operatie, null).lastInsertRowid);
        this.q.signaalStatus.run(r.lastInsertRowid, r.lastInsertRowid, 'N', s.datum, mutatieId);
        nieuw++;
      }
      return nieuw;
    });
  }

  /** Slices of RETENTIE_PLAK signaal ids, each its own transaction, and a turn of the event loop between two. */
  async ruimSignalenOp(grenzen: RetentieGrenzen, datum: Datum, mutatie: Mutatie): Promise<number> {
    const hoogste = ((await this.buiten(() => this.q.hoogsteSignaal.get())) as number | null) ?? 0;
    let verwijderd = 0;
    for (let van = 0; van < hoogste; van += RETENTIE_PLAK) {
      verwijderd += await this.transaction(async () => {
        const ids = this.q.teVerwijderenSignalen.all(van, van + RETENTIE_PLAK, grenzen.afgehandeldTot, grenzen.nieuwVoor) as number[];
        if (ids.length === 0) return 0;
        const mutatieId = Number(this.q.mutatie.run(mutatie.tijdstip, mutatie.oin, mutatie.gemeente, mutatie.messageId, mutatie.operatie, null).lastInsertRowid);
        for (const id of ids) this.q.verwijderSignaal.run(datum, mutatieId, id);
        return ids.length;
      });
      await beurt();
    }
    return verwijderd;
  }

  private schrijfInzage(r: Inzage): void {
    this.q.inzage.run(r.tijdstip, r.oin, r.gemeente, r.operatie, nul(r.bsnPseudoniem), r.messageId, num(r.verwerkt));
  }

  async zoekSignalen(gemeente: string, f: SignalenFilter): Promise<SignalenPagina> {
    const criteria = signalenCriteria(gemeente, f);
    return this.buiten(() => ({
      totaal: this.q.zoekSignalenTotaal.get(criteria) as number,
      nietAfgehandeld: this.q.nietAfgehandeld.get({ gemeentecode: gemeente }) as number,
      signalen: (this.q.zoekSignalenPagina.all({ ...criteria, aantal: f.paginaGrootte, overslaan: (f.pagina - 1) * f.paginaGrootte }) as Row[]).map(
        mapSignaalRegel,
      ),
    }));
  }

  private leesSignalen(gemeente: string): SignaalRegel[] {
    return (this.q.gemeenteSignalen.all({ gemeentecode: gemeente }) as Row[]).map(mapSignaalRegel);
  }

  private leesContactpersonen(gemeente: string): ContactpersoonMetCaseload[] {
    return (this.q.gemeenteContactpersonen.all(gemeente) as Row[]).map(mapContactpersoonMetCaseload);
  }

  private insertContactpersoon(c: ContactpersoonGegevens, verwijderd: boolean, mutatieId: number | null): void {
    this.q.contactpersoonVersie.run(
      c.gemeente, c.volgnummer, c.gemeente, c.volgnummer, c.naam, c.email, nul(c.telefoonnummer), num(c.algemeen), num(verwijderd), mutatieId,
    );
  }

  private insertAfronding(soort: 'map' | 'pvt', bsn: string, v: AfrondingVersie, mutatieId: number | null): void {
    (soort === 'map' ? this.q.mapVersie : this.q.pvtVersie).run(bsn, v.versie, v.gemeente, nul(v.datum), mutatieId);
  }

  private insertUren(bsn: string, v: UrenVersie, mutatieId: number | null): void {
    this.q.urenVersie.run(bsn, v.versie, v.typeUren, nul(v.instelling), v.datumTot, v.aantalUren, v.gemeente, num(v.ingetrokken), mutatieId);
  }

  private insertAanbod(bsn: string, v: AanbodVersie, mutatieId: number | null): void {
    this.q.aanbodVersie.run(
      bsn, v.versie, v.instelling, v.gemeente, v.datumInschrijving, nul(v.datumStartOpleiding), nul(v.datumEindeOpleiding),
      nul(v.alfabetisering), num(v.ingetrokken), mutatieId,
    );
  }

  /**
   * Ready for requests: a real table reads, and the store takes a write the way a request writes:
   * an inzage record (every read writes one), removed again, in a transaction that commits (at
   * NORMAL, as the inzage records of reads do), within half a second. A rolled-back write would
   * not do: its pages never leave the cache, so a full disk (SQLITE_FULL) shows only at a commit.
   * A locked, read-only, full or broken file fails here, as requests would. Nothing stays behind
   * but the next value of inzage_id.
   */
  async ping(): Promise<void> {
    await this.buiten(() => this.q.ping.get());
    if (this.db.readonly) throw new StoreUnavailable('the database is read-only');
    await this.inTransactie(
      async () => {
        const proef = proefInzage();
        const r = this.q.inzage.run(proef.tijdstip, proef.oin, proef.gemeente, proef.operatie, null, proef.messageId, 0);
        this.q.wisInzage.run(r.lastInsertRowid);
      },
      500,
      'NORMAL',
      true,
    );
  }

  async close(): Promise<void> {
    await this.queue;
    if (this.groep) this.sluit(this.groep);
    await this.checkpointer?.stop();
    this.db.close();
  }
}
