/**
 * The Store port. Two adapters implement it: the embedded SQLite store (better-sqlite3, the default
 * for the sandbox and the tests) and SQL Server (mssql, production). The port speaks in domain
 * terms only; each adapter keeps its SQL small and parallel to the other's, and where the two can
 * share a statement it lives in one module (dossier-sql.ts, signalenlijst.ts, inzage-sql.ts).
 *
 * - Reads return whole dossiers: one call per request.
 * - Every change goes through `transaction`: one database transaction in which the adapter
 *   records the mutation (who, for which gemeente, when, which MessageID) and appends versions.
 *   Versioned rows are never updated in place.
 *
 * Concurrent writers. Several gateway instances may write the same person at once; none may lose
 * an update, and none may get an error for it. The port promises pessimistic locking: inside a
 * transaction, `tx.dossier(bsn)` reads the person under a write lock held until the transaction
 * ends, so a second writer of that person waits and then reads what the first committed, and the
 * version it appends is the next one. SQLite takes its database-wide write lock at BEGIN
 * IMMEDIATE; SQL Server reads the person row WITH (UPDLOCK, HOLDLOCK) first. A writer that cannot
 * get the lock in time gets StoreUnavailable (fault 0051: try again), never a lost update. The
 * store contract suite (test/store/) holds every adapter to this with two instances on one database.
 */
import type { Datum } from '../domain/datum.js';
import type { Gelegenheid, NieuwSignaal, RetentieGrenzen, SignaalRegel, SignalenFilter, SignalenPagina } from '../domain/signalen.js';
import type {
  AanbodVersie,
  AfrondingVersie,
  Contactpersoon,
  ContactpersoonGegevens,
  Dossier,
  Instelling,
  Koppeling,
  Mutatie,
  PipVersie,
  UrenVersie,
} from '../domain/dossier.js';

import type { Rol } from '../domain/caller.js';

export type { Instelling, Rol, SignaalRegel };

/** An afnemer: the gemeenten an OIN may act for, each with a role. */
export type Afnemer = ReadonlyMap<string, Rol>;

/** Everything a dataset brings, with dates resolved. */
export interface Dataset {
  /** Each gemeente an afnemer may act for, with the afnemer's name (the same on each of its entries). */
  afnemers: Array<{ oin: string; gemeente: string; rol: Rol; naam?: string }>;
  instellingen: Instelling[];
  contactpersonen: ContactpersoonGegevens[];
  /** Each person, with the contactpersonen linked to it (and the day each link was made, when the dataset gives it). */
  dossiers: Array<{ dossier: Dossier; koppelingen: Array<{ gemeente: string; volgnummer: number; datumKoppeling?: Datum }> }>;
}

/** A person the signaal engine looks at, with the date of the occasion that made it one (the key of the next slice). */
export interface EngineKandidaat {
  readonly datum: Datum;
  readonly bsn: string;
}

