/**
 * An operation is one handeling of appendix 4.2: it maps the validated request, asks its rules and,
 * for a mutation, persists in one transaction when there is no FS. Operations are thin; the rules
 * they ask are pure functions of (request, dossier, caller, today).
 */
import type { Caller } from '../auth/caller.js';
import type { Datum } from '../domain/datum.js';
import type { Handeling, Melding } from '../meldingen/catalogus.js';
import type { XmlContent } from '../soap/respond.js';
import type { Store } from '../store/port.js';
import type { XmlObject } from './xml-object.js';

export interface OperationContext {
  readonly store: Store;
  readonly caller: Caller;
  readonly today: Datum;
  readonly messageId: string;
}

export interface Uitkomst {
  /** Verwerkt is false exactly when one of these is an FS. */
  readonly meldingen: readonly Melding[];
  /** What follows Verwerkt and Meldingen in the response. */
  readonly inhoud?: XmlContent;
}

export interface Operation<V = unknown> {
  /** The WSDL operation; its request element has this name, its response element adds "Response". */
  readonly naam: string;
  /** The appendix 4.2 section whose meldingen it answers with. */
  readonly handeling: Handeling;
  /** The xsd/ file that declares its request element. */
  readonly xsd: string;
  /** A mutation needs the role muteren. */
  readonly muteert: boolean;
  leesVerzoek(body: XmlObject): V;
  /** The BSN the request is about, for the log's pseudonym. */
  bsn(verzoek: V): string | undefined;
  verwerk(verzoek: V, ctx: OperationContext): Promise<Uitkomst>;
}
