/**
 * The rules of appendix 4.2 c, IntrekkenPip (the Handleiding's "verwijderen PIP", PIB 3.6.6.3), in
 * the order of docs/design.md "Order of checks":
 *
 *   1. FS 603 BSN                                            stop on failure
 *   2. FS 642, 636, 617, 602, 674, 675                       the first failure stops
 *   4. FS 643 without a current PIP; FS 645 when the PIP is definitief, or (DUO) when uren are
 *      registered against its aanbod.
 *
 * The aanbiedingen of the PIP are withdrawn with it.
 */
import type { Caller } from '../domain/caller.js';
import type { Datum } from '../domain/datum.js';
import { actueelAanbod, actuelePipVersies, actueleUren, pipDefinitief, type AanbodVersie, type Dossier } from '../domain/dossier.js';
import { melding, type Melding } from '../meldingen/catalogus.js';
import { voorwaarden } from './persoon.js';

export interface IntrekkenBesluit {
  readonly meldingen: Melding[];
  /** The withdrawal to store; only when there is no FS. */
  readonly intrekking?: { initieleVersie: number; aanbod: AanbodVersie[] };
}

export function intrekkenPip(bsn: string | undefined, dossier: Dossier | undefined, caller: Caller, today: Datum): IntrekkenBesluit {
  const pre = voorwaarden('c', bsn, dossier, caller, today);
  if (!pre.dossier) return { meldingen: pre.meldingen };
  const d = pre.dossier;
  const versies = actuelePipVersies(d);
  if (versies.length === 0) return { meldingen: [...pre.meldingen, melding('c', 'geenPip')] };
  const aanbod = actueelAanbod(d);
  const instellingen = new Set(aanbod.map((a) => a.instelling));
  const urenOpAanbod = actueleUren(d).some((u) => u.instelling !== undefined && instellingen.has(u.instelling));
  if (pipDefinitief(versies, today) || urenOpAanbod) return { meldingen: [...pre.meldingen, melding('c', 'intrekkenNietMogelijk')] };
  return { meldingen: pre.meldingen, intrekking: { initieleVersie: versies[0]!.versie, aanbod } };
}