export interface StoreTransaction {
  dossier(bsn: string): Promise<Dossier | undefined>;
  /** A contactpersoon of the gemeente, unless it was removed. */
  contactpersoon(gemeente: string, volgnummer: number): Promise<Contactpersoon | undefined>;
  /** Records who changes what; the versions written in this transaction point to it. */
  registreerMutatie(mutatie: Mutatie, bsn: string | undefined): Promise<number>;
  /** Appends a PIP version; its versie must be the next one, or the transaction fails. */
  voegPipVersieToe(bsn: string, versie: PipVersie, mutatieId: number): Promise<void>;
  /** Withdraws the PIP that starts at `initieleVersie`, with every version of it. */
  trekPipIn(bsn: string, initieleVersie: number, mutatieId: number): Promise<void>;
  /** Appends an aanbod version (a withdrawal is a version with ingetrokken set). */
  voegAanbodVersieToe(bsn: string, versie: AanbodVersie, mutatieId: number): Promise<void>;
  /** Appends a MAP or PVT version (a removal is a version without a datum). */
  voegAfrondingVersieToe(soort: 'map' | 'pvt', bsn: string, versie: AfrondingVersie, mutatieId: number): Promise<void>;
  /** Appends an uren version (a withdrawal is a version with ingetrokken set). */
  voegUrenVersieToe(bsn: string, versie: UrenVersie, mutatieId: number): Promise<void>;
  /** The instellingen among `codes` that DUO has registered; unknown codes are left out. */
  instellingen(codes: readonly string[]): Promise<Map<string, Instelling>>;
  /** The gemeente's contactpersonen, not removed, by volgnummer, with their current caseload. */
  contactpersonen(gemeente: string): Promise<ContactpersoonMetCaseload[]>;
  /** The next volgnummer of the gemeente: never one used before, removed ones included. */
  volgendVolgnummer(gemeente: string): Promise<number>;
  /** Appends a version of a contactpersoon (`verwijderd`: the contactpersoon is removed). */
  voegContactpersoonVersieToe(c: ContactpersoonGegevens, verwijderd: boolean, mutatieId: number): Promise<void>;
  /** The BSNs currently linked to a contactpersoon. */
  caseloadVan(gemeente: string, volgnummer: number): Promise<string[]>;
  /** Links the person to the contactpersoon `volgnummer` of the gemeente, or unlinks (undefined), on `datum`. */
  koppel(bsn: string, gemeente: string, volgnummer: number | undefined, datum: Datum, mutatieId: number): Promise<void>;
  /** The answer stored for a change the afnemer sent before under this MessageID (idempotency). */
  antwoord(oin: string, messageId: string): Promise<OpgeslagenAntwoord | undefined>;
  /** Stores the answer to this change, in its transaction; a second one under the same key fails. */
  bewaarAntwoord(oin: string, messageId: string, antwoord: OpgeslagenAntwoord, tijdstip: string): Promise<void>;
  /** The inzage record of this change, in its transaction: the record commits with the change, or neither does. */
  registreerInzage(inzage: Inzage): Promise<void>;
  /** The gemeente's signalen with these ids that were not removed; others' are not found. */
  signalenVan(gemeente: string, ids: readonly number[]): Promise<SignaalRegel[]>;
  /** Appends a status version of a signaal, set on `datum`. */
  zetSignaalStatus(id: number, status: 'N' | 'B' | 'A', datum: Datum, mutatieId: number): Promise<void>;
}

