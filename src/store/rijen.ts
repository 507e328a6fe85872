/**
 * Rows to the domain, for both adapters: their tables and columns are the same (sqlite/schema.ts,
 * mssql/migrations), so a row of either maps the same way. A row has the columns by name; a missing
 * value is null; a boolean is 1 or true.
 */
import type {
  AanbodVersie,
  AfrondingVersie,
  Aanvraag,
  Contactpersoon,
  ContactpersoonGegevens,
  Dossier,
  Examen,
  Leerbaarheidstoets,
  Persoon,
  PipVersie,
  Signaal,
  UrenVersie,
} from '../domain/dossier.js';
import type { ContactpersoonMetCaseload, Dataset, SignaalRegel } from './port.js';

export type Row = Record<string, unknown>;

export const opt = <T>(v: unknown): T | undefined => (v === null || v === undefined ? undefined : (v as T));
export const bool = (v: unknown): boolean => v === 1 || v === true;
export const nul = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

/** The parts of a dossier, each read as rows (the SQL Server adapter: the result sets of one batch, in this order). */
export const DOSSIER_DELEN = [
  'persoon',
  'toets',
  'examens',
  'aanvragen',
  'pip',
  'intrekkingen',
  'aanbod',
  'map',
  'pvt',
  'uren',
  'contactpersonen',
  'signalen',
] as const;

export type DossierDeel = (typeof DOSSIER_DELEN)[number];

/** A person's dossier from the rows of its parts; undefined when there is no person row. */
export function dossierUit(deel: (naam: DossierDeel) => Row[]): Dossier | undefined {
  const p = deel('persoon')[0];
  if (!p) return undefined;
  const toets = deel('toets')[0];
  return {
    persoon: mapPersoon(p),
    ...(toets ? { leerbaarheidstoets: mapToets(toets) } : {}),
    examens: deel('examens').map(mapExamen),
    aanvragen: deel('aanvragen').map(mapAanvraag),
    pip: metIntrekkingen(deel('pip').map(mapPip), deel('intrekkingen')),
    aanbod: deel('aanbod').map(mapAanbod),
    map: deel('map').map(mapAfronding),
    pvt: deel('pvt').map(mapAfronding),
    uren: deel('uren').map(mapUren),
    contactpersonen: deel('contactpersonen').map(mapContactpersoonGegevens),
    signalen: deel('signalen').map(mapSignaal),
  };
}

export function mapPersoon(r: Row): Persoon {
  return {
    bsn: r.bsn as string,
    voornamen: opt(r.voornamen),
    achternaam: r.achternaam as string,
    geboortedatum: r.geboortedatum as string,
    wet: r.wet as Persoon['wet'],
    woongemeente: opt(r.woongemeente),
    woontInAzc: bool(r.woont_in_azc),
    coaGemeente: opt(r.coa_gemeente),
    overlijdensdatum: opt(r.overlijdensdatum),
    doelgroep: opt(r.doelgroep),
    verblijfsdoelGewijzigd: opt(r.verblijfsdoel_gewijzigd),
    datumWijzigingVerblijfsdoel: opt(r.datum_wijziging_verblijfsdoel),
    datumStartPlicht: opt(r.datum_start_plicht),
    datumEindePlicht: opt(r.datum_einde_plicht),
    redenEindePlicht: opt(r.reden_einde_plicht),
    datumStartTermijnPip: opt(r.datum_start_termijn_pip),
    datumEindeTermijnGewijzigd: opt(r.datum_einde_termijn_gewijzigd),
    redenWijzigingTermijn: opt(r.reden_wijziging_termijn),
    datumWijzigingTermijn: opt(r.datum_wijziging_termijn),
    pvtPlichtVoldaan: bool(r.pvt_plicht_voldaan),
    ...(r.verhuizing_datum ? { verhuizing: { van: r.verhuizing_van as string, naar: r.verhuizing_naar as string, datum: r.verhuizing_datum as string } } : {}),
  };
}

export function mapToets(r: Row): Leerbaarheidstoets {
  return {
    examennummer: opt(r.examennummer),
    gemeente: opt(r.gemeentecode),
    datumAanmelding: opt(r.datum_aanmelding),
    datumStartPeriode: opt(r.datum_start_periode),
    datumEindePeriode: opt(r.datum_einde_periode),
    datumToetsafname: opt(r.datum_toetsafname),
    maximumScore: opt(r.maximum_score),
    behaaldeScore: opt(r.behaalde_score),
    benodigdeScore: opt(r.benodigde_score),
    resultaat: opt(r.resultaat),
    ontheven: bool(r.ontheven),
  };
}

export function mapExamen(r: Row): Examen {
  return {
    onderdeel: r.onderdeel as string,
    niveau: r.niveau as string,
    datumExamen: opt(r.datum_examen),
    gratisPogingenOver: r.gratis_pogingen_over as number,
    status: r.status as string,
  };
}

