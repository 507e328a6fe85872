/**
 * The rules of appendix 4.2 b (OpvoerenPip, WijzigenPip; PIB 3.6.6.1 and 3.6.6.2), in the order of
 * docs/design.md "Order of checks". Each function is pure: (request, dossier, caller, today) ->
 * meldingen, and for a
 * change that may go ahead, the version to store.
 *
 *   1. FS 603 BSN                                            stop on failure
 *   2. FS 642, 636, 617, 602, 655, 674, 675                  the first failure stops
 *   3. fields (rules/velden.ts), all reported together:
 *        DatumDagtekeningPip(Initiele)  FS 999 verplicht, Datum is ongeldig, in toekomst
 *        Leerroute                      FS 999 verplicht, Formaatfout
 *        Niveau                         FS 999 Formaatfout; FS 641 / AS 605 per the table below
 *        Alfabetisering                 FS 999 Formaatfout
 *        GeschatteUrenIntensiteit       FS 999 Formaatfout (1-9999), verplicht (asielstatushouder
 *                                       in de B1-route), "Mag alleen worden opgegeven ..." otherwise
 *        GeschatteUrenResterend         FS 999 Formaatfout (0-9999); FS 656 above the intensiteit
 *        Toestemming                    FS 999 Formaatfout (J, N)
 *        ContactVolgnummer              FS 999 Formaatfout (1-99999)
 *   4. state, all reported together (a check whose input failed step 3 is skipped):
 *        opvoeren  FS 677 before the start of the plicht; a DatumDagtekeningInitielePip other than
 *                  the DatumDagtekeningPip (addition: the initial PIP is this one); a current PIP
 *                  exists (addition); FS 650
 *        wijzigen  no current PIP (addition); FS 638 before the start of the plicht; the initial
 *                  dagtekening is definitief (addition) or before the plicht (FS 677); before the
 *                  dagtekening of the current or the initial PIP (additions); FS 640 nothing
 *                  changes; FS 650
 *        both      before 1 January 2022 (addition), unless FS 677 or FS 638 already refuses the
 *                  date: one cause, one melding
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
import type { Caller } from '../domain/caller.js';
import type { Datum } from '../domain/datum.js';
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
import { GRENZEN } from '../domain/grenzen.js';
import { isFout, melding, type Melding } from '../meldingen/catalogus.js';
import { voorwaarden } from './persoon.js';
import { Velden } from './velden.js';

/** A PIP as the request gives it: raw text per element, undefined when absent. */
export interface PipVerzoek {
  readonly bsn?: string;
  /** WijzigenPip: the new initial dagtekening; OpvoerenPip: absent or the DatumDagtekeningPip. */
  readonly datumDagtekeningInitielePip?: string;
  readonly datumDagtekeningPip?: string;
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

/** What the rules need from the store besides the dossier: the operation looks it up and passes it. */
export interface Opzoekingen {
  readonly contactpersoonBestaat: boolean;
}

/** PIB 3.6.6.1: the datum dagtekening PIP cannot lie before 1 January 2022. */
const EERSTE_DAGTEKENING = '20220101';
const LEERROUTES = ['B', 'O', 'Z'] as const;
const NIVEAUS = ['A2', 'B1'] as const;
const ALFABETISERING = ['A', 'AA', 'NVT'] as const;
const JA_NEE = ['J', 'N'] as const;

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

type Gegevens = Pick<PipVersie, 'niveau' | 'alfabetisering' | 'geschatteUren' | 'geschatteUrenResterend' | 'toestemming' | 'contactVolgnummer'> & {
  leerroute?: Leerroute;
};

/** Step 3: the fields, all reported together. */
function controleerVelden(v: PipVerzoek, dossier: Dossier, today: Datum, wijziging: boolean, velden: Velden<'b'>): Gegevens & { datumDagtekening?: Datum } {
  const meldingen = velden.meldingen;
  const datumDagtekening = velden.datum('DatumDagtekeningPip', v.datumDagtekeningPip, { verplicht: true, today });
  const leerroute = velden.code('Leerroute', v.leerroute, LEERROUTES, true);

  let niveau: Niveau | undefined;
  const gevraagdNiveau = velden.code('Niveau', v.niveau, NIVEAUS);
  if (leerroute && !velden.faalde('Niveau')) {
    const regel = niveauRegel(leerroute, gevraagdNiveau, wijziging);
    niveau = regel.niveau;
    if (regel.melding) meldingen.push(melding('b', regel.melding, { veld: 'Niveau' }));
  }
  const alfabetisering: Alfabetisering | undefined = velden.code('Alfabetisering', v.alfabetisering, ALFABETISERING);

  // The estimated hours belong to an asielstatushouder in the B1-route, and only there.
  const asielB1 = dossier.persoon.doelgroep === DOELGROEP_ASIEL && leerroute === 'B';
  const geschatteUren = velden.getal('GeschatteUrenIntensiteit', v.geschatteUrenIntensiteit, GRENZEN.urenIntensiteit, asielB1);
  const geschatteUrenResterend = velden.getal('GeschatteUrenResterend', v.geschatteUrenResterend, GRENZEN.uren);
  if (leerroute && !asielB1) {
    for (const [veld, waarde] of [['GeschatteUrenIntensiteit', geschatteUren], ['GeschatteUrenResterend', geschatteUrenResterend]] as const) {
      if (waarde !== undefined) velden.fout('urenNietToegestaan', veld);
    }
  }
  if (asielB1 && geschatteUren !== undefined && geschatteUrenResterend !== undefined && geschatteUrenResterend > geschatteUren) {
    velden.fout('urenBovenIntensiteit', 'GeschatteUrenResterend');
  }
  const toestemming = velden.code('ToestemmingNietVrijstellendeOpleiding', v.toestemming, JA_NEE) === 'J';
  const contactVolgnummer = velden.getal('ContactVolgnummer', v.contactVolgnummer, GRENZEN.contactVolgnummer);

  return { datumDagtekening, leerroute, niveau, alfabetisering, geschatteUren, geschatteUrenResterend, toestemming, contactVolgnummer };
}

/**
 * A dagtekening before the start of the inburgeringsplicht gets the appendix melding `fs` (FS 677
 * or FS 638); only when that does not explain it, one before 1 January 2022 gets the addition.
 */
function dagtekeningNaStart(velden: Velden<'b'>, veld: string, datum: Datum, startPlicht: Datum | undefined, fs: 'dagtekeningVoorStartPlicht' | 'dagtekeningVoorStartPlichtWijziging'): boolean {
  if (startPlicht !== undefined && datum < startPlicht) velden.fout(fs, veld);
  else if (datum < EERSTE_DAGTEKENING) velden.fout('datumVoor2022', veld);
  else return true;
  return false;
}

/** AS 606: the PIP gets (or changes to) the Onderwijsroute while a current aanbod has no start date. */
function startdatumOpleiding(dossier: Dossier, naarOnderwijsroute: boolean): Melding[] {
  if (!naarOnderwijsroute) return [];
  return actueelAanbod(dossier).some((a) => !a.datumStartOpleiding) ? [melding('b', 'startdatumOpleidingVerplicht')] : [];
}

/** FS 650: a valid volgnummer that names no contactpersoon of the gemeente. */
function contactBekend(velden: Velden<'b'>, g: Gegevens, op: Opzoekingen): void {
  if (g.contactVolgnummer !== undefined && !op.contactpersoonBestaat) velden.fout('contactOnbekend', 'ContactVolgnummer');
}

/** OpvoerenPip: the initial PIP. */
export function opvoerenPip(v: PipVerzoek, dossier: Dossier | undefined, caller: Caller, today: Datum, op: Opzoekingen): PipBesluit {
  const pre = voorwaarden('b', v.bsn, dossier, caller, today);
  if (!pre.dossier) return { meldingen: pre.meldingen };
  const d = pre.dossier;
  const velden = new Velden('b', [...pre.meldingen]);
  const initieelVeld = 'DatumDagtekeningInitielePip';
  const initiele = velden.datum(initieelVeld, v.datumDagtekeningInitielePip, { today });
  const { datumDagtekening, ...gegevens } = controleerVelden(v, d, today, false, velden);

  if (datumDagtekening !== undefined) dagtekeningNaStart(velden, 'DatumDagtekeningPip', datumDagtekening, d.persoon.datumStartPlicht, 'dagtekeningVoorStartPlicht');
  if (initiele !== undefined && datumDagtekening !== undefined && initiele !== datumDagtekening) velden.fout('initieleDagtekeningBijOpvoeren', initieelVeld);
  if (actuelePipVersies(d).length > 0) velden.meldingen.push(melding('b', 'pipBestaatAl'));
  contactBekend(velden, gegevens, op);

  const meldingen = velden.meldingen;
  if (meldingen.some(isFout)) return geweigerd(meldingen);
  meldingen.push(...startdatumOpleiding(d, gegevens.leerroute === 'O'));
  return { meldingen, versie: nieuweVersie(d, caller, today, { initieel: true, initiele: datumDagtekening!, dagtekening: datumDagtekening! }, gegevens) };
}

/** WijzigenPip: a new version of the current PIP, also the previous gemeente's after a move. */
export function wijzigenPip(v: PipVerzoek, dossier: Dossier | undefined, caller: Caller, today: Datum, op: Opzoekingen): PipBesluit {
  const pre = voorwaarden('b', v.bsn, dossier, caller, today);
  if (!pre.dossier) return { meldingen: pre.meldingen };
  const d = pre.dossier;
  const velden = new Velden('b', [...pre.meldingen]);
  const initieelVeld = 'DatumDagtekeningInitielePip';
  const nieuweInitiele = velden.datum(initieelVeld, v.datumDagtekeningInitielePip, { today });
  const { datumDagtekening: dagtekening, ...gegevens } = controleerVelden(v, d, today, true, velden);

  const versies = actuelePipVersies(d);
  const huidige = versies[versies.length - 1];
  if (!huidige) return geweigerd([...velden.meldingen, melding('b', 'geenActuelePip')]);
  const startPlicht = d.persoon.datumStartPlicht;
  let initiele = huidige.datumDagtekeningInitieel;
  if (nieuweInitiele !== undefined && nieuweInitiele !== initiele) {
    if (pipDefinitief(versies, today)) velden.fout('initieleDagtekeningDefinitief', initieelVeld);
    else if (dagtekeningNaStart(velden, initieelVeld, nieuweInitiele, startPlicht, 'dagtekeningVoorStartPlicht')) initiele = nieuweInitiele;
  }
  if (dagtekening !== undefined && dagtekeningNaStart(velden, 'DatumDagtekeningPip', dagtekening, startPlicht, 'dagtekeningVoorStartPlichtWijziging')) {
    if (dagtekening < huidige.datumDagtekening) velden.fout('dagtekeningVoorActuelePip', 'DatumDagtekeningPip');
    else if (dagtekening < initiele) velden.fout('dagtekeningVoorInitielePip', 'DatumDagtekeningPip');
  }
  const meldingen = velden.meldingen;
  if (!meldingen.some(isFout) && ongewijzigd(huidige, initiele, dagtekening!, gegevens)) meldingen.push(melding('b', 'geenWijziging'));
  contactBekend(velden, gegevens, op);

  if (meldingen.some(isFout)) return geweigerd(meldingen);
  meldingen.push(...startdatumOpleiding(d, gegevens.leerroute === 'O' && huidige.leerroute !== 'O'));
  return { meldingen, versie: nieuweVersie(d, caller, today, { initieel: false, initiele, dagtekening: dagtekening! }, gegevens) };
}

/** The version a processed change appends: the next number, registered today by the asking gemeente. */
function nieuweVersie(
  d: Dossier,
  caller: Caller,
  today: Datum,
  data: { initieel: boolean; initiele: Datum; dagtekening: Datum },
  gegevens: Gegevens,
): PipVersie {
  return {
    versie: d.pip.length + 1,
    initieel: data.initieel,
    gemeente: caller.gemeente,
    datumDagtekeningInitieel: data.initiele,
    datumDagtekening: data.dagtekening,
    datumRegistratie: today,
    ...gegevens,
    leerroute: gegevens.leerroute!,
    ingetrokken: false,
  };
}

/**
 * A refused change: only the FS meldingen. AS 605 and AS 606 are warnings that come with a processed
 * request (docs/design.md "The contract"); without one they would describe a change that did not happen.
 */
function geweigerd(meldingen: Melding[]): PipBesluit {
  return { meldingen: meldingen.filter(isFout) };
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