export interface Store {
  /** The rights of an OIN, or undefined when the OIN is not an afnemer. */
  afnemer(oin: string): Promise<Afnemer | undefined>;
  /** The name the dataset gave an afnemer, or undefined (an unknown OIN, or a store filled without names). */
  afnemerNaam(oin: string): Promise<string | undefined>;
  dossier(bsn: string): Promise<Dossier | undefined>;
  /**
   * Runs `work` in one transaction: all of it is stored, or nothing. An adapter may roll back and run
   * `work` again (SQL Server, after a deadlock or a lock timeout), so `work` has no effect outside
   * `tx` but its result.
   */
  transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T>;
  /** Every instelling DUO has registered, by code (a list of hundreds, not of persons). */
  alleInstellingen(): Promise<Instelling[]>;
  /** The gemeente's contactpersonen, not removed, by volgnummer, with their current caseload. */
  contactpersonen(gemeente: string): Promise<ContactpersoonMetCaseload[]>;
  /** The persons linked to a contactpersoon; with `historie` also the links that ended. */
  caseload(gemeente: string, volgnummer: number, historie: boolean): Promise<Koppeling[]>;
  /** The gemeente's signalen that were not removed, by datum and id, with what the list shows of the person (all of them: for tools and tests). */
  signalen(gemeente: string): Promise<SignaalRegel[]>;
  /** OpvragenSignalen: the gemeente's signalen that `filter` finds, filtered, counted and paged by the store. */
  zoekSignalen(gemeente: string, filter: SignalenFilter): Promise<SignalenPagina>;
  /**
   * The signaal engine's candidates for one kind of occasion: the persons with such an occasion
   * (`pip`: a PIP version registered; `start`: the window to give a PIP started; `verhuizing`: a
   * move) dated from `vanaf` to `tot`, in order of (date, BSN) after `na`, at most ENGINE_PLAK
   * (domain/signalen.ts): one slice of an index range, however many persons the store holds.
   */
  engineKandidaten(gelegenheid: Gelegenheid, vanaf: Datum, tot: Datum, na: EngineKandidaat | undefined): Promise<EngineKandidaat[]>;
  /** Adds the signalen the engine raised, each with status Nieuw; one already raised for the same occasion is left alone. Returns how many were new. */
  voegSignalenToe(signalen: readonly NieuwSignaal[], mutatie: Mutatie): Promise<number>;
  /**
   * Removes the signalen past their retention (`grenzen`), recording each removal on `datum`:
   * selected by the store, in slices of a transaction each. Returns how many.
   */
  ruimSignalenOp(grenzen: RetentieGrenzen, datum: Datum, mutatie: Mutatie): Promise<number>;
  /** Records who read or changed what (the inzage trail), apart from the request log. */
  registreerInzage(inzage: Inzage): Promise<void>;
  /** Removes the inzage records from before `tijdstip` (ISO 8601); returns how many. */
  ruimInzagesOp(tijdstip: string): Promise<number>;
  /**
   * An AVG request's search of the inzage trail (store/inzage-sql.ts): the records that meet
   * `criteria`, in order of time, after `na` (the previous slice's last record; none: the first
   * slice), at most INZAGE_PLAK: one slice of an index range, however long the trail.
   */
  zoekInzages(criteria: InzageCriteria, na: InzageRegel | undefined): Promise<InzageRegel[]>;
  /** Removes the answers stored before `tijdstip` (ISO 8601); returns how many. */
  ruimAntwoordenOp(tijdstip: string): Promise<number>;
  /** The audit record: every mutation of a person, oldest first. */
  mutaties(bsn: string): Promise<Mutatie[]>;
  /** Loads a dataset into an empty store, in one transaction. */
  importeer(dataset: Dataset): Promise<void>;
  /** True when no dataset was loaded yet. */
  isEmpty(): Promise<boolean>;
  /** Throws when the store cannot be reached (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** One read or change of personal data: who (OIN, gemeente), what (operation, person), when, which message. */
export interface Inzage {
  readonly tijdstip: string;
  readonly oin: string;
  readonly gemeente: string;
  readonly operatie: string;
  /** The keyed pseudonym of the BSN the request was about; absent for a gemeente's own data. */
  readonly bsnPseudoniem?: string;
  readonly messageId: string;
  readonly verwerkt: boolean;
}

/** The inzage record a readiness check (`ping`) writes, and removes or rolls back: no afnemer's, no person's. */
export function proefInzage(): Inzage {
  return { tijdstip: new Date().toISOString(), oin: '00000000000000000000', gemeente: '0000', operatie: 'Gereedheid', messageId: 'urn:cvs-koppeling:gereedheid', verwerkt: false };
}

/**
 * What an AVG request searches the inzage trail for: at least one of a person (the BSN's
 * pseudonym), a MessageID or an OIN, all given ones met; and a window of time, `vanaf` (from,
 * included) and `tot` (up to, not included), both ISO 8601 moments as `Date.toISOString` writes them.
 */
export interface InzageCriteria {
  readonly bsnPseudoniem?: string;
  readonly messageId?: string;
  readonly oin?: string;
  readonly vanaf?: string;
  readonly tot?: string;
}

/** An inzage record as a search finds it, with its place in the trail (the key of the next slice). */
export interface InzageRegel extends Inzage {
  readonly id: number;
}

/** The answer to a change, as it is replayed: the request's digest, and the answer's content as JSON. */
export interface OpgeslagenAntwoord {
  readonly digest: string;
  readonly operatie: string;
  readonly antwoord: string;
}

export interface ContactpersoonMetCaseload extends ContactpersoonGegevens {
  /** How many persons are linked to it now. */
  caseload: number;
}

/** The store refused a write (a unique key, a constraint): nothing of the transaction was stored. */
export class StoreConflict extends Error {
  override readonly name = 'StoreConflict';
}

/** The store cannot be reached: the caller gets fault 0051 and may try again. */
export class StoreUnavailable extends Error {
  override readonly name = 'StoreUnavailable';
}
