/**
 * Signalen (PIB 3.2, appendix 4.1): the signaallijst of PIB 3.2.3 with its texts, and what the
 * signaal engine derives from a dossier and today. The derivation is pure: for one person it says
 * which time-driven signalen are due, each with the occasion (`aanleiding`) that makes it unique,
 * so that a second run, or a second gateway instance, adds nothing (the store keeps the key).
 */
import { addDays, addMonths, type Datum } from './datum.js';
import { actuelePipVersies, DOELGROEP_ASIEL, pipDefinitief, type Dossier } from './dossier.js';

/** PIB 3.2.3, Signaallijst. */
export const SIGNAALLIJST: Readonly<Record<string, string>> = {
  SS101: 'Persoon is inburgeringsplichtig.',
  SS102: 'Inburgeringstermijn gestart.',
  SS103: 'Termijn ambtshalve verlengd.',
  SS104: 'Termijn op verzoek verlengd.',
  SS106: 'Einde inburgeringsplicht – Diploma behaald.',
  SS107: 'Einde inburgeringsplicht – Gehele vrijstelling toegekend.',
  SS108: 'Einde inburgeringsplicht – Gehele ontheffing toegekend.',
  SS109: 'Tijdelijke vrijstelling toegekend.',
  SS110: 'Einde inburgeringsplicht – Inburgeringsplicht ingetrokken.',
  SS111: 'Einde inburgeringsplicht – Persoon is overleden.',
  SS112: 'Verzoek verlenging ingediend.',
  SS113: 'Verzoek verlenging afgewezen.',
  SS114: 'Verzoek gehele vrijstelling afgewezen.',
  SS115: 'Verzoek tijdelijke vrijstelling afgewezen.',
  SS116: 'Verzoek gedeeltelijke vrijstelling afgewezen.',
  SS117: 'Verzoek gedeeltelijke vrijstelling toegekend.',
  SS118: 'Verzoek ontheffing afgewezen.',
  SS119: 'Verzoek gedeeltelijke ontheffing toegekend.',
  SS120: 'In gemeente gevestigd zonder PIP.',
  SS121: 'In gemeente gevestigd met PIP vorige gemeente.',
  SS122: 'Vertrokken naar andere gemeente.',
  SS123: 'Vertrokken uit Nederland.',
  SS124: 'Doelgroep van asielstatushouder naar gezinsmigrant en overige migrant gewijzigd.',
  SS125: 'Doelgroep van gezinsmigrant en overige migrant naar asielstatushouder gewijzigd.',
  SS126: 'Nog geen PIP ontvangen.',
  SS127: 'Nog geen inburgeringsaanbod ontvangen.',
  SS128: 'Inburgeringsplichtig, maar bereikt AOW-leeftijd binnen 6 maanden.',
  SS129: 'Tijdelijke vrijstelling ingetrokken, nog geen PIP ontvangen.',
  SS130: 'Tijdelijke vrijstelling ingetrokken, PIP al bekend.',
  SS131: 'Resultaat Leerbaarheidstoets is bekend.',
  SS132: 'Opleidingscontract ontvangen (nog geen PIP).',
  SS133: 'Opleidingscontract ontvangen met te laag taalniveau conform het PIP.',
  SS135: 'Opleidingscontract ontvangen met te hoog taalniveau conform het PIP.',
  SS136: 'Opleidingscontract voor taalschakeltraject ontvangen, geen Onderwijsroute.',
  SS137: 'Persoon is aangemeld voor de leerbaarheidstoets.',
  SS138: 'Aanmeldtermijn LBT verloopt binnen een maand.',
  SS139: 'Persoon is inburgeringsplichtig en termijn PIP is gestart.',
  SS140: 'Verzoek om een advies op een aanvraag Ontheffing bijzondere individuele omstandigheden (BIO).',
  SS141: 'Het Inburgeringscertificaat is nu te downloaden via de Portal Inburgering.',
  SS142: 'Niet-vrijstellende opleiding beëindigd wegens uitschrijving. Graag inburgeringstraject hervatten.',
  SS190: 'Correctie persoon is inburgeringsplichtig onder de Wi2013.',
  SS191: 'Correctie persoon was inburgeraar onder de Wi2007, besluit geparkeerd.',
  SS192: 'Persoon is inburgeringsplichtig onder Wi2021 en heeft keuze-optie voor Wi2013 (opt-out).',
};

