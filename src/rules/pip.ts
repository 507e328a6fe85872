/**
 * The rules of the PIP: appendix 4.2 b (OpvoerenPip, WijzigenPip) and c (IntrekkenPip), in the
 * order of DESIGN §3. Each function is pure: (request, dossier, caller, today) -> meldingen, and
 * for a change that may go ahead, the version to store.
 *
 *   1. FS 603 BSN                                            stop on failure
 *   2. FS 642, 636, 617, 602, 655, 674, 675                  the first failure stops
 *   3. fields, all reported together:
 *        DatumDagtekening(InitielePip)  FS 999 verplicht, ongeldig, toekomst, voor 1-1-2022 (addition)
 *        Leerroute                      FS 999 verplicht, Formaatfout
 *        Niveau                         FS 999 Formaatfout; FS 641 / AS 605 per the table below
 *        Alfabetisering                 FS 999 Formaatfout
 *        GeschatteUrenIntensiteit       FS 999 Formaatfout, verplicht (asielstatushouder in de
 *                                       B1-route), "Mag alleen worden opgegeven ..." otherwise
 *        GeschatteUrenResterend         FS 999 Formaatfout; FS 656 above the intensiteit
 *        Toestemming, ContactVolgnummer FS 999 Formaatfout
 *   4. state, all reported together (a check whose input failed step 3 is skipped):
 *        opvoeren  FS 677 before the start of the plicht; a current PIP exists (addition); FS 650
 *        wijzigen  no current PIP (addition); FS 638 before the start of the plicht; the initial
 *                  dagtekening is definitief (addition) or before the plicht (FS 677); before the
 *                  dagtekening of the current or the initial PIP (additions); FS 640 nothing
 *                  changes; FS 650
 *        both      AS 606 to the Onderwijsroute while a current aanbod has no start date
 *
 * A refused change answers with its FS meldingen only: the AS meldingen describe a processed one.
 *
 * Leerroute and niveau (appendix 4.2 b, with the decision of the issue where sources differ):
 *
 *              empty        A2                                  B1
 *   O          B1           FS 641                              ok
 *   B          B1           initial PIP: FS 641; wijziging: AS 605   ok
 *   Z          ok (none)    AS 605                              FS 641
 */
import type { Caller } from '../auth/caller.js';
import { isDatum, type Datum } from '../domain/datum.js';
import {
  actueelAanbod,
  actuelePipVersies,
  DOELGROEP_ASIEL,
  pipDefinitief,
  type Alfabetisering,
  type Dossier,
  type Leerroute,
  type Niveau,
  type PipVersie,
} from '../domain/dossier.js';
import { isFout, melding, type Melding } from '../meldingen/catalogus.js';
import { controleerBsn, controleerPersoon } from './persoon.js';

/** A PIP as the request gives it: raw text per element, undefined when absent. */
export interface PipVerzoek {
  readonly bsn?: string;
  /** WijzigenPip only. */
  readonly datumDagtekeningInitielePip?: string;
  readonly datumDagtekening?: string;
  readonly leerroute?: string;
  readonly niveau?: string;
  readonly alfabetisering?: string;
  readonly geschatteUrenIntensiteit?: string;
  readonly geschatteUrenResterend?: string;
  readonly toestemming?: string;
  readonly contactVolgnummer?: string;
}

export interface PipBesluit {
  readonly meldingen: Melding[];
  /** The version to store; only when there is no FS. */
  readonly versie?: PipVersie;
}

const EERSTE_DAGTEKENING = '20220101';
const LEERROUTES: readonly string[] = ['B', 'O', 'Z'];
const ALFABETISERING: readonly string[] = ['A', 'AA', 'NVT'];

/** The contactpersoon check needs the store: the operation looks the volgnummer up and passes the answer. */
export interface Opzoekingen {
  readonly contactpersoonBestaat: boolean;
}

