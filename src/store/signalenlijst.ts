/**
 * The signaallijst in SQL, the same for both stores (sqlite/, mssql/): a gemeente's signalen as the
 * list shows them, OpvragenSignalen's criteria on it, and the criteria's parameters.
 */
import type { SignalenFilter } from '../domain/signalen.js';

/** A gemeente's signalen that were not removed (@gemeentecode), with their current status and linked contactpersoon. */
export const GEMEENTE_SIGNALEN = `
SELECT s.signaal_id, s.bsn, s.gemeentecode, s.code, s.datum, v.status, v.datum AS datum_status, p.achternaam, p.doelgroep,
       c.volgnummer AS contact_volgnummer, c.naam AS contact_naam
  FROM signaal s
  JOIN persoon p ON p.bsn = s.bsn
  JOIN signaal_status_versie v ON v.signaal_id = s.signaal_id
       AND v.versie = (SELECT MAX(v2.versie) FROM signaal_status_versie v2 WHERE v2.signaal_id = s.signaal_id)
  LEFT JOIN koppeling_versie k ON k.bsn = s.bsn AND k.gemeentecode = s.gemeentecode
       AND k.versie = (SELECT MAX(k2.versie) FROM koppeling_versie k2 WHERE k2.bsn = k.bsn AND k2.gemeentecode = k.gemeentecode)
  LEFT JOIN contactpersoon_versie c ON c.gemeentecode = k.gemeentecode AND c.volgnummer = k.volgnummer AND c.verwijderd = 0
       AND c.versie = (SELECT MAX(c2.versie) FROM contactpersoon_versie c2 WHERE c2.gemeentecode = c.gemeentecode AND c2.volgnummer = c.volgnummer)
 WHERE s.gemeentecode = @gemeentecode AND s.verwijderd IS NULL`;

/**
 * OpvragenSignalen's criteria on GEMEENTE_SIGNALEN as `x`, each applied only when given (not NULL);
 * `statussenUitJson` reads the JSON array @statussen as rows (json_each, OPENJSON).
 */
export function signalenFilter(statussenUitJson: string): string {
  return `(@bsn IS NULL OR x.bsn = @bsn) AND (@contact_volgnummer IS NULL OR x.contact_volgnummer = @contact_volgnummer)
   AND (@doelgroep IS NULL OR x.doelgroep = @doelgroep) AND (@datum_van IS NULL OR x.datum >= @datum_van)
   AND (@datum_tot IS NULL OR x.datum <= @datum_tot) AND (@code IS NULL OR x.code = @code)
   AND (@statussen IS NULL OR x.status IN (${statussenUitJson}))`;
}

/** The parameters of GEMEENTE_SIGNALEN and signalenFilter for a gemeente and a filter. */
export function signalenCriteria(gemeente: string, f: SignalenFilter) {
  return {
    gemeentecode: gemeente,
    bsn: f.bsn ?? null,
    contact_volgnummer: f.contactpersoon ?? null,
    doelgroep: f.doelgroep ?? null,
    datum_van: f.datumVan ?? null,
    datum_tot: f.datumTot ?? null,
    code: f.code ?? null,
    statussen: f.status.length > 0 ? JSON.stringify(f.status) : null,
  };
}
