/**
 * The rules of appendix 4.2 d (OpvoerenAanbod, WijzigenAanbod; PIB 3.6.7.1 and 3.6.7.2), in the
 * order of docs/design.md "Order of checks". A request carries one group per instelling; every
 * melding about a group
 * carries its number (`Groep n`).
 *
 *   1. FS 603 BSN                                            stop on failure
 *   2. FS 642, 636, 617, 602, 674, 675                       the first failure stops
 *      not an asielstatushouder (addition, PIB 3.6.7.1 "Voor wie?")
 *   3. per group, all reported together:
 *        Instelling            FS 646 when empty
 *        DatumInschrijving     FS 999 verplicht (addition), Datum is ongeldig
 *        DatumStartOpleiding   FS 999 Datum is ongeldig
 *        DatumEindeOpleiding   FS 999 Datum is ongeldig
 *        Alfabetisering        FS 999 verplicht, Formaatfout (additions)
 *   4. state:
 *        FS 643 without a current PIP, or when the current PIP is not (and was not) the gemeente's;
 *        opvoeren by the gemeente that gave the PIP before a move (addition)      stop
 *      per group, all reported together (a check whose input failed step 3 is skipped):
 *        FS 646 an instelling DUO does not know, or one the leerroute does not allow: Blik op Werk
 *               in the B1-route and the Zelfredzaamheidsroute, also taalschakel in the Onderwijsroute
 *        an instelling twice in one request (addition)
 *        opvoeren  a current aanbod of the gemeente for the instelling exists (addition)
 *        wijzigen  no aanbod of the gemeente for it (addition), or only another gemeente's
 *                  (addition); after a move, more than a month after its datum geldig tot: FS 999
 *                  "Wijzigen aanbod niet meer mogelijk"
 *        FS 648 inschrijving before the datum dagtekening initiële PIP
 *        FS 649 start before the inschrijving
 *        FS 671 an einde without a start; FS 672 einde before start
 *        FS 673 start or einde outside the inburgeringstermijn, or, while there is none, outside
 *               the 3 years after the datum dagtekening initiële PIP that the termijn will be
 *
 * Decision where the PIB leaves room: in the Onderwijsroute a start more than 6 months after the
 * aanbod is not refused (PIB 3.6.7.1 footnote 24: DUO extends the termijn instead).
 */
import type { Caller } from '../domain/caller.js';
import { addDays, addMonths, addYears, type Datum } from '../domain/datum.js';
import {
  aanbodVan,
  actuelePipVersies,
  DOELGROEP_ASIEL,
  inburgeringstermijn,
  magAanbodGeven,
  pipRelatie,
  type AanbodVersie,
  type Alfabetisering,
  type Dossier,
  type Instelling,
  type PipVersie,
} from '../domain/dossier.js';
import { isFout, melding, type Melding } from '../meldingen/catalogus.js';
import { voorwaarden } from './persoon.js';
import { Velden } from './velden.js';

/** One group of the request, raw text per element. */
export interface AanbodInvoer {
  readonly instelling?: string;
  readonly datumInschrijving?: string;
  readonly datumStartOpleiding?: string;
  readonly datumEindeOpleiding?: string;
  readonly alfabetisering?: string;
}

export interface AanbodVerzoek {
  readonly bsn?: string;
  readonly aanbod: readonly AanbodInvoer[];
}

/** What the rules need from the store besides the dossier: the instellingen the request names. */
export interface AanbodOpzoekingen {
  readonly instellingen: ReadonlyMap<string, Instelling>;
}

export interface AanbodBesluit {
  readonly meldingen: Melding[];
  /** The versions to append, in group order; only when there is no FS. */
  readonly versies?: AanbodVersie[];
}

const ALFABETISERING = ['NVT', 'A', 'AA'] as const;

/**
 * After a move, the day an aanbod of the previous gemeente stopped counting: its datum einde
 * opleiding when the gemeente gave one (PIB 3.6.7: "tot wanneer het aanbod van toepassing is"),
 * else the dagtekening of the PIP with which the new gemeente took over.
 */
function geldigTot(aanbod: AanbodVersie, versies: readonly PipVersie[], gemeente: string): Datum {
  if (aanbod.datumEindeOpleiding) return aanbod.datumEindeOpleiding;
  const overname = versies.find((v, i) => i > 0 && v.gemeente !== gemeente && versies[i - 1]!.gemeente === gemeente);
  return (overname ?? versies[versies.length - 1]!).datumDagtekening;
}

interface Groep {
  readonly velden: Velden<'d'>;
  readonly instelling?: string;
  readonly inschrijving?: Datum;
  readonly start?: Datum;
  readonly einde?: Datum;
  readonly alfabetisering?: Alfabetisering;
}

/** Step 3 for one group. */
function leesGroep(velden: Velden<'d'>, g: AanbodInvoer): Groep {
  const instelling = velden.aanwezig('Instelling', g.instelling);
  if (instelling === undefined) velden.fout('geenGeldigeInstelling', 'Instelling');
  return {
    velden,
    instelling,
    inschrijving: velden.datum('DatumInschrijving', g.datumInschrijving, { verplicht: true }),
    start: velden.datum('DatumStartOpleiding', g.datumStartOpleiding),
    einde: velden.datum('DatumEindeOpleiding', g.datumEindeOpleiding),
    alfabetisering: velden.code('Alfabetisering', g.alfabetisering, ALFABETISERING, true),
  };
}

