/**
 * What ISI holds about one person, as the store loads it. The ISI part (BRP, IND, COA derived) is
 * read-only for the gateway; the gemeente part (PIP, aanbod, MAP, PVT, uren, koppelingen,
 * signaal status) is versioned: every change is a new version, nothing is overwritten.
 *
 * The functions below derive what the Portal Inburgering shows from those versions and today.
 * They are pure: no I/O, no clock.
 */
import { addDays, addYears, type Datum } from './datum.js';

export type Wet = 'WI2007' | 'WI2013' | 'WI2021';
export type Leerroute = 'B' | 'O' | 'Z';
export type Niveau = 'A2' | 'B1';
export type Alfabetisering = 'A' | 'AA' | 'NVT';
export const DOELGROEP_ASIEL = 'Asielstatushouder';
export const DOELGROEP_GEZIN_OVERIG = 'Gezinsmigrant en overige migrant';
export type Doelgroep = typeof DOELGROEP_ASIEL | typeof DOELGROEP_GEZIN_OVERIG;
/**
 * DUO's code list "reden geen inburgeringsplicht" (Inburgeringsplicht.openapi.yml,
 * RedenGeenInburgeringsplicht). "Inburgeringsplicht voldaan" ends the plicht fulfilled (FS 675);
 * every other reden ends it without (withdrawn: FS 674 from one month after the end).
 */
export const REDENEN_EINDE = [
  'Volledige ontheffing',
  'Volledige vrijstelling',
  'Inburgeringsplicht voldaan',
  'Verblijfsdoel gewijzigd',
  'Vertrek uit Nederland langer dan een jaar',
  'Overlijden',
  'Overig',
  'Tijdelijke vrijstelling',
] as const;
export type RedenEinde = (typeof REDENEN_EINDE)[number];
export const REDEN_VOLDAAN: RedenEinde = 'Inburgeringsplicht voldaan';

export interface Persoon {
  bsn: string;
  voornamen?: string;
  achternaam: string;
  geboortedatum: Datum;
  wet: Wet;
  woongemeente?: string;
  /** Lives at a COA location: living there does not make the person relevant for the gemeente. */
  woontInAzc: boolean;
  /** The gemeente COA linked the person to. */
  coaGemeente?: string;
  overlijdensdatum?: Datum;
  doelgroep?: Doelgroep;
  verblijfsdoelGewijzigd?: string;
  datumWijzigingVerblijfsdoel?: Datum;
  /** Absent when the person has no inburgeringsplicht under Wi2021 at all (FS 655). */
  datumStartPlicht?: Datum;
  datumEindePlicht?: Datum;
  redenEindePlicht?: RedenEinde;
  /** The last move between gemeenten that the BRP reported (signalen SS120, SS121, SS122). */
  verhuizing?: { van: string; naar: string; datum: Datum };
  /** DUO registered that the person fulfilled the PVT-plicht: the PVT can no longer change (FS 629). */
  pvtPlichtVoldaan?: boolean;
  /** Start of the 10-week window to give the PIP (signaal SS139). */
  datumStartTermijnPip?: Datum;
  /** A termijn DUO changed (verlenging, beëindiging): the new end and why. */
  datumEindeTermijnGewijzigd?: Datum;
  redenWijzigingTermijn?: string;
  datumWijzigingTermijn?: Datum;
}

export interface Leerbaarheidstoets {
  examennummer?: string;
  gemeente?: string;
  datumAanmelding?: Datum;
  datumStartPeriode?: Datum;
  datumEindePeriode?: Datum;
  datumToetsafname?: Datum;
  maximumScore?: string;
  behaaldeScore?: string;
  benodigdeScore?: string;
  resultaat?: 'J' | 'N' | 'O';
  ontheven: boolean;
}

export interface Examen {
  onderdeel: string;
  niveau: string;
  datumExamen?: Datum;
  gratisPogingenOver: number;
  status: string;
}

