/**
 * The rules of appendix 4.2 f (MAP; PIB 3.6.8) and g (PVT; PIB 3.6.9): the afronding of the MAP
 * and of the PVT is one date, registered, changed or removed by one gemeente. The two sections
 * have the same checks, so one module serves both, each with its own rows.
 *
 *   1. FS 603 BSN                                            stop on failure
 *   2. FS 642, 636, 617, 602, 674, 675                       the first failure stops
 *   3. doorgeven: the date, FS 999 "Datum is ongeldig" (also when it is empty) and "Datum ligt in
 *      toekomst" (today is allowed)
 *   4. state, all reported together (a check whose input failed step 3 is skipped):
 *        FS 657 no current PIP of the gemeente (the gemeente that gave the PIP before a move still
 *               counts while the person is relevant for it: PIB 3.6.8.2, 4 weeks)
 *        doorgeven: MAP in the Onderwijsroute (addition: PIB 3.6.8.1)
 *        FS 667 (MAP) / FS 627 (PVT) registered by another gemeente
 *        FS 999 "Datum mag niet voor start datum termijn liggen": the appendix's text, at the moment
 *               PIB 3.6.8 and 3.6.9 name: before the start of the inburgeringsplicht
 *        FS 629 (PVT) DUO registered the PVT-plicht as fulfilled and the date differs
 *        FS 640 the date is the registered one
 *        verwijderen: no registration to remove (addition)
 */
import type { Caller } from '../domain/caller.js';
import type { Datum } from '../domain/datum.js';
import { actuelePip, actuelePipVersies, actueleAfronding, pipRelatie, type AfrondingVersie, type Dossier } from '../domain/dossier.js';
import { isFout, melding, type Melding } from '../meldingen/catalogus.js';
import { voorwaarden } from './persoon.js';
import { Velden } from './velden.js';

export interface Afronding {
  readonly handeling: 'f' | 'g';
  /** The request element of the date. */
  readonly veld: 'DatumEindgesprek' | 'DatumOndertekening';
  readonly versies: (d: Dossier) => readonly AfrondingVersie[];
}

export const MAP: Afronding = { handeling: 'f', veld: 'DatumEindgesprek', versies: (d) => d.map };
export const PVT: Afronding = { handeling: 'g', veld: 'DatumOndertekening', versies: (d) => d.pvt };

export interface AfrondingVerzoek {
  readonly bsn?: string;
  /** The date to register; undefined for a removal. */
  readonly datum?: string;
}

export interface AfrondingBesluit {
  readonly meldingen: Melding[];
  /** The version to append; only when there is no FS. */
  readonly versie?: AfrondingVersie;
}

function afrondingRegels(soort: Afronding, verwijderen: boolean) {
  const h = soort.handeling;
  return (v: AfrondingVerzoek, dossier: Dossier | undefined, caller: Caller, today: Datum): AfrondingBesluit => {
    const pre = voorwaarden(h, v.bsn, dossier, caller, today);
    if (!pre.dossier) return { meldingen: pre.meldingen };
    const d = pre.dossier;
    const velden = new Velden(h, [...pre.meldingen]);

    let datum: Datum | undefined;
    if (!verwijderen) {
      // The appendix has no "Veld is verplicht" here: no date is not a date.
      if (v.datum) datum = velden.datum(soort.veld, v.datum, { today });
      else velden.fout('datumOngeldig', soort.veld);
    }

    const meldingen = velden.meldingen;
    if (pipRelatie(actuelePipVersies(d), caller.gemeente) === 'geen') meldingen.push(melding(h, 'geenActuelePip'));
    // Giving a MAP in the Onderwijsroute is refused; one registered before a switch to it can still go.
    if (h === 'f' && !verwijderen && actuelePip(d)?.leerroute === 'O') meldingen.push(melding('f', 'mapOnderwijsroute'));
    const huidig = actueleAfronding(soort.versies(d));
    if (huidig && huidig.gemeente !== caller.gemeente) meldingen.push(melding(h, 'andereGemeente'));
    if (verwijderen && !huidig) meldingen.push(melding(h, 'geenRegistratie'));
    const startPlicht = d.persoon.datumStartPlicht;
    if (datum !== undefined && startPlicht !== undefined && datum < startPlicht) velden.fout('datumVoorStartTermijn', soort.veld);
    const wijzigt = verwijderen ? huidig !== undefined : datum !== undefined && datum !== huidig?.datum;
    if (h === 'g' && d.persoon.pvtPlichtVoldaan && wijzigt) {
      meldingen.push(melding('g', 'pvtVoldaan'));
    }
    if (!meldingen.some(isFout) && datum !== undefined && datum === huidig?.datum) meldingen.push(melding(h, 'geenWijziging'));

    if (meldingen.some(isFout)) return { meldingen: meldingen.filter(isFout) };
    const versie: AfrondingVersie = { versie: soort.versies(d).length + 1, gemeente: caller.gemeente, ...(datum ? { datum } : {}) };
    return { meldingen, versie };
  };
}

export const doorgevenAfronding = (soort: Afronding) => afrondingRegels(soort, false);
export const verwijderenAfronding = (soort: Afronding) => afrondingRegels(soort, true);
