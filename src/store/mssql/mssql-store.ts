/**
 * The SQL Server Store adapter, on mssql (tedious), for production. Every statement is in sql.ts,
 * with parameters only; the schema is in migrations/ (migraties.ts applies it). A dossier is read
 * in one round trip: one batch, twelve result sets.
 *
 * Connections. One ConnectionPool (CVS_MSSQL_POOL_MAX connections), with a time limit per
 * statement and per connection. When SQL Server is gone every call throws StoreUnavailable (the
 * gateway answers fault 0051); the pool makes new connections once it is back. A pool whose first
 * connection failed is dropped and the next call builds a new one.
 *
 * Concurrent writers: the port's promise, and where the port names no lock, the semantics SQLite
 * gets from taking its database-wide write lock at BEGIN IMMEDIATE. Every transaction runs at READ
 * COMMITTED and first locks what it must not see change, holding it until it commits or rolls back:
 *
 *   a person          `tx.dossier(bsn)` reads the person row WITH (UPDLOCK, HOLDLOCK) before the rest
 *                     of the dossier: a second writer of that person waits there, then reads what
 *                     the first committed (store/port.ts).
 *   an answer         application lock `cvs-koppeling/antwoord/<SHA-256 of OIN and MessageID>`,
 *                     Exclusive, by `tx.antwoord` and `tx.bewaarAntwoord`: a repeat of a MessageID
 *                     that arrives while the first is being processed waits, then gets its answer.
 *   a gemeente's      application lock `cvs-koppeling/contactpersonen/<gemeente>`, Exclusive, by the
 *   contactpersonen   first of `tx.contactpersonen`, `tx.volgendVolgnummer`, `tx.caseloadVan`,
 *   and links         `tx.voegContactpersoonVersieToe`, `tx.koppel`: the next volgnummer, the next
 *                     version and a caseload stay what the transaction read; Shared by the lookup
 *                     `tx.contactpersoon`, so that PIP changes naming a contactpersoon do not wait
 *                     for each other. (No operation looks one up and then writes contactpersonen.)
 *   a gemeente's      application locks `cvs-koppeling/signalen` IntentExclusive and then
 *   signalen          `cvs-koppeling/signalen/<gemeente>` Exclusive, by `tx.signalenVan` and
 *                     `tx.zetSignaalStatus`; each slice of the retention (`ruimSignalenOp`) takes
 *                     `cvs-koppeling/signalen` Exclusive, so it waits for the gemeenten's changes and
 *                     they wait for it (for one slice of 2,000 signaal ids, not for the whole run).
 *   a new signaal     `voegSignalenToe` inserts each signaal only when no row has its (bsn, gemeente,
 *                     code, aanleiding), checked WITH (UPDLOCK, HOLDLOCK): two instances running the
 *                     engine at once add nothing twice (the filtered unique index is the backstop).
 *
 * Why application locks (sp_getapplock, owned by the transaction) and not UPDLOCK/HOLDLOCK reads for
 * the answer, the contactpersonen and the signalen: what they protect is often a row that does not
 * exist yet (a new MessageID, the next volgnummer, the next version). A HOLDLOCK read of a missing
 * key locks the range up to the next key, so unrelated transactions whose keys fall in that range
 * wait for each other: every new MessageID above the highest one stored, for one, which would
 * serialise all changes. An application lock names exactly what is protected and ends with the
 * transaction, also on a rollback. Every operation takes its locks in one order: answer, person,
 * then the gemeente's contactpersonen or signalen; so they cannot deadlock one another.
 *
 * Waiting: a lock not granted within `lockTimeoutMs` (CVS_STORE_LOCK_TIMEOUT_MS, as for SQLite;
 * SQL Server error 1222, sp_getapplock -1), or a deadlock (1205, sp_getapplock -3), rolls the
 * transaction back and runs it again, `work` and all (the operations' work has no effect outside
 * the transaction), up to `pogingen` attempts; then the caller gets StoreUnavailable (fault 0051:
 * try again), never a lost update. A unique key or another constraint (2627, 2601, 547, 515, 2628,
 * 8152) is a StoreConflict. Within one transaction the statements go one at a time, in the order
 * asked.
 */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import mssql from 'mssql';