/** A signaal as the signaallijst shows it (PIB 3.2.1). */
export interface SignaalRegel {
  id: number;
  bsn: string;
  gemeente: string;
  code: string;
  datum: Datum;
  status: 'N' | 'B' | 'A';
  /** The day the current status was set; absent for a status the dataset gave. */
  datumStatus?: Datum;
  achternaam: string;
  doelgroep?: string;
  /** The contactpersoon of the gemeente linked to the person, if any. */
  contactpersoon?: { volgnummer: number; naam: string };
}

/** What OpvragenSignalen asks of a gemeente's signalen (PIB 3.2.1), checked: every criterion optional, combined with AND. */
export interface SignalenFilter {
  readonly bsn?: string;
  /** The volgnummer of the contactpersoon the person is linked to. */
  readonly contactpersoon?: number;
  readonly doelgroep?: string;
  readonly datumVan?: Datum;
  readonly datumTot?: Datum;
  readonly code?: string;
  /** Any of these statuses; none given: every status. */
  readonly status: readonly string[];
  /** The page (from 1) of `paginaGrootte` signalen, by datum and id. */
  readonly pagina: number;
  readonly paginaGrootte: number;
}

/** One page of the signalen a filter finds, with the number found and the number of the gemeente's signalen not afgehandeld. */
export interface SignalenPagina {
  readonly totaal: number;
  readonly nietAfgehandeld: number;
  readonly signalen: SignaalRegel[];
}

/**
 * The occasions (`aanleiding`) the engine raises its signalen for, as the store keeps them: the
 * version of the initial PIP (SS102, SS127), the start of the window to give a PIP (SS126), the
 * date of the move (SS120, SS121, SS122). A dataset signaal that names one of them stands for the
 * engine's: the engine does not raise that one again (dataset/laden.ts).
 */
export const AANLEIDING = {
  pip: (versie: number): string => `pip-${versie}`,
  start: (datum: Datum): string => `start-${datum}`,
  verhuizing: (datum: Datum): string => `verhuizing-${datum}`,
} as const;

/** A signaal the engine raises: for one person and gemeente, once per occasion. */
export interface NieuwSignaal {
  bsn: string;
  gemeente: string;
  code: string;
  datum: Datum;
  /** What makes it unique with (bsn, gemeente, code): the engine never raises it twice. */
  aanleiding: string;
}

/** The gemeente a person lives in for signalen: the woongemeente, or COA's gemeente at a COA location. */
function woonGemeente(d: Dossier): string | undefined {
  return d.persoon.woontInAzc ? d.persoon.coaGemeente : d.persoon.woongemeente;
}

/**
 * The time-driven signalen due for one person today (appendix 4.1):
 *   SS102  the initial PIP became definitief (14 days after its registration), to the gemeente
 *          that gave it;
 *   SS126  more than 10 weeks after the PIP window started (SS139) or after the person settled
 *          in the gemeente, and still no PIP;
 *   SS127  an asielstatushouder whose PIP was given more than 3 months ago, and no aanbod of the
 *          PIP's gemeente;
 *   SS120 / SS121  the person settled in the gemeente, without or with a PIP of the previous one;
 *   SS122  the person left the gemeente.
 * Only persons under an inburgeringsplicht under the Wi2021 get them.
 */
