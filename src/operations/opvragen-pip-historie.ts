/**
 * OpvragenPipHistorie (PIB 3.6.6.4): every version of the PIP, most recent first, withdrawn ones
 * included. A read: the checks of appendix 4.2 a, as OpvragenPersoon.
 */
import { persoonLezen } from './operation.js';

export const opvragenPipHistorie = persoonLezen('OpvragenPipHistorie', (d) => ({
  PipHistorie: {
    PipVersie: [...d.pip].reverse().map((p) => ({
      Versie: p.versie,
      DatumRegistratie: p.datumRegistratie,
      DatumDagtekeningInitielePip: p.datumDagtekeningInitieel,
      DatumDagtekeningPip: p.datumDagtekening,
      Leerroute: p.leerroute,
      Niveau: p.niveau,
      Alfabetisering: p.alfabetisering,
      GeschatteUrenIntensiteit: p.geschatteUren,
      GeschatteUrenResterend: p.geschatteUrenResterend,
      ToestemmingNietVrijstellendeOpleiding: p.toestemming,
      ContactVolgnummer: p.contactVolgnummer,
      Gemeente: p.gemeente,
      Ingetrokken: p.ingetrokken,
    })),
  },
}));