export function mapAanvraag(r: Row): Aanvraag {
  return {
    typeVerzoek: r.type_verzoek as string,
    toelichting: r.toelichting as string,
    status: r.status as string,
    datumOntvangst: r.datum_ontvangst as string,
    datumBesluit: opt(r.datum_besluit),
  };
}

export function mapPip(r: Row): PipVersie {
  return {
    versie: r.versie as number,
    initieel: bool(r.initieel),
    gemeente: r.gemeentecode as string,
    datumDagtekeningInitieel: r.datum_dagtekening_initieel as string,
    datumDagtekening: r.datum_dagtekening as string,
    datumRegistratie: r.datum_registratie as string,
    leerroute: r.leerroute as PipVersie['leerroute'],
    niveau: opt(r.niveau),
    alfabetisering: opt(r.alfabetisering),
    geschatteUren: opt(r.geschatte_uren),
    geschatteUrenResterend: opt(r.geschatte_uren_resterend),
    toestemming: bool(r.toestemming),
    contactVolgnummer: opt(r.contact_volgnummer),
    ingetrokken: false,
  };
}

/** Marks every version of a withdrawn PIP: from its initial version up to the next initial one. */
export function metIntrekkingen(versies: PipVersie[], intrekkingen: Row[]): PipVersie[] {
  const ingetrokken = new Set(intrekkingen.map((r) => r.initiele_versie as number));
  let chainWithdrawn = false;
  for (const v of versies) {
    if (v.initieel) chainWithdrawn = ingetrokken.has(v.versie);
    v.ingetrokken = chainWithdrawn;
  }
  return versies;
}

export function mapAanbod(r: Row): AanbodVersie {
  return {
    versie: r.versie as number,
    instelling: r.instellingcode as string,
    instellingNaam: r.instelling_naam as string,
    gemeente: r.gemeentecode as string,
    datumInschrijving: r.datum_inschrijving as string,
    datumStartOpleiding: opt(r.datum_start_opleiding),
    datumEindeOpleiding: opt(r.datum_einde_opleiding),
    alfabetisering: opt(r.alfabetisering),
    ingetrokken: bool(r.ingetrokken),
  };
}

export function mapAfronding(r: Row): AfrondingVersie {
  return { versie: r.versie as number, gemeente: r.gemeentecode as string, ...(r.datum ? { datum: r.datum as string } : {}) };
}

export function mapUren(r: Row): UrenVersie {
  return {
    versie: r.versie as number,
    typeUren: r.type_uren as UrenVersie['typeUren'],
    instelling: opt(r.instellingcode),
    datumTot: r.datum_tot as string,
    aantalUren: r.aantal_uren as number,
    gemeente: r.gemeentecode as string,
    ...(bool(r.ingetrokken) ? { ingetrokken: true } : {}),
  };
}

export function mapContactpersoon(r: Row): Contactpersoon {
  return {
    gemeente: r.gemeentecode as string,
    volgnummer: r.volgnummer as number,
    naam: r.naam as string,
    email: r.email as string,
    telefoonnummer: opt(r.telefoonnummer),
  };
}

export function mapContactpersoonGegevens(r: Row): ContactpersoonGegevens {
  return { ...mapContactpersoon(r), algemeen: bool(r.algemeen) };
}

export function mapContactpersoonMetCaseload(r: Row): ContactpersoonMetCaseload {
  return { ...mapContactpersoonGegevens(r), caseload: r.caseload as number };
}

export function mapSignaalRegel(r: Row): SignaalRegel {
  return {
    id: r.signaal_id as number,
    bsn: r.bsn as string,
    gemeente: r.gemeentecode as string,
    code: r.code as string,
    datum: r.datum as string,
    status: r.status as SignaalRegel['status'],
    ...(r.datum_status ? { datumStatus: r.datum_status as string } : {}),
    achternaam: r.achternaam as string,
    ...(r.doelgroep ? { doelgroep: r.doelgroep as string } : {}),
    ...(r.contact_volgnummer ? { contactpersoon: { volgnummer: r.contact_volgnummer as number, naam: r.contact_naam as string } } : {}),
  };
}

export function mapSignaal(r: Row): Signaal {
  return {
    id: r.signaal_id as number,
    gemeente: r.gemeentecode as string,
    code: r.code as string,
    datum: r.datum as string,
    status: r.status as Signaal['status'],
    ...(r.datum_status ? { datumStatus: r.datum_status as string } : {}),
    ...(r.aanleiding ? { aanleiding: r.aanleiding as string } : {}),
  };
}

/** The afnemers' names a dataset gives, once per OIN (the first entry's), for the table afnemer_naam. */
export function afnemerNamen(dataset: Dataset): Map<string, string> {
  const namen = new Map<string, string>();
  for (const a of dataset.afnemers) if (a.naam !== undefined && !namen.has(a.oin)) namen.set(a.oin, a.naam);
  return namen;
}
