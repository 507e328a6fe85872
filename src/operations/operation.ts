/**
 * An operation is one handeling of appendix 4.2: it maps the validated request, asks its rules and,
 * for a mutation, persists in one transaction when there is no FS. Operations are thin; the rules
 * they ask are pure functions of (request, dossier, caller, today).
 *
 * The registry (index.ts) lists the operations; the WSDL, the dispatch table, the XSD slices and
 * the tests' lists all follow from it.
 */
import type { Caller } from '../domain/caller.js';
import { isValidBsn } from '../domain/bsn.js';
import type { Datum } from '../domain/datum.js';
import type { Dossier, Mutatie } from '../domain/dossier.js';
import { isFout, type Handeling, type Melding } from '../meldingen/catalogus.js';
import { voorwaarden } from '../rules/persoon.js';
import { fault } from '../soap/fault.js';
import type { XmlContent } from '../soap/respond.js';
import { tekst, type XmlObject } from '../soap/xml-object.js';
import { StoreConflict, type Inzage, type Store, type StoreTransaction } from '../store/port.js';

export interface OperationContext {
  readonly store: Store;
  readonly caller: Caller;
  readonly today: Datum;
  readonly messageId: string;
  /** A digest of the validated request and its operation: a repeated MessageID must come with the same one. */
  readonly verzoekDigest: () => string;
  /** The inzage record of this request, processed or not (Verwerkt). */
  readonly inzage: (verwerkt: boolean) => Inzage;
}

export interface Uitkomst {
  /** Verwerkt is false exactly when one of these is an FS. */
  readonly meldingen: readonly Melding[];
  /** What follows Verwerkt and Meldingen in the response. */
  readonly inhoud?: XmlContent;
  /** The stored answer to an earlier request with this MessageID: nothing was done again. */
  readonly herhaald?: boolean;
  /** The inzage record was written in the change's transaction; the pipeline records every other request's. */
  readonly inzageGeregistreerd?: boolean;
}

export interface Operation<V = unknown> {
  /** The WSDL operation; its request element has this name, its response element adds "Response". */
  readonly naam: string;
  /** The appendix 4.2 section whose meldingen it answers with. */
  readonly handeling: Handeling;
  /** The rows of that section it can answer with, when not all of them (the WSDL lists these). */
  readonly meldingen?: readonly string[];
  /** What it does, in Dutch, with its PIB section: the start of its documentation in the WSDL. */
  readonly documentatie: string;
  /** A mutation needs the role muteren. */
  readonly muteert: boolean;
  leesVerzoek(body: XmlObject): V;
  /** The BSN the request is about, for the log's pseudonym. */
  bsn(verzoek: V): string | undefined;
  verwerk(verzoek: V, ctx: OperationContext): Promise<Uitkomst>;
}

/** The request of the operations that take only a BSN besides the Gemeentecode. */
export interface BsnVerzoek {
  readonly bsn: string | undefined;
}

export const leesBsn = (body: XmlObject): BsnVerzoek => ({ bsn: tekst(body, 'Bsn') });

/**
 * A read about one person (the checks of appendix 4.2 a): FS 603, then FS 642, 636, 617, AS 602
 * (the data still comes back), FS 655; then `inhoud` builds the answer from the dossier.
 */
export function persoonLezen(naam: string, documentatie: string, inhoud: (d: Dossier, ctx: OperationContext) => XmlContent): Operation<BsnVerzoek> {
  return {
    naam,
    handeling: 'a',
    documentatie,
    muteert: false,
    leesVerzoek: leesBsn,
    bsn: (v) => v.bsn,
    async verwerk(v, ctx) {
      const dossier = isValidBsn(v.bsn) ? await ctx.store.dossier(v.bsn) : undefined;
      const { meldingen, dossier: d } = voorwaarden('a', v.bsn, dossier, ctx.caller, ctx.today);
      if (!d || meldingen.some(isFout)) return { meldingen };
      return { meldingen, inhoud: inhoud(d, ctx) };
    },
  };
}

/** What a change's rules decided, in the terms its operation stores and answers. */
export interface Wijziging {
  readonly meldingen: readonly Melding[];
  /** Present exactly when the change goes ahead: writes its versions under the mutation record. */
  readonly schrijf?: (tx: StoreTransaction, bsn: string, mutatieId: number) => Promise<void>;
  /** The answer's content after the change. */
  readonly inhoud?: XmlContent;
  /** The melding to answer with when the store refuses the write (a unique key another instance took). */
  readonly bijConflict?: Melding;
  /** The answer's content read after the write, in the same transaction. */
  readonly naSchrijven?: (tx: StoreTransaction) => Promise<XmlContent>;
}