export interface Aanvraag {
  typeVerzoek: string;
  toelichting: string;
  status: string;
  datumOntvangst: Datum;
  datumBesluit?: Datum;
}

/** Who changed something, and when: every version points to one mutation. */
export interface Mutatie {
  oin: string;
  gemeente: string;
  messageId: string;
  operatie: string;
  tijdstip: string;
}

export interface PipVersie {
  versie: number;
  /** True for the version that starts a PIP (the initial PIP, or a PIP after a new plicht). */
  initieel: boolean;
  gemeente: string;
  datumDagtekeningInitieel: Datum;
  datumDagtekening: Datum;
  datumRegistratie: Datum;
  leerroute: Leerroute;
  niveau?: Niveau;
  alfabetisering?: Alfabetisering;
  geschatteUren?: number;
  geschatteUrenResterend?: number;
  toestemming: boolean;
  contactVolgnummer?: number;
  /** Set when the PIP this version belongs to was withdrawn (IntrekkenPip). */
  ingetrokken: boolean;
}

/** An instelling registered at DUO (PIB 3.6.7): BOW has the Blik op Werk keurmerk, TSI is an erkende taalschakelinstelling. */
export interface Instelling {
  code: string;
  naam: string;
  soort: 'BOW' | 'TSI';
}

/** May instelling `i` give an aanbod in `leerroute`? BoW in every leerroute, a taalschakelinstelling in the Onderwijsroute (PIB 3.6.7). */
export function magAanbodGeven(i: Instelling, leerroute: Leerroute): boolean {
  return i.soort === 'BOW' || leerroute === 'O';
}

export interface AanbodVersie {
  versie: number;
  instelling: string;
  instellingNaam: string;
  gemeente: string;
  datumInschrijving: Datum;
  datumStartOpleiding?: Datum;
  datumEindeOpleiding?: Datum;
  alfabetisering?: Alfabetisering;
  ingetrokken: boolean;
}

/** A MAP or PVT registration; no datum means the registration was removed. */
export interface AfrondingVersie {
  versie: number;
  gemeente: string;
  datum?: Datum;
}

export type TypeUren = '2' | '3' | '4' | '6' | '8' | '9';

export interface UrenVersie {
  versie: number;
  typeUren: TypeUren;
  instelling?: string;
  datumTot: Datum;
  aantalUren: number;
  gemeente: string;
  /** Set on the version that withdraws this registration (with the aanbod of its instelling). */
  ingetrokken?: boolean;
}

export interface Contactpersoon {
  gemeente: string;
  volgnummer: number;
  naam: string;
  email: string;
  telefoonnummer?: string;
}

/** A contactpersoon as the gemeente manages it (PIB 3.3): one of them may be the algemeen contactpersoon. */
export interface ContactpersoonGegevens extends Contactpersoon {
  algemeen: boolean;
}

/** One link of a person to a contactpersoon of a gemeente (PIB 3.3.1 "Caseload"). */
export interface Koppeling {
  bsn: string;
  achternaam: string;
  /** Absent for a link that existed before the gateway recorded its date (the PIB shows "Onbekend"). */
  datumKoppeling?: Datum;
  /** Set when the link ended: ontkoppeld, another contactpersoon linked, or the caseload moved. */
  datumIngetrokken?: Datum;
}

export interface Signaal {
  id: number;
  gemeente: string;
  code: string;
  datum: Datum;
  status: 'N' | 'B' | 'A';
  /** The day the current status was set (retention, PIB 3.2); absent when a dataset gave none. */
  datumStatus?: Datum;
  /** The occasion it was raised for (domain/signalen.ts AANLEIDING): the engine raises a signaal once per occasion. */
  aanleiding?: string;
}