/** The dates of a group against the PIP and the termijn (FS 648, 649, 671, 672, 673). */
function controleerData(g: Groep, initiele: Datum, termijn: { start: Datum; einde: Datum } | undefined): void {
  const { velden } = g;
  if (g.inschrijving !== undefined && g.inschrijving < initiele) velden.fout('inschrijvingVoorDagtekening', 'DatumInschrijving');
  if (g.start !== undefined && g.inschrijving !== undefined && g.start < g.inschrijving) velden.fout('startVoorInschrijving', 'DatumStartOpleiding');
  if (g.einde !== undefined && g.start === undefined && !velden.faalde('DatumStartOpleiding')) velden.fout('eindeZonderStart', 'DatumEindeOpleiding');
  if (g.einde !== undefined && g.start !== undefined && g.einde < g.start) velden.fout('eindeVoorStart', 'DatumEindeOpleiding');
  // Before DUO set the termijn: the termijn it will be, from the day after the dagtekening for 3 years.
  const van = termijn?.start ?? addDays(initiele, 1);
  const tot = termijn?.einde ?? addDays(addYears(van, 3), -1);
  for (const [veld, datum] of [['DatumStartOpleiding', g.start], ['DatumEindeOpleiding', g.einde]] as const) {
    if (datum !== undefined && !velden.faalde(veld) && (datum < van || datum > tot)) velden.fout('nietBinnenTermijn', veld);
  }
}

function aanbodRegels(wijziging: boolean) {
  return (v: AanbodVerzoek, dossier: Dossier | undefined, caller: Caller, today: Datum, op: AanbodOpzoekingen): AanbodBesluit => {
    const pre = voorwaarden('d', v.bsn, dossier, caller, today);
    if (!pre.dossier) return { meldingen: pre.meldingen };
    const d = pre.dossier;
    if (d.persoon.doelgroep !== DOELGROEP_ASIEL) return { meldingen: [...pre.meldingen, melding('d', 'geenAsielstatushouder')] };

    const velden = new Velden('d', [...pre.meldingen]);
    const groepen = v.aanbod.map((g, i) => leesGroep(velden.inGroep(i + 1), g));

    const versies = actuelePipVersies(d);
    const relatie = pipRelatie(versies, caller.gemeente);
    if (relatie === 'geen') return geweigerd([...velden.meldingen, melding('d', 'geenPip')]);
    if (relatie === 'vorige' && !wijziging) return geweigerd([...velden.meldingen, melding('d', 'nieuwAanbodNaVerhuizing')]);
    const pip = versies[versies.length - 1]!;
    const termijn = inburgeringstermijn(d, today);
    const gezien = new Set<string>();

    for (const g of groepen) {
      const { velden: gv, instelling } = g;
      if (instelling !== undefined) {
        const bekend = op.instellingen.get(instelling);
        if (!bekend || !magAanbodGeven(bekend, pip.leerroute)) gv.fout('geenGeldigeInstelling', 'Instelling');
        else if (gezien.has(instelling)) gv.fout('instellingDubbel', 'Instelling');
        else if (!wijziging && aanbodVan(d, caller.gemeente, instelling)) gv.fout('aanbodBestaatAl', 'Instelling');
        else if (wijziging) {
          const bestaand = aanbodVan(d, caller.gemeente, instelling);
          if (!bestaand) {
            const vanAnder = d.aanbod.some((a) => a.instelling === instelling && a.gemeente !== caller.gemeente && aanbodVan(d, a.gemeente, instelling));
            gv.fout(vanAnder ? 'aanbodVorigeGemeente' : 'geenAanbodInstelling', 'Instelling');
          } else if (relatie === 'vorige' && today > addMonths(geldigTot(bestaand, versies, caller.gemeente), 1)) {
            gv.fout('wijzigenNietMeerMogelijk', 'Instelling');
          }
        }
        gezien.add(instelling);
      }
      controleerData(g, pip.datumDagtekeningInitieel, termijn);
    }

    if (velden.meldingen.some(isFout)) return geweigerd(velden.meldingen);
    let versie = d.aanbod.length;
    return {
      meldingen: velden.meldingen,
      versies: groepen.map((g) => ({
        versie: ++versie,
        instelling: g.instelling!,
        instellingNaam: op.instellingen.get(g.instelling!)!.naam,
        gemeente: caller.gemeente,
        datumInschrijving: g.inschrijving!,
        ...(g.start ? { datumStartOpleiding: g.start } : {}),
        ...(g.einde ? { datumEindeOpleiding: g.einde } : {}),
        alfabetisering: g.alfabetisering!,
        ingetrokken: false,
      })),
    };
  };
}

/** A refused request: only its FS meldingen. */
function geweigerd(meldingen: Melding[]): AanbodBesluit {
  return { meldingen: meldingen.filter(isFout) };
}

export const opvoerenAanbod = aanbodRegels(false);
export const wijzigenAanbod = aanbodRegels(true);
