/**
 * The rules of appendix 4.2 h, DoorgevenUren (PIB 3.6.10.1), in the order of docs/design.md
 * "Order of checks". One
 * request registers one type uren (and for types 6, 8 and 9 one instelling): the new total up to
 * DatumTot.
 *
 *   1. FS 603 BSN                                            stop on failure
 *   2. FS 642, 636, 617, 602, 674, 675                       the first failure stops. In the place
 *      of FS 617 (after 642 and 636, before 602, 674 and 675) the uren window after a move (PIB
 *      3.6.10.1 "Verhuizing") is checked; when it is closed the answer is the addition that points
 *      to DUO's mutatieformulier (FS 999), and nothing else:
 *        a. the gemeente the person moved away from (persoon.verhuizing.van) from the move date
 *           + 28 days on (urenVensterNaVerhuizingGesloten), whether or not the new gemeente gave
 *           its PIP, so also while the gemeente's own PIP is still the current one;
 *        b. the gemeente that gave the PIP before a move and gets FS 617 (the new gemeente's
 *           version is 4 weeks old, PIB 3.6.6.2): a move the dataset does not date is still seen.
 *      Everything else that counts 4 weeks after a move (relevance, FS 617 for the other
 *      handelingen, aanbod, MAP, PVT) counts them from the new gemeente's PIP (PIB 3.6.6.2).
 *   3. fields, all reported together:
 *        TypeUren          FS 999 verplicht, Formaatfout (2, 3, 4, 6, 8, 9)
 *        DatumTot          FS 999 verplicht, Datum is ongeldig, "Datum Tot: Datum mag niet in
 *                          toekomst liggen."
 *        UrenDeelname      FS 999 verplicht, Formaatfout (0-9999)
 *        Cursusinstelling  FS 660 with types 2, 3 and 4; FS 646 with types 8 and 9 when empty or
 *                          unknown
 *   4. state, all reported together (a check whose input failed step 3 is skipped):
 *        FS 657 types 2, 3, 4: no current PIP of the gemeente (or of the gemeente before a move)
 *        FS 659 types 6, 8, 9: no aanbod of the gemeente for the instelling, current or not, that
 *               was not withdrawn
 *        FS 999 "Datum Tot: Datum mag niet voor start datum termijn liggen." and "... na eind datum
 *               termijn liggen.": the appendix's texts, at the moments PIB 3.6.10.1 names: before
 *               the start or after the end of the inburgeringsplicht
 *        FS 666 DatumTot before the DatumTot of the current registration of the same type (for
 *               type 6 of the same instelling)
 */
import type { Caller } from '../domain/caller.js';
import { addDays, type Datum } from '../domain/datum.js';
import { aanbodVan, actuelePipVersies, actueleUren, pipRelatie, type Dossier, type Instelling, type TypeUren, type UrenVersie, volgendeUrenVersie } from '../domain/dossier.js';
import { GRENZEN } from '../domain/grenzen.js';
import { isFout, melding, type Melding } from '../meldingen/catalogus.js';
import { controleerBsn, voorwaarden } from './persoon.js';
import { Velden } from './velden.js';

export interface UrenVerzoek {
  readonly bsn?: string;
  readonly typeUren?: string;
  readonly cursusinstelling?: string;
  readonly datumTot?: string;
  readonly urenDeelname?: string;
}

export interface UrenBesluit {
  readonly meldingen: Melding[];
  /** The version to append; only when there is no FS. */
  readonly versie?: UrenVersie;
}

const TYPES = ['2', '3', '4', '6', '8', '9'] as const;
/** The types a gemeente registers for itself, and those it registers per instelling
 * (docs/design.md "Code lists"). */
const BIJ_GEMEENTE: readonly TypeUren[] = ['2', '3', '4'];

