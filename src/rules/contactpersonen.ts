/**
 * The rules of appendix 4.2 i (contactpersonen; PIB 3.3), pure functions of the request, the
 * gemeente's contactpersonen as they are, and (for koppelen) the dossier. Requests that carry
 * contactpersonen carry them in groups; a melding about one says `Groep n` and carries its number.
 *
 * Per group, all reported together:
 *   Naam                    FS 999 verplicht, Lengte is ongeldig (1-100)
 *   Email                   FS 999 verplicht, Lengte is ongeldig (4-241), E-mailadres is ongeldig
 *   Telefoonnummer          FS 999 Lengte is ongeldig (3-22), Telefoonnummer is ongeldig (digits, + and -)
 *   AlgemeenContactpersoon  J or N, N when absent; Formaatfout (addition)
 * OpvoerenContactpersoon names no Volgnummer: DUO gives it (addition).
 * Then: FS 999 "Er bestaat al een contactpersoon voor gemeente &1 en mailadres &2" for an e-mail
 * that another volgnummer of the gemeente uses (case does not count); additions for an unknown
 * volgnummer, two algemeen contactpersonen or one volgnummer twice in a request, a caseload without
 * a successor, a caseload handed to itself, a koppeling that already is or is not there.
 *
 * At most one algemeen contactpersoon per gemeente (PIB 3.3.2): naming a new one takes the role
 * from the old one, who gets a new version. The volgnummer is ours: the next one of the gemeente,
 * never one used before. "Fout opslaan contact ..." is the operation's: the store refused the write.
 */
import type { Caller } from '../domain/caller.js';
import type { Datum } from '../domain/datum.js';
import type { ContactpersoonGegevens, Dossier } from '../domain/dossier.js';
import { GRENZEN } from '../domain/grenzen.js';
import { isFout, melding, type Melding } from '../meldingen/catalogus.js';
import { voorwaarden } from './persoon.js';
import { geheelGetal, Velden } from './velden.js';

export interface ContactpersoonInvoer {
  readonly volgnummer?: string;
  readonly naam?: string;
  readonly email?: string;
  readonly telefoonnummer?: string;
  readonly algemeen?: string;
}

/** A contactpersoon as the gemeente has it now, with its caseload. */
export interface Bestaand extends ContactpersoonGegevens {
  readonly caseload: number;
}

export interface ContactpersonenBesluit {
  readonly meldingen: Melding[];
  /** The versions to append; only when there is no FS. */
  readonly versies?: Array<{ contactpersoon: ContactpersoonGegevens; verwijderd: boolean }>;
  /** The caseload to move (verwijderen, overdragen): from one volgnummer to another. */
  readonly overdracht?: { van: number; naar: number };
}

/** An address with one @, no spaces or brackets, and a dot in its domain; DUO's limit is the length. */
const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:".]+(\.[^\s@<>()[\],;:".]+)+$/;
const TELEFOON = /^[0-9+-]+$/;

type Gegevens = Omit<ContactpersoonGegevens, 'gemeente' | 'volgnummer'>;

/** The fields of one group. */
function leesGroep(v: Velden<'i'>, g: ContactpersoonInvoer): Partial<Gegevens> {
  const naam = v.tekst('Naam', g.naam, GRENZEN.contactNaam, true);
  let email = v.tekst('Email', g.email, GRENZEN.email, true);
  if (email !== undefined && !EMAIL.test(email)) {
    v.fout('emailOngeldig', 'Email');
    email = undefined;
  }
  let telefoonnummer = v.tekst('Telefoonnummer', g.telefoonnummer, GRENZEN.telefoon);
  if (telefoonnummer !== undefined && !TELEFOON.test(telefoonnummer)) {
    v.fout('telefoonOngeldig', 'Telefoonnummer');
    telefoonnummer = undefined;
  }
  const code = v.code('AlgemeenContactpersoon', g.algemeen, ['J', 'N'] as const);
  return { naam, email, ...(telefoonnummer ? { telefoonnummer } : {}), algemeen: code === 'J' };
}

/** The contactpersoon `raw` names among `bestaande`, or the `onbekend` addition about `veld`. */
function zoek(v: Velden<'i'>, veld: string, raw: string | undefined, bestaande: readonly Bestaand[], groep?: number): Bestaand | undefined {
  const n = raw ? geheelGetal(raw, GRENZEN.contactVolgnummer) : undefined;
  const c = n === undefined ? undefined : bestaande.find((b) => b.volgnummer === n);
  if (!c) v.meldingen.push(groep ? melding('i', 'onbekendInGroep', { veld, groep }) : melding('i', 'onbekend', { veld }));
  return c;
}

/**
 * OpvoerenContactpersoon (`wijziging` false: new volgnummers from `volgnummer` on) and
 * WijzigenContactpersoon (each group names its volgnummer).
 */