import type { ConnectionPool, Transaction } from 'mssql';
import {
  proefInzage,
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
import type { Datum } from '../../domain/datum.js';
import type { Gelegenheid, NieuwSignaal, RetentieGrenzen, SignalenFilter, SignalenPagina } from '../../domain/signalen.js';
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
import { beschrijf, type MssqlConfig } from './config.js';
import { leesMigraties, migreer, schemaFout, toegepast, type Migratie } from './migraties.js';
import { PARAMETERS, SQL, type ParameterNaam, type Statement } from './sql.js';
import { terugdraaien, verbindingVan, vertaal, voerUit, Wachtfout, type TeBeeindigen, type Uitkomst } from './uitvoeren.js';
import { signalenCriteria } from '../signalenlijst.js';
import { inzageSleutel, inzageSpoorParameters, mapInzageRegel } from '../inzage-sql.js';
import { afnemerNamen, bool, DOSSIER_DELEN, dossierUit as uitDelen, mapContactpersoon, mapContactpersoonMetCaseload, mapSignaalRegel, nul, type Row } from '../rijen.js';


type Waarden<P extends ParameterNaam> = { readonly [K in P]: unknown };
type LockMode = 'Exclusive' | 'Shared' | 'IntentExclusive';

/** The longest instellingcode the schema holds: a longer one cannot be a registered instelling. */
const INSTELLINGCODE_MAX = Number(/\((\d+)\)/.exec(PARAMETERS.instellingcode)![1]);
const INT_MAX = 2_147_483_647;

const inzageParameters = (i: Inzage) => ({
  tijdstip: i.tijdstip,
  oin: i.oin,
  gemeentecode: i.gemeente,
  operatie: i.operatie,
  bsn_pseudoniem: nul(i.bsnPseudoniem),
  message_id: i.messageId,
  verwerkt: i.verwerkt,
});
/** Signaal ids per slice of the retention: well below the 5,000 locks at which SQL Server escalates to the table. */
const RETENTIE_PLAK = 2000;

/** A dossier from the result sets of its batch, in the order of DOSSIER_DELEN. */
const dossierUit = (sets: Row[][]) => uitDelen((deel) => sets[DOSSIER_DELEN.indexOf(deel)] ?? []);

export interface MssqlStoreOptions {
  /** How long a change waits for a lock (a person, an application lock) before it is tried again (1 s, as SQLite's). */
  readonly lockTimeoutMs?: number;
  /** How often a transaction runs at most when it met a lock time-out or a deadlock (3). */
  readonly pogingen?: number;
  /** Told when a rollback failed and its connection was discarded (uitvoeren.ts: terugdraaien), with the transaction's error. */
  readonly onVerbindingWeggegooid?: (err: unknown) => void;
}

/** One run of a transaction: its mssql transaction, the locks it holds, its statements one after the other. */
interface Poging {
  readonly tx: Transaction;
  readonly locks: Set<string>;
  /** The gemeente of each signaal this run read, for the lock `zetSignaalStatus` needs. */
  readonly signaalGemeente: Map<number, string>;
  /** The statements of this run, one at a time: a transaction has one connection. */
  rij: Promise<unknown>;
  /** Set when a statement waited too long or was a deadlock victim: the run is rolled back and tried again. */
  wacht?: Wachtfout;
  klaar: boolean;
}

export class MssqlStore implements Store {
  private poolBelofte: Promise<ConnectionPool> | undefined;
  private gesloten = false;
  private readonly lockTimeoutMs: number;
  private readonly pogingen: number;
  private readonly onVerbindingWeggegooid: (err: unknown) => void;

  constructor(
    private readonly config: MssqlConfig,
    options: MssqlStoreOptions = {},
  ) {
    this.lockTimeoutMs = options.lockTimeoutMs ?? 1000;
    this.pogingen = Math.max(1, options.pogingen ?? 3);
    this.onVerbindingWeggegooid = options.onVerbindingWeggegooid ?? (() => undefined);
  }

  /** Where this store connects (no user, no password), for the log. */
  get waar(): string {
    return beschrijf(this.config);
  }

  // ---- connections -------------------------------------------------------------------------

  private pool(): Promise<ConnectionPool> {
    if (this.gesloten) return Promise.reject(new StoreUnavailable('the store is closed'));
    if (!this.poolBelofte) {
      const v = this.config.verbinding;
      // mssql writes its defaults into the object it is given: each pool gets a copy.
      const pool = new mssql.ConnectionPool({ ...v, options: { ...v.options }, pool: { ...v.pool } });
      // mssql also emits a failed connection as an 'error' event; the call that needed the
      // connection gets the same error, so the event adds nothing (and unheard it would throw).
      pool.on('error', () => undefined);
      const belofte: Promise<ConnectionPool> = pool.connect().catch((err: unknown) => {
        if (this.poolBelofte === belofte) this.poolBelofte = undefined;
        void pool.close().catch(() => undefined);
        throw vertaal(err);
      });
      this.poolBelofte = belofte;
    }
    return this.poolBelofte;
  }

  /** Runs `fn` again when it met a lock time-out or a deadlock, up to `pogingen` times. */
  private async opnieuw<T>(fn: () => Promise<T>): Promise<T> {
    for (let poging = 1; ; poging++) {
      try {
        return await fn();
      } catch (err) {
        if (!(err instanceof Wachtfout)) throw err;
        if (poging >= this.pogingen) throw new StoreUnavailable(`SQL Server: gave up after ${poging} attempts (${err.message})`, { cause: err });
        await sleep(Math.round(Math.random() * 25 * 2 ** poging));
      }
    }
  }

  /** A statement on a connection of its own, outside a transaction. */
  private lees<P extends ParameterNaam>(statement: Statement<P>, waarden: Waarden<P>): Promise<Uitkomst> {
    return this.opnieuw(async () => {
      const pool = await this.pool();
      try {
        return await voerUit(pool, statement, waarden, this.lockTimeoutMs);
      } catch (err) {
        throw vertaal(err);
      }
    });
  }

  private async rows<P extends ParameterNaam>(statement: Statement<P>, waarden: Waarden<P>): Promise<Row[]> {
    return (await this.lees(statement, waarden)).sets[0] ?? [];
  }

  // ---- transactions ------------------------------------------------------------------------

  private inTransactie<T>(werk: (p: Poging) => Promise<T>): Promise<T> {
    return this.opnieuw(async () => {
      const pool = await this.pool();
      const tx = new mssql.Transaction(pool);
      try {
        await tx.begin(mssql.ISOLATION_LEVEL.READ_COMMITTED);
      } catch (err) {
        throw vertaal(err);
      }
      const verbinding = await verbindingVan(tx as unknown as TeBeeindigen);
      const p: Poging = { tx, locks: new Set(), signaalGemeente: new Map(), rij: Promise.resolve(), klaar: false };
      try {
        const uit = await werk(p);
        await p.rij;
        if (p.wacht) throw p.wacht;
        p.klaar = true;
        await tx.commit();
        return uit;
      } catch (err) {
        await p.rij;
        p.klaar = true;
        if (await terugdraaien(tx as unknown as TeBeeindigen, verbinding, pool as never)) this.onVerbindingWeggegooid(err);
        throw p.wacht ?? vertaal(err);
      }
    });
  }

  /** A statement in the run's transaction, after the ones asked before it. */
  private voer<P extends ParameterNaam>(p: Poging, statement: Statement<P>, waarden: Waarden<P>): Promise<Uitkomst> {
    const run = async (): Promise<Uitkomst> => {
      if (p.wacht) throw p.wacht;
      if (p.klaar) throw new Error('the transaction has ended');
      try {
        return await voerUit(p.tx, statement, waarden, this.lockTimeoutMs);
      } catch (err) {
        const fout = vertaal(err);
        if (fout instanceof Wachtfout) p.wacht = fout;
        throw fout;
      }
    };
    const next = p.rij.then(run, run);
    p.rij = next.catch(() => undefined);
    return next;
  }

  /** An application lock, held until the run's transaction ends; taken once per run (Shared is in Exclusive). */
  private async lock(p: Poging, resource: string, mode: LockMode): Promise<void> {
    const sleutel = `${mode} ${resource}`;
    if (p.locks.has(sleutel) || (mode === 'Shared' && p.locks.has(`Exclusive ${resource}`))) return;
    const r = await this.voer(p, SQL.applock, { resource, lock_mode: mode, lock_timeout_ms: this.lockTimeoutMs });
    const uitkomst = r.sets[0]?.[0]?.uitkomst;
    if (uitkomst === -1 || uitkomst === -3) {
      p.wacht ??= new Wachtfout(`application lock ${resource} not granted (${uitkomst === -1 ? 'time-out' : 'deadlock'})`);
      throw p.wacht;
    }
    if (typeof uitkomst !== 'number' || uitkomst < 0) throw new Error(`sp_getapplock answered ${String(uitkomst)} for ${resource}`);
    p.locks.add(sleutel);
  }

  /** Exclusive for what reads to write (the next volgnummer, a caseload, the list) and for writing; Shared for a lookup. */
  private contactpersonenLock(p: Poging, gemeente: string, mode: 'Exclusive' | 'Shared' = 'Exclusive'): Promise<void> {
    return this.lock(p, `cvs-koppeling/contactpersonen/${gemeente}`, mode);
  }

  private async signalenLock(p: Poging, gemeente: string): Promise<void> {
    await this.lock(p, 'cvs-koppeling/signalen', 'IntentExclusive');
    await this.lock(p, `cvs-koppeling/signalen/${gemeente}`, 'Exclusive');
  }

  private antwoordLock(p: Poging, oin: string, messageId: string): Promise<void> {
    const sleutel = createHash('sha256').update(oin).update('\u0000').update(messageId).digest('hex');
    return this.lock(p, `cvs-koppeling/antwoord/${sleutel}`, 'Exclusive');
  }

  transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    return this.inTransactie((p) => work(this.txVoor(p)));
  }

  private txVoor(p: Poging): StoreTransaction {
    const rij = async <P extends ParameterNaam>(statement: Statement<P>, waarden: Waarden<P>): Promise<Row | undefined> =>
      (await this.voer(p, statement, waarden)).sets[0]?.[0];
    const alle = async <P extends ParameterNaam>(statement: Statement<P>, waarden: Waarden<P>): Promise<Row[]> =>
      (await this.voer(p, statement, waarden)).sets[0] ?? [];
    return {
      dossier: async (bsn) => dossierUit((await this.voer(p, SQL.dossierVoorWijziging, { bsn })).sets),
      contactpersoon: async (gemeente, volgnummer) => {
        // A lookup (a PIP change that names a contactpersoon): such changes do not wait for each
        // other, only for a change of the gemeente's contactpersonen, and it for them.
        await this.contactpersonenLock(p, gemeente, 'Shared');
        const row = await rij(SQL.contactpersoon, { gemeentecode: gemeente, volgnummer });
        return row && !bool(row.verwijderd) ? mapContactpersoon(row) : undefined;
      },
      registreerMutatie: (m, bsn) => this.registreer(p, m, bsn),
      voegPipVersieToe: (bsn, v, mutatieId) => this.insertPip(p, bsn, v, mutatieId),
      trekPipIn: async (bsn, initieleVersie, mutatieId) => {
        await this.voer(p, SQL.pipIntrekking, { bsn, initiele_versie: initieleVersie, mutatie_id: mutatieId });
      },
      voegAanbodVersieToe: (bsn, v, mutatieId) => this.insertAanbod(p, bsn, v, mutatieId),
      voegUrenVersieToe: (bsn, v, mutatieId) => this.insertUren(p, bsn, v, mutatieId),
      voegAfrondingVersieToe: (soort, bsn, v, mutatieId) => this.insertAfronding(p, soort, bsn, v, mutatieId),
      contactpersonen: async (gemeente) => {
        await this.contactpersonenLock(p, gemeente);
        return (await alle(SQL.gemeenteContactpersonen, { gemeentecode: gemeente })).map(mapContactpersoonMetCaseload);
      },
      volgendVolgnummer: async (gemeente) => {
        await this.contactpersonenLock(p, gemeente);
        return (await rij(SQL.volgendVolgnummer, { gemeentecode: gemeente }))!.volgnummer as number;
      },
      voegContactpersoonVersieToe: async (c, verwijderd, mutatieId) => {
        await this.contactpersonenLock(p, c.gemeente);
        await this.insertContactpersoon(p, c, verwijderd, mutatieId);
      },
      caseloadVan: async (gemeente, volgnummer) => {
        await this.contactpersonenLock(p, gemeente);
        return (await alle(SQL.caseloadVan, { gemeentecode: gemeente, volgnummer })).map((r) => r.bsn as string);
      },
      koppel: async (bsn, gemeente, volgnummer, datum, mutatieId) => {
        await this.contactpersonenLock(p, gemeente);
        await this.voer(p, SQL.koppelVersie, { bsn, gemeentecode: gemeente, volgnummer: nul(volgnummer), datum, mutatie_id: mutatieId });
      },
      antwoord: async (oin, messageId) => {
        await this.antwoordLock(p, oin, messageId);
        const row = await rij(SQL.antwoord, { oin, message_id: messageId });
        return row ? { digest: row.digest as string, operatie: row.operatie as string, antwoord: row.antwoord as string } : undefined;
      },
      bewaarAntwoord: async (oin, messageId, a: OpgeslagenAntwoord, tijdstip) => {
        await this.antwoordLock(p, oin, messageId);
        await this.voer(p, SQL.bewaarAntwoord, { oin, message_id: messageId, digest: a.digest, operatie: a.operatie, antwoord: a.antwoord, tijdstip });
      },
      registreerInzage: async (i) => {
        await this.voer(p, SQL.inzage, inzageParameters(i));
      },
      signalenVan: async (gemeente, ids) => {
        await this.signalenLock(p, gemeente);
        const gevraagd = [...new Set(ids)].filter((id) => Number.isInteger(id) && id >= 1 && id <= INT_MAX);
        if (gevraagd.length === 0) return [];
        const regels = (await alle(SQL.signalenVan, { gemeentecode: gemeente, ids: JSON.stringify(gevraagd) })).map(mapSignaalRegel);
        for (const s of regels) p.signaalGemeente.set(s.id, s.gemeente);
        return regels;
      },
      zetSignaalStatus: async (id, status, datum, mutatieId) => {
        const gemeente = p.signaalGemeente.get(id) ?? ((await rij(SQL.signaalGemeente, { signaal_id: id }))?.gemeentecode as string | undefined);
        // An unknown signaal takes no lock: its insert fails on the foreign key (StoreConflict).
        if (gemeente) await this.signalenLock(p, gemeente);
        await this.voer(p, SQL.signaalStatus, { signaal_id: id, status, datum, mutatie_id: mutatieId });
      },
      instellingen: async (codes) => {
        const out = new Map<string, Instelling>();
        const gezocht = [...new Set(codes)].filter((c) => c.length <= INSTELLINGCODE_MAX);
        if (gezocht.length === 0) return out;
        const gevonden = new Map((await alle(SQL.instellingen, { codes: JSON.stringify(gezocht) })).map((r) => [r.code as string, r]));
        for (const code of gezocht) {
          const row = gevonden.get(code);
          if (row) out.set(code, { code: row.code as string, naam: row.naam as string, soort: row.soort as Instelling['soort'] });
        }
        return out;
      },
    };
  }

  private async registreer(p: Poging, m: Mutatie, bsn: string | undefined): Promise<number> {
    const r = await this.voer(p, SQL.mutatie, {
      tijdstip: m.tijdstip,
      oin: m.oin,
      gemeentecode: m.gemeente,
      message_id: m.messageId,
      operatie: m.operatie,
      bsn: nul(bsn),
    });
    return r.sets[0]![0]!.mutatie_id as number;
  }

  private async insertPip(p: Poging, bsn: string, v: PipVersie, mutatieId: number | null): Promise<void> {
    await this.voer(p, SQL.pipVersie, {
      bsn,
      versie: v.versie,
      initieel: v.initieel,
      gemeentecode: v.gemeente,
      datum_dagtekening_initieel: v.datumDagtekeningInitieel,
      datum_dagtekening: v.datumDagtekening,
      datum_registratie: v.datumRegistratie,
      leerroute: v.leerroute,
      niveau: nul(v.niveau),
      alfabetisering: nul(v.alfabetisering),
      geschatte_uren: nul(v.geschatteUren),
      geschatte_uren_resterend: nul(v.geschatteUrenResterend),
      toestemming: v.toestemming,
      contact_volgnummer: nul(v.contactVolgnummer),
      mutatie_id: mutatieId,
    });
  }

  private async insertAanbod(p: Poging, bsn: string, v: AanbodVersie, mutatieId: number | null): Promise<void> {
    await this.voer(p, SQL.aanbodVersie, {
      bsn,
      versie: v.versie,
      instellingcode: v.instelling,
      gemeentecode: v.gemeente,
      datum_inschrijving: v.datumInschrijving,
      datum_start_opleiding: nul(v.datumStartOpleiding),
      datum_einde_opleiding: nul(v.datumEindeOpleiding),
      alfabetisering: nul(v.alfabetisering),
      ingetrokken: v.ingetrokken,
      mutatie_id: mutatieId,
    });
  }

  private async insertAfronding(p: Poging, soort: 'map' | 'pvt', bsn: string, v: AfrondingVersie, mutatieId: number | null): Promise<void> {
    if (soort === 'map') {
      await this.voer(p, SQL.mapVersie, { bsn, versie: v.versie, gemeentecode: v.gemeente, datum_eindgesprek: nul(v.datum), mutatie_id: mutatieId });
    } else {
      await this.voer(p, SQL.pvtVersie, { bsn, versie: v.versie, gemeentecode: v.gemeente, datum_ondertekening: nul(v.datum), mutatie_id: mutatieId });
    }
  }

  private async insertUren(p: Poging, bsn: string, v: UrenVersie, mutatieId: number | null): Promise<void> {
    await this.voer(p, SQL.urenVersie, {
      bsn,
      versie: v.versie,
      type_uren: v.typeUren,
      instellingcode: nul(v.instelling),
      datum_tot: v.datumTot,
      aantal_uren: v.aantalUren,
      gemeentecode: v.gemeente,
      ingetrokken: v.ingetrokken ?? false,
      mutatie_id: mutatieId,
    });
  }

  private async insertContactpersoon(p: Poging, c: ContactpersoonGegevens, verwijderd: boolean, mutatieId: number | null): Promise<void> {
    await this.voer(p, SQL.contactpersoonVersie, {
      gemeentecode: c.gemeente,
      volgnummer: c.volgnummer,
      naam: c.naam,
      email: c.email,
      telefoonnummer: nul(c.telefoonnummer),
      algemeen: c.algemeen,
      verwijderd,
      mutatie_id: mutatieId,
    });
  }

  // ---- reads outside a transaction -----------------------------------------------------------

  async afnemer(oin: string): Promise<Afnemer | undefined> {
    const rows = await this.rows(SQL.afnemer, { oin });
    if (rows.length === 0) return undefined;
    return new Map(rows.map((r) => [r.gemeentecode as string, r.rol as Rol]));
  }

  async afnemerNaam(oin: string): Promise<string | undefined> {
    return (await this.rows(SQL.afnemerNaam, { afnemer_oin: oin }))[0]?.naam as string | undefined;
  }

  async dossier(bsn: string): Promise<Dossier | undefined> {
    return dossierUit((await this.lees(SQL.dossier, { bsn })).sets);
  }

  async alleInstellingen(): Promise<Instelling[]> {
    return (await this.rows(SQL.alleInstellingen, {})).map((r) => ({ code: r.code as string, naam: r.naam as string, soort: r.soort as Instelling['soort'] }));
  }

  async contactpersonen(gemeente: string): Promise<ContactpersoonMetCaseload[]> {
    return (await this.rows(SQL.gemeenteContactpersonen, { gemeentecode: gemeente })).map(mapContactpersoonMetCaseload);
  }

  async caseload(gemeente: string, volgnummer: number, historie: boolean): Promise<Koppeling[]> {
    return (await this.rows(SQL.caseload, { gemeentecode: gemeente, volgnummer }))
      .filter((r) => historie || bool(r.actueel))
      .map((r) => ({
        bsn: r.bsn as string,
        achternaam: r.achternaam as string,
        ...(r.datum_koppeling ? { datumKoppeling: r.datum_koppeling as string } : {}),
        ...(r.datum_ingetrokken ? { datumIngetrokken: r.datum_ingetrokken as string } : {}),
      }));
  }

  async signalen(gemeente: string): Promise<SignaalRegel[]> {
    return (await this.rows(SQL.gemeenteSignalen, { gemeentecode: gemeente })).map(mapSignaalRegel);
  }

  async zoekSignalen(gemeente: string, f: SignalenFilter): Promise<SignalenPagina> {
    const van = (f.pagina - 1) * f.paginaGrootte;
    const r = await this.lees(SQL.zoekSignalen, { ...signalenCriteria(gemeente, f), van_rij: van, tot_rij: van + f.paginaGrootte });
    return {
      totaal: (r.sets[0]?.[0]?.totaal as number | undefined) ?? 0,
      nietAfgehandeld: (r.sets[1]?.[0]?.niet_afgehandeld as number | undefined) ?? 0,
      signalen: (r.sets[2] ?? []).map(mapSignaalRegel),
    };
  }

  async engineKandidaten(gelegenheid: Gelegenheid, vanaf: Datum, tot: Datum, na: EngineKandidaat | undefined): Promise<EngineKandidaat[]> {
    const statement = { pip: SQL.kandidatenPip, start: SQL.kandidatenStart, verhuizing: SQL.kandidatenVerhuizing }[gelegenheid];
    const rijen = await this.rows(statement, { vanaf, tot, na_datum: na?.datum ?? null, na_bsn: na?.bsn ?? null });
    return rijen.map((r) => ({ datum: r.datum as string, bsn: r.bsn as string }));
  }

  async mutaties(bsn: string): Promise<Mutatie[]> {
    return (await this.rows(SQL.mutaties, { bsn })).map((r) => ({
      tijdstip: r.tijdstip as string,
      oin: r.oin as string,
      gemeente: r.gemeentecode as string,
      messageId: r.message_id as string,
      operatie: r.operatie as string,
    }));
  }

  async isEmpty(): Promise<boolean> {
    return (await this.rows(SQL.leeg, {})).length === 0;
  }

  /** Ready for requests: a real table reads, and the database takes writes. */
  async ping(): Promise<void> {
    let r: Uitkomst;
    try {
      r = await this.lees(SQL.ping, inzageParameters(proefInzage()));
    } catch (err) {
      throw err instanceof StoreUnavailable ? err : new StoreUnavailable('SQL Server does not answer', { cause: err });
    }
    if (r.sets[1]?.[0]?.updateability !== 'READ_WRITE') throw new StoreUnavailable('the database is read-only');
  }

  // ---- changes outside an operation ----------------------------------------------------------

  /** In one transaction: a signaal whose (bsn, gemeente, code, aanleiding) exists is skipped. */
  voegSignalenToe(signalen: readonly NieuwSignaal[], mutatie: Mutatie): Promise<number> {
    return this.inTransactie(async (p) => {
      let nieuw = 0;
      let mutatieId: number | undefined;
      for (const s of signalen) {
        const r = await this.voer(p, SQL.nieuwSignaal, {
          bsn: s.bsn,
          gemeentecode: s.gemeente,
          code: s.code,
          datum: s.datum,
          aanleiding: s.aanleiding,
        });
        const id = r.sets[0]?.[0]?.signaal_id;
        if (typeof id !== 'number') continue;
        mutatieId ??= await this.registreer(p, mutatie, undefined);
        await this.voer(p, SQL.signaalStatus, { signaal_id: id, status: 'N', datum: s.datum, mutatie_id: mutatieId });
        nieuw++;
      }
      return nieuw;
    });
  }

  /** Slices of RETENTIE_PLAK signaal ids, each its own transaction (so no lock escalates past a slice). */
  async ruimSignalenOp(grenzen: RetentieGrenzen, datum: Datum, mutatie: Mutatie): Promise<number> {
    const hoogste = ((await this.rows(SQL.hoogsteSignaal, {}))[0]?.hoogste as number | null | undefined) ?? 0;
    let verwijderd = 0;
    for (let van = 0; van < hoogste; van += RETENTIE_PLAK) {
      verwijderd += await this.inTransactie(async (p) => {
        await this.lock(p, 'cvs-koppeling/signalen', 'Exclusive');
        const ids = ((await this.voer(p, SQL.teVerwijderenSignalen, {
          van_id: van,
          tot_id: van + RETENTIE_PLAK,
          afgehandeld_tot: grenzen.afgehandeldTot,
          nieuw_voor: grenzen.nieuwVoor,
        })).sets[0] ?? []).map((r) => r.signaal_id as number);
        if (ids.length === 0) return 0;
        const mutatieId = await this.registreer(p, mutatie, undefined);
        await this.voer(p, SQL.verwijderSignalen, { datum, mutatie_id: mutatieId, ids: JSON.stringify(ids) });
        return ids.length;
      });
    }
    return verwijderd;
  }

  async zoekInzages(criteria: InzageCriteria, na: InzageRegel | undefined): Promise<InzageRegel[]> {
    const statement = { message_id: SQL.zoekInzagesBericht, bsn_pseudoniem: SQL.zoekInzagesPersoon, oin: SQL.zoekInzagesAfnemer }[inzageSleutel(criteria)];
    return (await this.rows(statement, inzageSpoorParameters(criteria, na))).map(mapInzageRegel);
  }

  /** A read's record: one insert on a connection of its own, it needs no transaction (a change's is in its own: tx.registreerInzage). */
  async registreerInzage(i: Inzage): Promise<void> {
    await this.lees(SQL.inzage, inzageParameters(i));
  }

  ruimAntwoordenOp(tijdstip: string): Promise<number> {
    return this.ruimOp(SQL.ruimAntwoordenOp, tijdstip);
  }

  ruimInzagesOp(tijdstip: string): Promise<number> {
    return this.ruimOp(SQL.ruimInzagesOp, tijdstip);
  }

  /** In slices of 1000 rows, each its own short transaction, so that no clean-up holds many locks at once. */
  private async ruimOp(statement: Statement<'tijdstip'>, tijdstip: string): Promise<number> {
    let totaal = 0;
    for (;;) {
      const weg = (await this.lees(statement, { tijdstip })).rowsAffected[0] ?? 0;
      totaal += weg;
      if (weg < 1000) return totaal;
    }
  }

  async importeer(dataset: Dataset): Promise<void> {
    await this.inTransactie(async (p) => {
      const mutatieId = (await this.voer(p, SQL.importMutatie, { tijdstip: new Date().toISOString() })).sets[0]![0]!.mutatie_id as number;
      for (const a of dataset.afnemers) await this.voer(p, SQL.importAfnemer, { afnemer_oin: a.oin, gemeentecode: a.gemeente, rol: a.rol });
      for (const [oin, naam] of afnemerNamen(dataset)) await this.voer(p, SQL.importAfnemerNaam, { afnemer_oin: oin, afnemer_naam: naam });
      for (const i of dataset.instellingen) await this.voer(p, SQL.importInstelling, { instellingcode: i.code, instelling_naam: i.naam, soort: i.soort });
      for (const c of dataset.contactpersonen) await this.insertContactpersoon(p, c, false, null);
      for (const { dossier: d, koppelingen } of dataset.dossiers) {
        const pp = d.persoon;
        const bsn = pp.bsn;
        await this.voer(p, SQL.importPersoon, {
          bsn,
          voornamen: nul(pp.voornamen),
          achternaam: pp.achternaam,
          geboortedatum: pp.geboortedatum,
          wet: pp.wet,
          woongemeente: nul(pp.woongemeente),
          woont_in_azc: pp.woontInAzc,
          coa_gemeente: nul(pp.coaGemeente),
          overlijdensdatum: nul(pp.overlijdensdatum),
          doelgroep: nul(pp.doelgroep),
          verblijfsdoel_gewijzigd: nul(pp.verblijfsdoelGewijzigd),
          datum_wijziging_verblijfsdoel: nul(pp.datumWijzigingVerblijfsdoel),
          datum_start_plicht: nul(pp.datumStartPlicht),
          datum_einde_plicht: nul(pp.datumEindePlicht),
          reden_einde_plicht: nul(pp.redenEindePlicht),
          datum_start_termijn_pip: nul(pp.datumStartTermijnPip),
          datum_einde_termijn_gewijzigd: nul(pp.datumEindeTermijnGewijzigd),
          reden_wijziging_termijn: nul(pp.redenWijzigingTermijn),
          datum_wijziging_termijn: nul(pp.datumWijzigingTermijn),
          pvt_plicht_voldaan: pp.pvtPlichtVoldaan ?? false,
          verhuizing_van: nul(pp.verhuizing?.van),
          verhuizing_naar: nul(pp.verhuizing?.naar),
          verhuizing_datum: nul(pp.verhuizing?.datum),
        });
        const t = d.leerbaarheidstoets;
        if (t) {
          await this.voer(p, SQL.importToets, {
            bsn,
            examennummer: nul(t.examennummer),
            gemeentecode: nul(t.gemeente),
            datum_aanmelding: nul(t.datumAanmelding),
            datum_start_periode: nul(t.datumStartPeriode),
            datum_einde_periode: nul(t.datumEindePeriode),
            datum_toetsafname: nul(t.datumToetsafname),
            maximum_score: nul(t.maximumScore),
            behaalde_score: nul(t.behaaldeScore),
            benodigde_score: nul(t.benodigdeScore),
            resultaat: nul(t.resultaat),
            ontheven: t.ontheven,
          });
        }
        for (const e of d.examens) {
          await this.voer(p, SQL.importExamen, {
            bsn,
            onderdeel: e.onderdeel,
            examen_niveau: e.niveau,
            datum_examen: nul(e.datumExamen),
            gratis_pogingen_over: e.gratisPogingenOver,
            examen_status: e.status,
          });
        }
        for (const [i, a] of d.aanvragen.entries()) {
          await this.voer(p, SQL.importAanvraag, {
            bsn,
            volgnummer: i + 1,
            type_verzoek: a.typeVerzoek,
            toelichting: a.toelichting,
            aanvraag_status: a.status,
            datum_ontvangst: a.datumOntvangst,
            datum_besluit: nul(a.datumBesluit),
          });
        }
        for (const v of d.pip) {
          await this.insertPip(p, bsn, v, null);
          if (v.initieel && v.ingetrokken) await this.voer(p, SQL.pipIntrekking, { bsn, initiele_versie: v.versie, mutatie_id: mutatieId });
        }
        for (const v of d.aanbod) await this.insertAanbod(p, bsn, v, null);
        for (const v of d.map) await this.insertAfronding(p, 'map', bsn, v, null);
        for (const v of d.pvt) await this.insertAfronding(p, 'pvt', bsn, v, null);
        for (const v of d.uren) await this.insertUren(p, bsn, v, null);
        for (const k of koppelingen) {
          await this.voer(p, SQL.koppelVersie, { bsn, gemeentecode: k.gemeente, volgnummer: k.volgnummer, datum: nul(k.datumKoppeling), mutatie_id: null });
        }
        for (const s of d.signalen) {
          const id = (await this.voer(p, SQL.importSignaal, { bsn, gemeentecode: s.gemeente, code: s.code, datum: s.datum, aanleiding: nul(s.aanleiding) }))
            .sets[0]![0]!.signaal_id;
          await this.voer(p, SQL.importSignaalStatus, { signaal_id: id, status: s.status, datum: nul(s.datumStatus) });
        }
      }
    });
  }

  // ---- schema ------------------------------------------------------------------------------

  /** Applies the migrations the database lacks (`npm run migrate`, CVS_MSSQL_MIGRATE); returns the files applied. */
  async migreer(migraties: readonly Migratie[] = leesMigraties()): Promise<string[]> {
    if (this.gesloten) throw new StoreUnavailable('the store is closed');
    return migreer(this.config.verbinding, migraties);
  }

  /** Throws unless the database has exactly the migrations this gateway knows. */
  async controleerSchema(migraties: readonly Migratie[] = leesMigraties()): Promise<void> {
    let stappen;
    try {
      stappen = await toegepast(await this.pool());
    } catch (err) {
      throw vertaal(err);
    }
    const fout = schemaFout(stappen, migraties, this.waar);
    if (fout) throw new Error(fout);
  }

  /** Throws unless the database's compatibility level reads OPENJSON, which every aanbod and uren change uses. */
  async controleerCompatibiliteit(): Promise<void> {
    const niveau = (await this.rows(SQL.compatibiliteit, {}))[0]?.compatibility_level;
    const fout = compatibiliteitFout(typeof niveau === 'number' ? niveau : undefined, this.waar);
    if (fout) throw new Error(fout);
  }

  async close(): Promise<void> {
    this.gesloten = true;
    const belofte = this.poolBelofte;
    this.poolBelofte = undefined;
    const pool = await belofte?.catch(() => undefined);
    await pool?.close().catch(() => undefined);
  }
}

/** Opens the store: applies the migrations first when the settings ask, else checks that they were applied. */
export async function openMssqlStore(config: MssqlConfig, options: MssqlStoreOptions = {}): Promise<MssqlStore> {
  const store = new MssqlStore(config, options);
  try {
    await store.controleerCompatibiliteit();
    if (config.migreer) await store.migreer();
    await store.controleerSchema();
    return store;
  } catch (err) {
    await store.close();
    throw err;
  }
}

/** The lowest compatibility level whose T-SQL has OPENJSON (SQL Server 2016). */
export const MIN_COMPATIBILITEIT = 130;

/** What is wrong with a database of compatibility level `niveau` (undefined: not found), or undefined when nothing is. */
export function compatibiliteitFout(niveau: number | undefined, waar: string): string | undefined {
  if (niveau === undefined) return `the compatibility level of the database ${waar} cannot be read (sys.databases)`;
  if (niveau >= MIN_COMPATIBILITEIT) return undefined;
  return `the database ${waar} has compatibility level ${niveau}; this gateway needs ${MIN_COMPATIBILITEIT} or higher (OPENJSON): ALTER DATABASE <name> SET COMPATIBILITY_LEVEL = ${MIN_COMPATIBILITEIT}`;
}