/**
 * PIB 3.6.10.1 "Verhuizing": "Na verhuizing uit uw gemeente hebt u nog 4 weken de tijd" to register
 * uren; afterwards only on DUO's mutatieformulier. True when that window is closed for `gemeente`:
 * the person moved away from it (persoon.verhuizing.van) and today is the move date + 28 days or
 * later. The 4 weeks count as isRelevantVoorGemeente counts them after the new PIP: the move date is
 * day 0, days 0 to 27 are inside, day 28 is out. Only the move's date counts, not whether the new
 * gemeente gave its PIP.
 */
export function urenVensterNaVerhuizingGesloten(d: Dossier, gemeente: string, today: Datum): boolean {
  const v = d.persoon.verhuizing;
  return v !== undefined && v.van === gemeente && v.naar !== gemeente && today >= addDays(v.datum, 28);
}

export function doorgevenUren(v: UrenVerzoek, dossier: Dossier | undefined, caller: Caller, today: Datum, instellingen: ReadonlyMap<string, Instelling>): UrenBesluit {
  // Step 2a, in the place of FS 617: FS 603, 642 (no dossier) and 636 (not Wi2021) come first.
  if (!controleerBsn('h', v.bsn) && dossier?.persoon.wet === 'WI2021' && urenVensterNaVerhuizingGesloten(dossier, caller.gemeente, today)) {
    return { meldingen: [melding('h', 'mutatieformulier')] };
  }
  const pre = voorwaarden('h', v.bsn, dossier, caller, today);
  const versies = dossier ? actuelePipVersies(dossier) : [];
  // Step 2b.
  if (pre.meldingen.length === 1 && pre.meldingen[0]!.nummer === 617 && pipRelatie(versies, caller.gemeente) === 'vorige') {
    return { meldingen: [melding('h', 'mutatieformulier')] };
  }
  if (!pre.dossier) return { meldingen: pre.meldingen };
  const d = pre.dossier;
  const velden = new Velden('h', [...pre.meldingen]);

  const type = velden.code('TypeUren', v.typeUren, TYPES, true);
  const datumTot = velden.datum('DatumTot', v.datumTot, { verplicht: true, today });
  const uren = velden.getal('UrenDeelname', v.urenDeelname, GRENZEN.uren, true);
  const code = velden.aanwezig('Cursusinstelling', v.cursusinstelling);
  const perInstelling = type !== undefined && !BIJ_GEMEENTE.includes(type);
  if (type !== undefined && !perInstelling && code !== undefined) velden.fout('instellingNietToegestaan', 'Cursusinstelling');
  if ((type === '8' || type === '9') && (code === undefined || !instellingen.has(code))) velden.fout('geenGeldigeInstelling', 'Cursusinstelling');

  const meldingen = velden.meldingen;
  if (type !== undefined && !perInstelling && pipRelatie(versies, caller.gemeente) === 'geen') meldingen.push(melding('h', 'geenActuelePip'));
  if (perInstelling && !velden.faalde('Cursusinstelling') && (code === undefined || !aanbodVan(d, caller.gemeente, code))) {
    velden.fout('geenAanbodInstelling', 'Cursusinstelling');
  }
  if (datumTot !== undefined) {
    const p = d.persoon;
    if (p.datumStartPlicht && datumTot < p.datumStartPlicht) velden.fout('datumTotVoorStartTermijn', 'DatumTot');
    else if (p.datumEindePlicht && datumTot > p.datumEindePlicht) velden.fout('datumTotNaEindTermijn', 'DatumTot');
    else if (type !== undefined) {
      // The previous registration of the type: the latest one (for type 6 of the same instelling).
      const vorige = actueleUren(d)
        .filter((u) => u.typeUren === type && (type !== '6' || u.instelling === code))
        .sort((a, b) => b.versie - a.versie)[0];
      if (vorige && datumTot < vorige.datumTot) velden.fout('datumTotVoorVorige', 'DatumTot');
    }
  }

  if (meldingen.some(isFout)) return { meldingen: meldingen.filter(isFout) };
  return {
    meldingen,
    versie: {
      versie: volgendeUrenVersie(d),
      typeUren: type!,
      ...(perInstelling ? { instelling: code! } : {}),
      datumTot: datumTot!,
      aantalUren: uren!,
      gemeente: caller.gemeente,
    },
  };
}