export function contactpersonenRegels(
  gemeente: string,
  groepen: readonly ContactpersoonInvoer[],
  bestaande: readonly Bestaand[],
  wijziging: boolean,
  volgnummer: number,
): ContactpersonenBesluit {
  const velden = new Velden('i');
  const nieuw: ContactpersoonGegevens[] = [];
  const emails = new Map(bestaande.map((b) => [b.email.toLowerCase(), b.volgnummer]));
  let algemeen: number | undefined;
  groepen.forEach((g, i) => {
    const groep = i + 1;
    const v = velden.inGroep(groep);
    let nummer = volgnummer + i;
    if (!wijziging && g.volgnummer !== undefined) v.fout('volgnummerToegekend', 'Volgnummer');
    if (wijziging) {
      const c = zoek(v, 'Volgnummer', g.volgnummer, bestaande, groep);
      if (c && nieuw.some((n) => n.volgnummer === c.volgnummer)) v.fout('dubbel', 'Volgnummer');
      nummer = c?.volgnummer ?? -groep;
    }
    const gegevens = leesGroep(v, g);
    if (gegevens.email !== undefined) {
      const eigenaar = emails.get(gegevens.email.toLowerCase());
      if (eigenaar !== undefined && eigenaar !== nummer) {
        v.meldingen.push(melding('i', 'emailBestaatAl', { groep, veld: 'Email', waarden: [gemeente, gegevens.email] }));
      }
      emails.set(gegevens.email.toLowerCase(), nummer);
    }
    if (gegevens.algemeen) {
      if (algemeen !== undefined) v.fout('tweeAlgemeen', 'AlgemeenContactpersoon');
      algemeen = nummer;
    }
    nieuw.push({ gemeente, volgnummer: nummer, ...(gegevens as Gegevens) });
  });

  if (velden.meldingen.some(isFout)) return { meldingen: velden.meldingen.filter(isFout) };
  const versies = nieuw.map((contactpersoon) => ({ contactpersoon, verwijderd: false }));
  if (algemeen !== undefined) {
    // The role moves: the previous algemeen contactpersoon, unless changed in this request, gets a version without it.
    for (const b of bestaande.filter((b) => b.algemeen && b.volgnummer !== algemeen && !nieuw.some((n) => n.volgnummer === b.volgnummer))) {
      const { caseload: _caseload, ...gegevens } = b;
      versies.push({ contactpersoon: { ...gegevens, algemeen: false }, verwijderd: false });
    }
  }
  return { meldingen: velden.meldingen, versies };
}

/** VerwijderenContactpersoon: with a caseload only when `overdragenAan` takes it over (PIB 3.3.4). */
export function verwijderenContactpersoon(volgnummer: string | undefined, overdragenAan: string | undefined, bestaande: readonly Bestaand[]): ContactpersonenBesluit {
  const v = new Velden('i');
  const c = zoek(v, 'Volgnummer', volgnummer, bestaande);
  const naar = overdragenAan !== undefined ? zoek(v, 'OverdragenAan', overdragenAan, bestaande) : undefined;
  if (c && naar && c.volgnummer === naar.volgnummer) v.fout('zelfdeContactpersoon', 'OverdragenAan');
  if (c && c.caseload > 0 && overdragenAan === undefined) v.meldingen.push(melding('i', 'heeftCaseload'));
  if (v.meldingen.some(isFout) || !c) return { meldingen: v.meldingen };
  const { caseload: _caseload, ...gegevens } = c;
  return {
    meldingen: v.meldingen,
    versies: [{ contactpersoon: gegevens, verwijderd: true }],
    ...(naar ? { overdracht: { van: c.volgnummer, naar: naar.volgnummer } } : {}),
  };
}

/** OverdragenCaseload: every person of one contactpersoon to another (PIB 3.3.6). */
export function overdragenCaseload(van: string | undefined, naar: string | undefined, bestaande: readonly Bestaand[]): ContactpersonenBesluit {
  const v = new Velden('i');
  const a = zoek(v, 'Volgnummer', van, bestaande);
  const b = zoek(v, 'OverdragenAan', naar, bestaande);
  if (a && b && a.volgnummer === b.volgnummer) v.fout('zelfdeContactpersoon', 'OverdragenAan');
  if (v.meldingen.some(isFout) || !a || !b) return { meldingen: v.meldingen };
  return { meldingen: v.meldingen, overdracht: { van: a.volgnummer, naar: b.volgnummer } };
}

export interface KoppelBesluit {
  readonly meldingen: Melding[];
  /** The volgnummer to link (undefined: unlink); only when the change goes ahead. */
  readonly koppeling?: { volgnummer: number | undefined };
}

/**
 * KoppelenContactpersoon (`volgnummer` given) and OntkoppelenContactpersoon: the person checks of
 * appendix 4.2 a (the person must be relevant for the gemeente), then the contactpersoon. One
 * contactpersoon per person per gemeente: koppelen replaces the one linked before (PIB 3.3.5).
 */
export function koppelen(
  bsn: string | undefined,
  volgnummer: string | undefined,
  ontkoppelen: boolean,
  dossier: Dossier | undefined,
  caller: Caller,
  today: Datum,
  bestaande: readonly Bestaand[],
): KoppelBesluit {
  const pre = voorwaarden('a', bsn, dossier, caller, today);
  if (!pre.dossier) return { meldingen: pre.meldingen };
  const v = new Velden('i', [...pre.meldingen]);
  const huidig = pre.dossier.contactpersonen.find((c) => c.gemeente === caller.gemeente);
  if (ontkoppelen) {
    if (!huidig) v.meldingen.push(melding('i', 'geenKoppeling'));
    return v.meldingen.some(isFout) ? { meldingen: v.meldingen.filter(isFout) } : { meldingen: v.meldingen, koppeling: { volgnummer: undefined } };
  }
  const c = zoek(v, 'Volgnummer', volgnummer, bestaande);
  if (c && huidig?.volgnummer === c.volgnummer) v.meldingen.push(melding('i', 'alGekoppeld'));
  if (v.meldingen.some(isFout) || !c) return { meldingen: v.meldingen.filter(isFout) };
  return { meldingen: v.meldingen, koppeling: { volgnummer: c.volgnummer } };
}
