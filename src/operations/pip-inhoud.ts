/**
 * The PIP as answers carry it (Pip_v1.xsd): the Pip group with exactly the fields and types of the
 * request, so that a CVS can send back what it read, and beside it what only DUO knows.
 * OpvragenPersoon, OpvoerenPip, WijzigenPip and OpvragenPipHistorie all answer with it.
 */
import type { Datum } from '../domain/datum.js';
import { pipDefinitief, type PipVersie } from '../domain/dossier.js';
import type { XmlContent } from '../soap/respond.js';

/** The Pip group of one version, in the order of the type Pip. */
export function pip(p: PipVersie): XmlContent {
  return {
    DatumDagtekeningInitielePip: p.datumDagtekeningInitieel,
    DatumDagtekeningPip: p.datumDagtekening,
    Leerroute: p.leerroute,
    Niveau: p.niveau,
    Alfabetisering: p.alfabetisering,
    GeschatteUrenIntensiteit: p.geschatteUren,
    GeschatteUrenResterend: p.geschatteUrenResterend,
    ToestemmingNietVrijstellendeOpleiding: p.toestemming ? 'J' : 'N',
    ContactVolgnummer: p.contactVolgnummer,
  };
}

/** A PipVersie of the historie: the version's Pip, and beside it who registered it, when, and whether it was withdrawn. */
export function pipVersie(p: PipVersie): XmlContent {
  return { Versie: p.versie, Pip: pip(p), Gemeente: p.gemeente, DatumRegistratie: p.datumRegistratie, Ingetrokken: p.ingetrokken };
}

/** The PipRegistratie of the versions of the current PIP: its last version, and whether it is definitief. */
export function pipRegistratie(versies: readonly PipVersie[], today: Datum): XmlContent {
  const p = versies[versies.length - 1]!;
  return { Pip: pip(p), Gemeente: p.gemeente, DatumRegistratie: p.datumRegistratie, Definitief: pipDefinitief(versies, today) };
}