export interface Dossier {
  persoon: Persoon;
  leerbaarheidstoets?: Leerbaarheidstoets;
  examens: Examen[];
  aanvragen: Aanvraag[];
  /** All versions, oldest first, withdrawn ones included. */
  pip: PipVersie[];
  aanbod: AanbodVersie[];
  map: AfrondingVersie[];
  pvt: AfrondingVersie[];
  /**
   * The latest version of each registration (per type uren and instelling), withdrawn ones
   * included, oldest first. Earlier versions stay in the store; no handeling reads them, and a
   * person with years of uren would otherwise bring them all along on every read.
   */
  uren: UrenVersie[];
  /** The contactpersoon each gemeente has currently linked to this person. */
  contactpersonen: ContactpersoonGegevens[];
  signalen: Signaal[];
}

// ---------------------------------------------------------------------------------------------
// Derived views
// ---------------------------------------------------------------------------------------------

/** The versions of the current PIP (from its initial version on), or [] when there is none. */
export function actuelePipVersies(d: Dossier): PipVersie[] {
  let start = -1;
  for (let i = d.pip.length - 1; i >= 0; i--) {
    if (d.pip[i]!.initieel) {
      start = i;
      break;
    }
  }
  if (start < 0) return [];
  const versies = d.pip.slice(start);
  return versies[0]!.ingetrokken ? [] : versies;
}

export function actuelePip(d: Dossier): PipVersie | undefined {
  const versies = actuelePipVersies(d);
  return versies[versies.length - 1];
}

/**
 * How a gemeente stands to the current PIP (`versies`, from actuelePipVersies): it is its own, the
 * gemeente gave it before a move (a new gemeente's version came after its own), or neither.
 */
export type PipRelatie = 'eigen' | 'vorige' | 'geen';

export function pipRelatie(versies: readonly PipVersie[], gemeente: string): PipRelatie {
  const huidige = versies[versies.length - 1];
  if (!huidige) return 'geen';
  if (huidige.gemeente === gemeente) return 'eigen';
  return versies.some((v) => v.gemeente === gemeente) ? 'vorige' : 'geen';
}

/** Two weeks after the registration of the initial PIP, the PIP is definitief (PIB 3.6.6.1). */
export function pipDefinitief(versies: readonly PipVersie[], today: Datum): boolean {
  const initieel = versies[0];
  return initieel !== undefined && today >= addDays(initieel.datumRegistratie, 14);
}

export interface Termijn {
  start: Datum;
  einde: Datum;
}

/**
 * The inburgeringstermijn: it starts the day after the datum dagtekening initiële PIP once that
 * PIP is definitief, and ends the day before its third anniversary, unless DUO changed its end.
 */
export function inburgeringstermijn(d: Dossier, today: Datum): Termijn | undefined {
  const versies = actuelePipVersies(d);
  const laatste = versies[versies.length - 1];
  if (!laatste || !pipDefinitief(versies, today)) return undefined;
  const start = addDays(laatste.datumDagtekeningInitieel, 1);
  const einde = d.persoon.datumEindeTermijnGewijzigd ?? addDays(addYears(start, 3), -1);
  return { start, einde };
}

/** The 10-week window to give the PIP, while there is none (PIB 3.6.6.1). */
export function termijnPip(d: Dossier): Termijn | undefined {
  const start = d.persoon.datumStartTermijnPip;
  if (!start || actuelePip(d)) return undefined;
  return { start, einde: addDays(start, 70) };
}

/** Is the person under an inburgeringsplicht today? */
export function isInburgeringsplichtig(p: Persoon, today: Datum): boolean {
  if (!p.datumStartPlicht) return false;
  return !(p.datumEindePlicht && p.datumEindePlicht <= today);
}

/** The latest version of every aanbod: one per gemeente and instelling, withdrawn ones included. */
function laatsteAanbiedingen(d: Dossier): AanbodVersie[] {
  const laatste = new Map<string, AanbodVersie>();
  for (const v of d.aanbod) laatste.set(`${v.gemeente}|${v.instelling}`, v);
  return [...laatste.values()];
}

/**
 * The aanbod a gemeente registered for an instelling and did not withdraw, also after a move (the
 * old gemeente may still change and withdraw it for 4 weeks, PIB 3.6.7.2 and 3.6.7.3).
 */