export function dueSignalen(d: Dossier, today: Datum): NieuwSignaal[] {
  const p = d.persoon;
  if (p.wet !== 'WI2021' || !p.datumStartPlicht || (p.datumEindePlicht && p.datumEindePlicht <= today) || p.overlijdensdatum) return [];
  const uit: NieuwSignaal[] = [];
  // An occasion older than the retention of a Nieuw signaal would be removed as soon as it came.
  const signaal = (gemeente: string | undefined, code: string, datum: Datum, aanleiding: string) => {
    if (gemeente && datum <= today && !teVerwijderen({ status: 'N', datum }, today)) uit.push({ bsn: p.bsn, gemeente, code, datum, aanleiding });
  };
  const versies = actuelePipVersies(d);
  const initieel = versies[0];
  const verhuizing = p.verhuizing;

  if (initieel && pipDefinitief(versies, today)) {
    signaal(initieel.gemeente, 'SS102', addDays(initieel.datumRegistratie, 14), AANLEIDING.pip(initieel.versie));
  }
  if (!initieel) {
    const start = verhuizing && verhuizing.datum > (p.datumStartTermijnPip ?? '') ? verhuizing.datum : p.datumStartTermijnPip;
    if (start) signaal(woonGemeente(d), 'SS126', addDays(start, 71), AANLEIDING.start(start));
  }
  if (initieel && p.doelgroep === DOELGROEP_ASIEL) {
    const gemeente = versies[versies.length - 1]!.gemeente;
    const geenAanbod = !d.aanbod.some((a) => a.gemeente === gemeente);
    if (geenAanbod) signaal(gemeente, 'SS127', addDays(addMonths(initieel.datumRegistratie, 3), 1), AANLEIDING.pip(initieel.versie));
  }
  if (verhuizing) {
    const metPip = d.pip.some((v) => v.gemeente === verhuizing.van && v.datumRegistratie <= verhuizing.datum && !v.ingetrokken);
    signaal(verhuizing.naar, metPip ? 'SS121' : 'SS120', verhuizing.datum, AANLEIDING.verhuizing(verhuizing.datum));
    signaal(verhuizing.van, 'SS122', verhuizing.datum, AANLEIDING.verhuizing(verhuizing.datum));
  }
  return uit;
}

/**
 * Retention (PIB 3.2): afgehandeld a week ago (set on or before today - 7), or still Nieuw three
 * months after its date. A status the dataset gave without its `datumStatus` has no date it was
 * set: such a signaal is kept until a gemeente sets it again. The stores select by these bounds.
 */
export interface RetentieGrenzen {
  /** Afgehandeld (A) with a status set on or before this day. */
  readonly afgehandeldTot: Datum;
  /** Nieuw (N) with a signaal date before this day. */
  readonly nieuwVoor: Datum;
}

export function retentieGrenzen(today: Datum): RetentieGrenzen {
  return { afgehandeldTot: addDays(today, -7), nieuwVoor: addMonths(today, -3) };
}

export function teVerwijderen(s: { status: 'N' | 'B' | 'A'; datum: Datum; datumStatus?: Datum }, today: Datum): boolean {
  const g = retentieGrenzen(today);
  if (s.status === 'A') return s.datumStatus !== undefined && s.datumStatus <= g.afgehandeldTot;
  return s.status === 'N' && s.datum < g.nieuwVoor;
}

/**
 * The occasions the engine's signalen come from, as dates the store can select on: the
 * registration of a PIP version, the start of the window to give a PIP, a move.
 */
export const GELEGENHEDEN = ['pip', 'start', 'verhuizing'] as const;
export type Gelegenheid = (typeof GELEGENHEDEN)[number];

/**
 * The days an occasion can lie on and still give a signaal today: from 6 months and 5 days ago
 * to today. Every signaal of dueSignalen is dated on or after its occasion, at most 3 months and
 * a day after it (SS127; SS126 71 days, SS102 14 days), and one dated before `nieuwVoor` (3 months
 * ago) would be removed as it came; so an occasion before 6 months and 1 day ago gives none (5
 * days where 4 would do, for months of unequal length). The persons with an occasion in this
 * window are a superset of those for whom a signaal is due: dueSignalen decides for each of them.
 */
/** Persons per slice of the engine: their dossiers are read and judged in one turn of the event loop (a few milliseconds). */
export const ENGINE_PLAK = 100;

export function engineVenster(today: Datum): { readonly vanaf: Datum; readonly tot: Datum } {
  return { vanaf: addDays(addMonths(today, -6), -5), tot: today };
}
