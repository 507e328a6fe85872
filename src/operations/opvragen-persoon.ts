/**
 * OpvragenPersoon, appendix 4.2 a: the overview of one person as the "Overzichtsscherm
 * inburgeraar" shows it (PIB 3.6).
 *
 * Checks, in the order of docs/design.md "Order of checks": FS 603, then FS 642, FS 636, FS 617,
 * AS 602 (the data still
 * comes back), FS 655.
 */
import type { Datum } from '../domain/datum.js';
import {
  actuelePipVersies,
  examenoverzicht,
  inburgeringstermijn,
  isInburgeringsplichtig,
  termijnPip,
  type Dossier,
} from '../domain/dossier.js';
import type { XmlContent } from '../soap/respond.js';
import { contactpersoon } from './contactpersoon-inhoud.js';
import { persoonLezen } from './operation.js';
import { inburgeringsaanbod } from './aanbod-inhoud.js';
import { pipRegistratie } from './pip-inhoud.js';
import { mapInhoud, pvtInhoud, urenInhoud } from './traject-inhoud.js';

export const opvragenPersoon = persoonLezen(
  'OpvragenPersoon',
  'Het overzicht van één persoon zoals het "Overzichtsscherm inburgeraar" het toont (PIB 3.6): personalia, inburgeringsplicht, contactpersoon, signalen, leerbaarheidstoets, PIP, aanbod, MAP, PVT, deelgenomen uren, examens en aanvragen.',
  (d, ctx) => ({ Persoon: overzicht(d, ctx.caller.gemeente, ctx.today) }),
);

/** Dossier -> the Persoon element of Persoon_v1.xsd, for the asking gemeente, today. */
export function overzicht(d: Dossier, gemeente: string, today: Datum): XmlContent {
  const p = d.persoon;
  const termijn = inburgeringstermijn(d, today);
  const pipVersies = actuelePipVersies(d);
  const venster = termijnPip(d);
  const contact = d.contactpersonen.find((c) => c.gemeente === gemeente);
  const signalen = d.signalen.filter((s) => s.gemeente === gemeente);
  const toets = d.leerbaarheidstoets;

  return {
    Personalia: {
      Bsn: p.bsn,
      Voornamen: p.voornamen,
      Achternaam: p.achternaam,
      Geboortedatum: p.geboortedatum,
    },
    Inburgeringsplicht: {
      Doelgroep: p.doelgroep,
      VerblijfsdoelGewijzigd: p.verblijfsdoelGewijzigd,
      DatumWijzigingVerblijfsdoel: p.datumWijzigingVerblijfsdoel,
      Inburgeringsplichtig: isInburgeringsplichtig(p, today),
      DatumStartInburgeringsplicht: p.datumStartPlicht,
      DatumStartInburgeringstermijn: termijn?.start,
      DatumEindeInburgeringstermijn: termijn?.einde,
      RedenEinde: p.redenEindePlicht,
      DatumEindeInburgeringsplicht: p.datumEindePlicht,
      RedenWijzigingTermijn: p.redenWijzigingTermijn,
      DatumWijzigingTermijn: p.datumWijzigingTermijn,
    },
    Contactpersoon: contact && contactpersoon(contact),
    Signalen: {
      Totaal: signalen.length,
      Nieuw: signalen.filter((s) => s.status === 'N').length,
      InBehandeling: signalen.filter((s) => s.status === 'B').length,
      Afgehandeld: signalen.filter((s) => s.status === 'A').length,
    },
    Leerbaarheidstoets: toets && {
      Examennummer: toets.gemeente === gemeente ? toets.examennummer : undefined,
      DatumAanmelding: toets.datumAanmelding,
      DatumStartPeriode: toets.datumStartPeriode,
      DatumEindePeriode: toets.datumEindePeriode,
      DatumToetsafname: toets.datumToetsafname,
      MaximumScore: toets.maximumScore,
      BehaaldeScore: toets.behaaldeScore,
      BenodigdeScore: toets.benodigdeScore,
      Resultaat: toets.resultaat,
      Ontheven: toets.ontheven,
    },
    PipRegistratie: pipVersies.length > 0 ? pipRegistratie(pipVersies, today) : undefined,
    TermijnPip: venster && { DatumStart: venster.start, DatumEinde: venster.einde },
    Inburgeringsaanbod: inburgeringsaanbod(d),
    MapAfronding: mapInhoud(d),
    PvtAfronding: pvtInhoud(d),
    DeelgenomenUren: urenInhoud(d),
    Examens: {
      Examen: examenoverzicht(d).map((e) => ({
        Onderdeel: e.onderdeel,
        Niveau: e.niveau,
        DatumExamen: e.datumExamen,
        GratisPogingenOver: e.gratisPogingenOver,
        Status: e.status,
      })),
    },
    Aanvragen: {
      Aanvraag: d.aanvragen.map((a) => ({
        TypeVerzoek: a.typeVerzoek,
        Toelichting: a.toelichting,
        Status: a.status,
        DatumOntvangst: a.datumOntvangst,
        DatumBesluit: a.datumBesluit,
      })),
    },
  };
}
