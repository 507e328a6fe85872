/**
 * The Store port. Two adapters implement it: the embedded SQLite store (better-sqlite3, the default
 * for the sandbox and the tests) and, later, SQL Server (mssql, production). The port speaks in
 * domain terms only; each adapter keeps its SQL small and parallel to the other's.
 *
 * - Reads return whole dossiers: one call per request.
 * - Every change goes through `transaction`: one database transaction in which the adapter
 *   records the mutation (who, for which gemeente, when, which MessageID) and appends versions.
 *   Versioned rows are never updated in place; a version number per entity makes a concurrent
 *   writer fail on the primary key instead of losing an update.
 */
import type { AanbodVersie, Contactpersoon, Dossier, Mutatie, PipVersie } from '../domain/dossier.js';

export type Rol = 'raadplegen' | 'muteren';

/** An afnemer: the gemeenten an OIN may act for, each with a role. */
export type Afnemer = ReadonlyMap<string, Rol>;

export interface Instelling {
  code: string;
  naam: string;
  /** BOW: Blik op Werk keurmerk; TSI: erkende taalschakelinstelling. */
  soort: 'BOW' | 'TSI';
}

/** Everything a dataset brings, with dates resolved. */
export interface Dataset {
  afnemers: Array<{ oin: string; gemeente: string; rol: Rol }>;
  instellingen: Instelling[];
  contactpersonen: Contactpersoon[];
  dossiers: Array<{ dossier: Dossier; koppelingen: Array<{ gemeente: string; volgnummer: number }> }>;
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
}

export interface Store {
  /** The rights of an OIN, or undefined when the OIN is not an afnemer. */
  afnemer(oin: string): Promise<Afnemer | undefined>;
  dossier(bsn: string): Promise<Dossier | undefined>;
  transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T>;
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

/** The store cannot be reached: the caller gets fault 0051 and may try again. */
export class StoreUnavailable extends Error {
  override readonly name = 'StoreUnavailable';
}