export function aanbodVan(d: Dossier, gemeente: string, instelling: string): AanbodVersie | undefined {
  const v = laatsteAanbiedingen(d).find((a) => a.gemeente === gemeente && a.instelling === instelling);
  return v && !v.ingetrokken ? v : undefined;
}

/**
 * The current aanbiedingen (PIB 3.6.7.2): those of the gemeente of the current PIP, one per
 * instelling, not withdrawn. The aanbod of the previous gemeente stays current until the new
 * gemeente gives its PIP; without a current PIP there is no current aanbod.
 */
export function actueelAanbod(d: Dossier): AanbodVersie[] {
  const gemeente = actuelePip(d)?.gemeente;
  return laatsteAanbiedingen(d)
    .filter((v) => !v.ingetrokken && v.gemeente === gemeente)
    .sort((a, b) => a.datumInschrijving.localeCompare(b.datumInschrijving) || a.instelling.localeCompare(b.instelling));
}

export function actueleAfronding(versies: readonly AfrondingVersie[]): AfrondingVersie | undefined {
  const laatste = versies[versies.length - 1];
  return laatste?.datum ? laatste : undefined;
}

const TYPE_VOLGORDE: readonly TypeUren[] = ['2', '3', '4', '6', '8', '9'];

/** The current registration per type uren and, for 6, 8 and 9, per instelling. */
export function actueleUren(d: Dossier): UrenVersie[] {
  const laatste = new Map<string, UrenVersie>();
  for (const v of d.uren) laatste.set(`${v.typeUren}|${v.instelling ?? ''}`, v);
  return [...laatste.values()].filter((v) => !v.ingetrokken).sort(
    (a, b) =>
      TYPE_VOLGORDE.indexOf(a.typeUren) - TYPE_VOLGORDE.indexOf(b.typeUren) ||
      (a.instelling ?? '').localeCompare(b.instelling ?? ''),
  );
}

/** The number of the next uren version: the latest registration carries the highest so far. */
export function volgendeUrenVersie(d: Dossier): number {
  return d.uren.reduce((max, v) => Math.max(max, v.versie), 0) + 1;
}

/** All current uren added up, without ongeoorloofd verzuim (type 9), as the PIB shows it. */
export function totaalUren(uren: readonly UrenVersie[]): number {
  return uren.filter((u) => u.typeUren !== '9').reduce((sum, u) => sum + u.aantalUren, 0);
}

const ONDERDELEN = ['KNM', 'LEZEN', 'LUISTEREN', 'SCHRIJVEN', 'SPREKEN'] as const;

/**
 * The exams as PIB 3.6.11 lists them: in the B1-route and the Onderwijsroute every onderdeel at
 * the PIP's niveau, "Nog te doen" until there is an attempt; asielstatushouders have 2 free
 * attempts, others 0. Exams that were taken at another niveau are listed as well.
 */
export function examenoverzicht(d: Dossier): Examen[] {
  const pip = actuelePip(d);
  const out = new Map<string, Examen>();
  const key = (e: { onderdeel: string; niveau: string }) => `${e.onderdeel}|${e.niveau}`;
  if (pip && pip.leerroute !== 'Z') {
    const niveau = pip.niveau ?? 'B1';
    const gratis = d.persoon.doelgroep === DOELGROEP_ASIEL ? 2 : 0;
    for (const onderdeel of ONDERDELEN) {
      out.set(key({ onderdeel, niveau }), { onderdeel, niveau, gratisPogingenOver: gratis, status: 'Nog te doen' });
    }
  }
  for (const e of d.examens) out.set(key(e), e);
  const rank = (o: string) => {
    const i = (ONDERDELEN as readonly string[]).indexOf(o);
    return i < 0 ? ONDERDELEN.length : i;
  };
  return [...out.values()].sort((a, b) => rank(a.onderdeel) - rank(b.onderdeel) || a.niveau.localeCompare(b.niveau));
}