interface MutatieSpec<V> {
  naam: string;
  handeling: Handeling;
  documentatie: string;
  leesVerzoek(body: XmlObject): V;
}

/**
 * A change of one person's data (a mutation): in one transaction it reads the dossier (when the
 * BSN is valid), lets `beslis` look up what else its rules need and ask them, and, when they let
 * it go ahead, records the mutation (who, for which gemeente, when, which MessageID) and writes.
 * Concurrent changes of one person follow each other (store/port.ts).
 */
export function persoonMuteren<V extends { readonly bsn?: string | undefined }>(
  spec: MutatieSpec<V> & { beslis(v: V, dossier: Dossier | undefined, tx: StoreTransaction, ctx: OperationContext): Promise<Wijziging> },
): Operation<V> {
  return muteren(spec, (v) => v.bsn, async (v, tx, ctx) => spec.beslis(v, isValidBsn(v.bsn) ? await tx.dossier(v.bsn) : undefined, tx, ctx));
}

/**
 * A change of the gemeente's own data (its contactpersonen, its signalen), not of one person: the
 * same transaction and mutation record, without a dossier.
 */
export function gemeenteMuteren<V>(spec: MutatieSpec<V> & { beslis(v: V, tx: StoreTransaction, ctx: OperationContext): Promise<Wijziging> }): Operation<V> {
  return muteren(spec, () => undefined, spec.beslis);
}

/**
 * The one skeleton of every change. Idempotent: the answer is stored under (OIN, MessageID) in the
 * transaction of the change, so the afnemer that sends the same MessageID again gets that answer
 * and nothing is done twice, also when both arrive at once; the same MessageID with another request
 * is fault 0001. When the store refuses the write, nothing is stored and the answer is
 * `bijConflict`, if the change has one.
 */
function muteren<V>(
  spec: MutatieSpec<V>,
  bsn: (v: V) => string | undefined,
  beslis: (v: V, tx: StoreTransaction, ctx: OperationContext) => Promise<Wijziging>,
): Operation<V> {
  return {
    naam: spec.naam,
    handeling: spec.handeling,
    documentatie: spec.documentatie,
    muteert: true,
    leesVerzoek: spec.leesVerzoek,
    bsn,
    async verwerk(v, ctx) {
      let wijziging: Wijziging | undefined;
      const digest = ctx.verzoekDigest();
      try {
        return await ctx.store.transaction(async (tx): Promise<Uitkomst> => {
          const uitkomst = await (async (): Promise<Uitkomst> => {
            const eerder = await tx.antwoord(ctx.caller.oin, ctx.messageId);
            if (eerder) {
              if (eerder.digest !== digest) throw fault.messageIdHergebruikt();
              return { ...(JSON.parse(eerder.antwoord) as Uitkomst), herhaald: true };
            }
            const w = await beslis(v, tx, ctx);
            wijziging = w;
            let nieuw: Uitkomst = { meldingen: w.meldingen };
            if (w.schrijf) {
              await w.schrijf(tx, bsn(v) ?? '', await tx.registreerMutatie(mutatieVan(ctx, spec.naam), bsn(v)));
              const inhoud = w.naSchrijven ? await w.naSchrijven(tx) : w.inhoud;
              if (inhoud) nieuw = { ...nieuw, inhoud };
            }
            const antwoord = { digest, operatie: spec.naam, antwoord: JSON.stringify(nieuw) };
            await tx.bewaarAntwoord(ctx.caller.oin, ctx.messageId, antwoord, new Date().toISOString());
            return nieuw;
          })();
          // Committed with the change, or not at all: a record that failed after its change was
          // stored would answer 0051 for a change that was made.
          await tx.registreerInzage(ctx.inzage(!uitkomst.meldingen.some(isFout)));
          return { ...uitkomst, inzageGeregistreerd: true };
        });
      } catch (err) {
        if (err instanceof StoreConflict && wijziging?.bijConflict) return { meldingen: [wijziging.bijConflict] };
        throw err;
      }
    },
  };
}

function mutatieVan(ctx: OperationContext, operatie: string): Mutatie {
  return { oin: ctx.caller.oin, gemeente: ctx.caller.gemeente, messageId: ctx.messageId, operatie, tijdstip: new Date().toISOString() };
}
