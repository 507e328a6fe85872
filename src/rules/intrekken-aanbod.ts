/**
 * The rules of appendix 4.2 e, IntrekkenAanbod (PIB 3.6.7.3), in the order of docs/design.md
 * "Order of checks". The
 * request names instellingen in the group Cursusinstellingen (each `Groep n`), or only the BSN:
 * then every aanbod of the asking gemeente is withdrawn.
 *
 *   1. FS 603 BSN                                            stop on failure
 *   2. FS 642, 636, 617, 602, 674, 675                       the first failure stops
 *   3. per instelling: FS 646 when empty or unknown; twice in the request (addition)
 *   4. FS 999 more than 2,5 years (30 months) after the start of the inburgeringstermijn;
 *      per instelling: FS 999 "Groep n, Geen aanbod voor zakenpartner &1 en instelling &2";
 *      without instellingen: FS 999 "Geen aanbod voor zakenpartner &1" (&1 the gemeentecode,
 *      &2 the instelling)
 *
 * After a move, the previous gemeente may still withdraw its own aanbod while the person is
 * relevant for it (FS 617: 4 weeks after the new gemeente's PIP). With each aanbod go the uren of
 * types 6, 8 and 9 that the gemeente registered for its instelling (the PIB's confirmation asks for
 * both).
 */
import type { Caller } from '../domain/caller.js';
import { addMonths, type Datum } from '../domain/datum.js';
import { aanbodVan, actueleUren, inburgeringstermijn, type AanbodVersie, type Dossier, type Instelling, type UrenVersie, volgendeUrenVersie } from '../domain/dossier.js';
import { isFout, melding, type Melding } from '../meldingen/catalogus.js';
import { voorwaarden } from './persoon.js';
import { Velden } from './velden.js';

export interface IntrekkenAanbodVerzoek {
  readonly bsn?: string;
  /** The instellingen of Cursusinstellingen; undefined when the group is absent. */
  readonly instellingen?: readonly string[];
}

export interface IntrekkenAanbodBesluit {
  readonly meldingen: Melding[];
  /** What to withdraw; only when there is no FS. */
  readonly intrekking?: { aanbod: AanbodVersie[]; uren: UrenVersie[] };
}

const URENTYPES_INSTELLING: readonly string[] = ['6', '8', '9'];

export function intrekkenAanbod(
  v: IntrekkenAanbodVerzoek,
  dossier: Dossier | undefined,
  caller: Caller,
  today: Datum,
  instellingen: ReadonlyMap<string, Instelling>,
): IntrekkenAanbodBesluit {
  const pre = voorwaarden('e', v.bsn, dossier, caller, today);
  if (!pre.dossier) return { meldingen: pre.meldingen };
  const d = pre.dossier;
  const velden = new Velden('e', [...pre.meldingen]);
  const gemeente = caller.gemeente;

  const termijn = inburgeringstermijn(d, today);
  if (termijn && today > addMonths(termijn.start, 30)) velden.meldingen.push(melding('e', 'teLaat'));

  let aanbod: AanbodVersie[];
  if (v.instellingen === undefined) {
    const codes = [...new Set(d.aanbod.filter((a) => a.gemeente === gemeente).map((a) => a.instelling))];
    aanbod = codes.map((code) => aanbodVan(d, gemeente, code)).filter((a): a is AanbodVersie => a !== undefined);
    if (aanbod.length === 0) velden.meldingen.push(melding('e', 'geenAanbod', { waarden: [gemeente] }));
  } else {
    aanbod = [];
    const gezien = new Set<string>();
    v.instellingen.forEach((raw, i) => {
      const groep = velden.inGroep(i + 1);
      const code = groep.aanwezig('Instelling', raw);
      if (code === undefined || !instellingen.has(code)) return groep.fout('geenGeldigeInstelling', 'Instelling');
      if (gezien.has(code)) return groep.fout('instellingDubbel', 'Instelling');
      gezien.add(code);
      const huidig = aanbodVan(d, gemeente, code);
      if (huidig) aanbod.push(huidig);
      else velden.meldingen.push(melding('e', 'geenAanbodInstelling', { groep: i + 1, veld: 'Instelling', waarden: [gemeente, code] }));
    });
  }

  if (velden.meldingen.some(isFout)) return { meldingen: velden.meldingen.filter(isFout) };
  let aanbodVersie = d.aanbod.length;
  let urenVersie = volgendeUrenVersie(d) - 1;
  const codes = new Set(aanbod.map((a) => a.instelling));
  return {
    meldingen: velden.meldingen,
    intrekking: {
      aanbod: aanbod.map((a) => ({ ...a, versie: ++aanbodVersie, ingetrokken: true })),
      uren: actueleUren(d)
        .filter((u) => URENTYPES_INSTELLING.includes(u.typeUren) && u.gemeente === gemeente && codes.has(u.instelling!))
        .map((u) => ({ ...u, versie: ++urenVersie, ingetrokken: true })),
    },
  };
}
