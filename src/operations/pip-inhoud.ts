/**
 * The PIP as answers carry it (PipGegevens in Pip_v1.xsd): the fields of the request with the same
 * names, so that a CVS can send back what it read. OpvragenPersoon, OpvoerenPip, WijzigenPip and
 * OpvragenPipHistorie all answer with it.
 */
import type { Datum } from '../domain/datum.js';
import { pipDefinitief, type PipVersie } from '../domain/dossier.js';
import type { XmlContent } from '../soap/respond.js';

/** One version, in the order of the PipGegevens group. */
export function pipGegevens(p: PipVersie): XmlContent {
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
    Gemeente: p.gemeente,
    DatumRegistratie: p.datumRegistratie,
  };
}

/** The Pip element for the versions of the current PIP: its last version, and whether it is definitief. */
export function pipInhoud(versies: readonly PipVersie[], today: Datum): XmlContent {
  return { ...pipGegevens(versies[versies.length - 1]!), Definitief: pipDefinitief(versies, today) };
}