/** The whole number in `raw` (`min`..9999), or undefined when it is not one. */
export function geheelGetal(raw: string, min: number): number | undefined {
  if (!/^\d{1,4}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= min ? n : undefined;
}

/** The niveau table above; `wijziging` selects the B1-route's A2 column. */
export function niveauRegel(
  leerroute: Leerroute,
  niveau: Niveau | undefined,
  wijziging: boolean,
): { niveau: Niveau | undefined; melding?: 'niveauNietToegestaan' | 'niveauWijktAf' } {
  switch (leerroute) {
    case 'O':
      return niveau === 'A2' ? { niveau, melding: 'niveauNietToegestaan' } : { niveau: 'B1' };
    case 'B':
      if (niveau === 'A2') return { niveau, melding: wijziging ? 'niveauWijktAf' : 'niveauNietToegestaan' };
      return { niveau: 'B1' };
    case 'Z':
      if (niveau === 'B1') return { niveau, melding: 'niveauNietToegestaan' };
      return niveau === 'A2' ? { niveau, melding: 'niveauWijktAf' } : { niveau: undefined };
  }
}

interface Velden extends Partial<Gegevens> {
  datumDagtekening?: Datum;
  toestemming: boolean;
  /** False when a field failed, so that state checks on it are skipped. */
  geldig: { datumDagtekening: boolean; contactVolgnummer: boolean };
}

/**
 * A number of hours (`min`..9999): Formaatfout when it is not one; "Mag alleen worden opgegeven ..."
 * when `toegestaan` is false (undefined: not known, because the leerroute failed).
 */
function uren(veld: string, raw: string | undefined, min: number, toegestaan: boolean | undefined, meldingen: Melding[]): number | undefined {
  if (!raw) return undefined;
  const n = geheelGetal(raw, min);
  if (n === undefined) meldingen.push(melding('b', 'formaatfout', { veld }));
  else if (toegestaan === false) meldingen.push(melding('b', 'urenNietToegestaan', { veld }));
  return n;
}

/** A date field of the PIP: verplicht, ongeldig, toekomst, before 2022. */
function controleerDatum(veld: string, raw: string | undefined, verplicht: boolean, today: Datum, meldingen: Melding[]): Datum | undefined {
  if (raw === undefined || raw === '') {
    if (verplicht) meldingen.push(melding('b', 'verplicht', { veld }));
    return undefined;
  }
  if (!isDatum(raw)) meldingen.push(melding('b', 'datumOngeldig', { veld }));
  else if (raw > today) meldingen.push(melding('b', 'datumInToekomst', { veld }));
  else if (raw < EERSTE_DAGTEKENING) meldingen.push(melding('b', 'datumVoor2022', { veld }));
  else return raw;
  return undefined;
}

/** Step 3: the fields, all reported together. */
function controleerVelden(v: PipVerzoek, dossier: Dossier, today: Datum, wijziging: boolean, meldingen: Melding[]): Velden {
  const datumDagtekening = controleerDatum('DatumDagtekening', v.datumDagtekening, true, today, meldingen);

  let leerroute: Leerroute | undefined;
  if (!v.leerroute) meldingen.push(melding('b', 'verplicht', { veld: 'Leerroute' }));
  else if (!LEERROUTES.includes(v.leerroute)) meldingen.push(melding('b', 'formaatfout', { veld: 'Leerroute' }));
  else leerroute = v.leerroute as Leerroute;

  let niveau: Niveau | undefined;
  if (v.niveau && v.niveau !== 'A2' && v.niveau !== 'B1') meldingen.push(melding('b', 'formaatfout', { veld: 'Niveau' }));
  else if (leerroute) {
    const regel = niveauRegel(leerroute, (v.niveau || undefined) as Niveau | undefined, wijziging);
    niveau = regel.niveau;
    if (regel.melding) meldingen.push(melding('b', regel.melding, { veld: 'Niveau' }));
  }

  let alfabetisering: Alfabetisering | undefined;
  if (v.alfabetisering && !ALFABETISERING.includes(v.alfabetisering)) meldingen.push(melding('b', 'formaatfout', { veld: 'Alfabetisering' }));
  else alfabetisering = (v.alfabetisering || undefined) as Alfabetisering | undefined;

  // The estimated hours belong to an asielstatushouder in the B1-route, and only there.
  const asielB1 = dossier.persoon.doelgroep === DOELGROEP_ASIEL && leerroute === 'B';
  const urenToegestaan = leerroute ? asielB1 : undefined;
  const geschatteUren = uren('GeschatteUrenIntensiteit', v.geschatteUrenIntensiteit, 1, urenToegestaan, meldingen);
  if (!v.geschatteUrenIntensiteit && asielB1) meldingen.push(melding('b', 'verplicht', { veld: 'GeschatteUrenIntensiteit' }));
  const geschatteUrenResterend = uren('GeschatteUrenResterend', v.geschatteUrenResterend, 0, urenToegestaan, meldingen);
  if (asielB1 && geschatteUren !== undefined && geschatteUrenResterend !== undefined && geschatteUrenResterend > geschatteUren) {
    meldingen.push(melding('b', 'urenBovenIntensiteit', { veld: 'GeschatteUrenResterend' }));
  }

  let toestemming = false;
  if (v.toestemming && v.toestemming !== 'J' && v.toestemming !== 'N') {
    meldingen.push(melding('b', 'formaatfout', { veld: 'ToestemmingNietVrijstellendeOpleiding' }));
  } else toestemming = v.toestemming === 'J';

  let contactVolgnummer: number | undefined;
  let contactGeldig = true;
  if (v.contactVolgnummer) {
    contactVolgnummer = geheelGetal(v.contactVolgnummer, 1);
    if (contactVolgnummer === undefined) {
      contactGeldig = false;
      meldingen.push(melding('b', 'formaatfout', { veld: 'ContactVolgnummer' }));
    }
  }

  return {
    datumDagtekening,
    leerroute,
    niveau,
    alfabetisering,
    geschatteUren,
    geschatteUrenResterend,
    toestemming,
    contactVolgnummer,
    geldig: { datumDagtekening: datumDagtekening !== undefined, contactVolgnummer: contactGeldig },
  };
}

/** AS 606: the PIP gets (or changes to) the Onderwijsroute while a current aanbod has no start date. */
function startdatumOpleiding(dossier: Dossier, naarOnderwijsroute: boolean): Melding[] {
  if (!naarOnderwijsroute) return [];
  return actueelAanbod(dossier).some((a) => !a.datumStartOpleiding) ? [melding('b', 'startdatumOpleidingVerplicht')] : [];
}

function contactBekend(velden: Velden, op: Opzoekingen): Melding[] {
  if (velden.contactVolgnummer === undefined || !velden.geldig.contactVolgnummer) return [];
  return op.contactpersoonBestaat ? [] : [melding('b', 'contactOnbekend', { veld: 'ContactVolgnummer' })];
}

/** Steps 1 and 2, shared by the PIP handelingen: the meldingen, and the dossier when the checks may go on. */
function voorwaarden(h: 'b' | 'c', bsn: string | undefined, dossier: Dossier | undefined, caller: Caller, today: Datum) {
  const bsnFout = controleerBsn(h, bsn);
  if (bsnFout) return { meldingen: [bsnFout], dossier: undefined };
  const meldingen = controleerPersoon(h, dossier, caller.gemeente, today);
  return { meldingen, dossier: meldingen.some(isFout) ? undefined : dossier };
}

/** OpvoerenPip: the initial PIP. */
export function opvoerenPip(v: PipVerzoek, dossier: Dossier | undefined, caller: Caller, today: Datum, op: Opzoekingen): PipBesluit {
  const pre = voorwaarden('b', v.bsn, dossier, caller, today);
  if (!pre.dossier) return { meldingen: pre.meldingen };
  const d = pre.dossier;
  const meldingen: Melding[] = [...pre.meldingen];
  const velden = controleerVelden(v, d, today, false, meldingen);

  if (velden.geldig.datumDagtekening && d.persoon.datumStartPlicht && velden.datumDagtekening! < d.persoon.datumStartPlicht) {
    meldingen.push(melding('b', 'dagtekeningVoorStartPlicht', { veld: 'DatumDagtekening' }));
  }
  const versies = actuelePipVersies(d);
  if (versies.length > 0) meldingen.push(melding('b', 'pipBestaatAl'));
  meldingen.push(...contactBekend(velden, op));

  if (meldingen.some(isFout)) return geweigerd(meldingen);
  meldingen.push(...startdatumOpleiding(d, velden.leerroute === 'O'));
  return {
    meldingen,
    versie: {
      versie: d.pip.length + 1,
      initieel: true,
      gemeente: caller.gemeente,
      datumDagtekeningInitieel: velden.datumDagtekening!,
      datumDagtekening: velden.datumDagtekening!,
      datumRegistratie: today,
      ...nieuweGegevens(velden),
      ingetrokken: false,
    },
  };
}

/** WijzigenPip: a new version of the current PIP, also the previous gemeente's after a move. */
export function wijzigenPip(v: PipVerzoek, dossier: Dossier | undefined, caller: Caller, today: Datum, op: Opzoekingen): PipBesluit {
  const pre = voorwaarden('b', v.bsn, dossier, caller, today);
  if (!pre.dossier) return { meldingen: pre.meldingen };
  const d = pre.dossier;
  const meldingen: Melding[] = [...pre.meldingen];
  const initieelVeld = 'DatumDagtekeningInitielePip';
  const nieuweInitiele = controleerDatum(initieelVeld, v.datumDagtekeningInitielePip, false, today, meldingen);
  const velden = controleerVelden(v, d, today, true, meldingen);

  const versies = actuelePipVersies(d);
  const huidige = versies[versies.length - 1];
  if (!huidige) return geweigerd([...meldingen, melding('b', 'geenActuelePip')]);
  const startPlicht = d.persoon.datumStartPlicht;
  let initiele = huidige.datumDagtekeningInitieel;
  if (nieuweInitiele !== undefined && nieuweInitiele !== initiele) {
    if (pipDefinitief(versies, today)) meldingen.push(melding('b', 'initieleDagtekeningDefinitief', { veld: initieelVeld }));
    else if (startPlicht && nieuweInitiele < startPlicht) meldingen.push(melding('b', 'dagtekeningVoorStartPlicht', { veld: initieelVeld }));
    else initiele = nieuweInitiele;
  }
  const dagtekening = velden.datumDagtekening;
  if (velden.geldig.datumDagtekening) {
    if (startPlicht && dagtekening! < startPlicht) meldingen.push(melding('b', 'dagtekeningVoorStartPlichtWijziging', { veld: 'DatumDagtekening' }));
    if (dagtekening! < huidige.datumDagtekening) meldingen.push(melding('b', 'dagtekeningVoorActuelePip', { veld: 'DatumDagtekening' }));
    else if (dagtekening! < initiele) meldingen.push(melding('b', 'dagtekeningVoorInitielePip', { veld: 'DatumDagtekening' }));
  }
  const gegevens = nieuweGegevens(velden);
  if (!meldingen.some(isFout) && ongewijzigd(huidige, initiele, dagtekening!, gegevens)) meldingen.push(melding('b', 'geenWijziging'));
  meldingen.push(...contactBekend(velden, op));

  if (meldingen.some(isFout)) return geweigerd(meldingen);
  meldingen.push(...startdatumOpleiding(d, velden.leerroute === 'O' && huidige.leerroute !== 'O'));
  return {
    meldingen,
    versie: {
      versie: d.pip.length + 1,
      initieel: false,
      gemeente: caller.gemeente,
      datumDagtekeningInitieel: initiele,
      datumDagtekening: dagtekening!,
      datumRegistratie: today,
      ...gegevens,
      ingetrokken: false,
    },
  };
}

/**
 * A refused change: only the FS meldingen. AS 605 and AS 606 are warnings that come with a processed
 * request (DESIGN §2); without one they would describe a change that did not happen.
 */
function geweigerd(meldingen: Melding[]): PipBesluit {
  return { meldingen: meldingen.filter(isFout) };
}

type Gegevens = Pick<PipVersie, 'leerroute' | 'niveau' | 'alfabetisering' | 'geschatteUren' | 'geschatteUrenResterend' | 'toestemming' | 'contactVolgnummer'>;

function nieuweGegevens(velden: Velden): Gegevens {
  return {
    leerroute: velden.leerroute!,
    niveau: velden.niveau,
    alfabetisering: velden.alfabetisering,
    geschatteUren: velden.geschatteUren,
    geschatteUrenResterend: velden.geschatteUrenResterend,
    toestemming: velden.toestemming,
    contactVolgnummer: velden.contactVolgnummer,
  };
}

/** FS 640: every field has the value of the current PIP. */
function ongewijzigd(huidige: PipVersie, initiele: Datum, dagtekening: Datum, g: Gegevens): boolean {
  return (
    initiele === huidige.datumDagtekeningInitieel &&
    dagtekening === huidige.datumDagtekening &&
    g.leerroute === huidige.leerroute &&
    g.niveau === huidige.niveau &&
    g.alfabetisering === huidige.alfabetisering &&
    g.geschatteUren === huidige.geschatteUren &&
    g.geschatteUrenResterend === huidige.geschatteUrenResterend &&
    g.toestemming === huidige.toestemming &&
    g.contactVolgnummer === huidige.contactVolgnummer
  );
}

export interface IntrekkenBesluit {
  readonly meldingen: Melding[];
  /** The withdrawal to store; only when there is no FS. */
  readonly intrekking?: { initieleVersie: number; aanbod: ReturnType<typeof actueelAanbod> };
}

/**
 * IntrekkenPip (appendix 4.2 c): FS 643 without a current PIP; FS 645 when the PIP is definitief,
 * or (DUO) when uren are registered against its aanbod. The aanbiedingen go with the PIP.
 */
export function intrekkenPip(bsn: string | undefined, dossier: Dossier | undefined, caller: Caller, today: Datum): IntrekkenBesluit {
  const pre = voorwaarden('c', bsn, dossier, caller, today);
  if (!pre.dossier) return { meldingen: pre.meldingen };
  const d = pre.dossier;
  const versies = actuelePipVersies(d);
  if (versies.length === 0) return { meldingen: [...pre.meldingen, melding('c', 'geenPip')] };
  const aanbod = actueelAanbod(d);
  const instellingen = new Set(aanbod.map((a) => a.instelling));
  const urenOpAanbod = d.uren.some((u) => u.instelling !== undefined && instellingen.has(u.instelling));
  if (pipDefinitief(versies, today) || urenOpAanbod) return { meldingen: [...pre.meldingen, melding('c', 'intrekkenNietMogelijk')] };
  return { meldingen: pre.meldingen, intrekking: { initieleVersie: versies[0]!.versie, aanbod } };
}
