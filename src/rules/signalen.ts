/**
 * The rules of appendix 4.2 j (signalen; PIB 3.2), pure functions of the request and the
 * gemeente's signalen.
 *
 * OpvragenSignalen: every criterion is optional and they combine with AND (PIB 3.2.1).
 *   Bsn                 FS 603 "BSN is ongeldig."
 *   DatumVan, DatumTot  FS 999 "Datum Signaal Van: Datum is ongeldig." / "Datum Signaal Tot: ..."
 *   Status (groups)     FS 999 "Groep n, Code Status Signaal: Formaatfout." (N, B or A)
 *   Contactpersoon, Pagina, PaginaGrootte  FS 999 Formaatfout (addition)
 *   no signaal found    AS 607 "Geen signalen gevonden." with Verwerkt true
 * WijzigenStatusSignalen: per group, Status B or A (else the Formaatfout row of j), and a signaal of
 * the gemeente that was not removed (else an addition: another gemeente's is "not found" too).
 */
import { isDatum } from '../domain/datum.js';
import { isValidBsn } from '../domain/bsn.js';
import { isFout, melding, type Melding } from '../meldingen/catalogus.js';
import type { SignaalRegel } from '../domain/signalen.js';
import { geheelGetal } from './velden.js';

export interface SignalenZoekvraag {
  readonly bsn?: string;
  readonly contactpersoon?: string;
  readonly doelgroep?: string;
  readonly datumVan?: string;
  readonly datumTot?: string;
  readonly code?: string;
  readonly status: readonly string[];
  readonly pagina?: string;
  readonly paginaGrootte?: string;
}

export interface SignalenUitkomst {
  readonly meldingen: Melding[];
  /** When there is no FS: the page, and the counts over all pages. */
  readonly resultaat?: { pagina: number; paginaGrootte: number; totaal: number; nietAfgehandeld: number; signalen: SignaalRegel[] };
}

const STATUSSEN = ['N', 'B', 'A'];

export function zoekSignalen(v: SignalenZoekvraag, alle: readonly SignaalRegel[]): SignalenUitkomst {
  const meldingen: Melding[] = [];
  if (v.bsn && !isValidBsn(v.bsn)) meldingen.push(melding('j', 'bsnOngeldig', { veld: 'Bsn' }));
  if (v.datumVan && !isDatum(v.datumVan)) meldingen.push(melding('j', 'datumVanOngeldig', { veld: 'DatumVan' }));
  if (v.datumTot && !isDatum(v.datumTot)) meldingen.push(melding('j', 'datumTotOngeldig', { veld: 'DatumTot' }));
  v.status.forEach((s, i) => {
    if (!STATUSSEN.includes(s)) meldingen.push(melding('j', 'statusFormaatfout', { groep: i + 1, veld: 'Status' }));
  });
  const contact = v.contactpersoon ? geheelGetal(v.contactpersoon, { min: 1, max: 99_999 }) : undefined;
  if (v.contactpersoon && contact === undefined) meldingen.push(melding('j', 'formaatfout', { veld: 'ContactVolgnummer' }));
  const pagina = v.pagina ? geheelGetal(v.pagina, { min: 1, max: 99_999 }) : 1;
  if (pagina === undefined) meldingen.push(melding('j', 'formaatfout', { veld: 'Pagina' }));
  const paginaGrootte = v.paginaGrootte ? geheelGetal(v.paginaGrootte, { min: 1, max: 100 }) : 20;
  if (paginaGrootte === undefined) meldingen.push(melding('j', 'formaatfout', { veld: 'PaginaGrootte' }));
  if (meldingen.some(isFout)) return { meldingen };

  const gevonden = alle.filter(
    (s) =>
      (!v.bsn || s.bsn === v.bsn) &&
      (contact === undefined || s.contactpersoon?.volgnummer === contact) &&
      (!v.doelgroep || s.doelgroep === v.doelgroep) &&
      (!v.datumVan || s.datum >= v.datumVan) &&
      (!v.datumTot || s.datum <= v.datumTot) &&
      (!v.code || s.code === v.code) &&
      (v.status.length === 0 || v.status.includes(s.status)),
  );
  const nietAfgehandeld = alle.filter((s) => s.status !== 'A').length;
  const start = (pagina! - 1) * paginaGrootte!;
  return {
    meldingen: gevonden.length === 0 ? [melding('j', 'geenSignalen')] : [],
    resultaat: { pagina: pagina!, paginaGrootte: paginaGrootte!, totaal: gevonden.length, nietAfgehandeld, signalen: gevonden.slice(start, start + paginaGrootte!) },
  };
}

export interface StatusWijziging {
  readonly id?: string;
  readonly status?: string;
}

export function wijzigStatussen(
  groepen: readonly StatusWijziging[],
  vanGemeente: readonly SignaalRegel[],
): { meldingen: Melding[]; wijzigingen?: Array<{ signaal: SignaalRegel; status: 'B' | 'A' }> } {
  const meldingen: Melding[] = [];
  const wijzigingen: Array<{ signaal: SignaalRegel; status: 'B' | 'A' }> = [];
  const gezien = new Set<number>();
  groepen.forEach((g, i) => {
    const groep = i + 1;
    if (g.status !== 'B' && g.status !== 'A') meldingen.push(melding('j', 'statusFormaatfout', { groep, veld: 'Status' }));
    const id = g.id ? geheelGetal(g.id, { min: 1, max: 999_999_999 }) : undefined;
    const signaal = vanGemeente.find((s) => s.id === id);
    if (!signaal) meldingen.push(melding('j', 'nietGevonden', { groep, veld: 'Id' }));
    else if (gezien.has(signaal.id)) meldingen.push(melding('j', 'dubbel', { groep, veld: 'Id' }));
    else if (g.status === 'B' || g.status === 'A') wijzigingen.push({ signaal, status: g.status });
    if (signaal) gezien.add(signaal.id);
  });
  return meldingen.length > 0 ? { meldingen } : { meldingen, wijzigingen };
}
