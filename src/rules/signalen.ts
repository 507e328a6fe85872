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
import type { SignaalRegel, SignalenFilter, SignalenPagina } from '../domain/signalen.js';
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

const STATUSSEN = ['N', 'B', 'A'];

/**
 * The checks of OpvragenSignalen's request: its meldingen, and when there is no FS the filter the
 * store finds the signalen with (the page 1 of 20 unless the request asks another).
 */
export function controleerZoekvraag(v: SignalenZoekvraag): { meldingen: Melding[]; filter?: SignalenFilter } {
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
  const filter: SignalenFilter = {
    ...(v.bsn ? { bsn: v.bsn } : {}),
    ...(contact !== undefined ? { contactpersoon: contact } : {}),
    ...(v.doelgroep ? { doelgroep: v.doelgroep } : {}),
    ...(v.datumVan ? { datumVan: v.datumVan } : {}),
    ...(v.datumTot ? { datumTot: v.datumTot } : {}),
    ...(v.code ? { code: v.code } : {}),
    status: v.status,
    pagina: pagina!,
    paginaGrootte: paginaGrootte!,
  };
  return { meldingen, filter };
}

/** What the store found: AS 607 "Geen signalen gevonden." (Verwerkt stays true) when nothing. */
export function gevondenMeldingen(gevonden: SignalenPagina): Melding[] {
  return gevonden.totaal === 0 ? [melding('j', 'geenSignalen')] : [];
}

/**
 * The same filter on signalen in memory: the definition the stores' SQL is held to (a test runs
 * both over the fixture dataset's signalen).
 */
export function filterSignalen(f: SignalenFilter, alle: readonly SignaalRegel[]): SignalenPagina {
  const gevonden = alle.filter(
    (s) =>
      (!f.bsn || s.bsn === f.bsn) &&
      (f.contactpersoon === undefined || s.contactpersoon?.volgnummer === f.contactpersoon) &&
      (!f.doelgroep || s.doelgroep === f.doelgroep) &&
      (!f.datumVan || s.datum >= f.datumVan) &&
      (!f.datumTot || s.datum <= f.datumTot) &&
      (!f.code || s.code === f.code) &&
      (f.status.length === 0 || f.status.includes(s.status)),
  );
  const start = (f.pagina - 1) * f.paginaGrootte;
  return { totaal: gevonden.length, nietAfgehandeld: alle.filter((s) => s.status !== 'A').length, signalen: gevonden.slice(start, start + f.paginaGrootte) };
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
