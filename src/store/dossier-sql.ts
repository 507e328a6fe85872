/** A person's dossier in SQL, the same for both stores (sqlite/, mssql/). */
import type { DossierDeel } from './rijen.js';

/**
 * The parts of a dossier (store/rijen.ts): each a SELECT of one person's rows (`@bsn`), and the
 * columns its rows are ordered by (at most two). The SQLite store reads them in one statement
 * (sqlite/dossier-lezer.ts), the SQL Server store as the result sets of one batch (mssql/sql.ts).
 */
export const DOSSIER_SQL: Record<DossierDeel, { readonly select: string; readonly volgorde: readonly string[] }> = {
  persoon: { select: 'SELECT * FROM persoon WHERE bsn = @bsn', volgorde: [] },
  toets: { select: 'SELECT * FROM leerbaarheidstoets WHERE bsn = @bsn', volgorde: [] },
  examens: { select: 'SELECT * FROM examen WHERE bsn = @bsn', volgorde: ['onderdeel', 'niveau'] },
  aanvragen: { select: 'SELECT * FROM aanvraag WHERE bsn = @bsn', volgorde: ['volgnummer'] },
  pip: { select: 'SELECT * FROM pip_versie WHERE bsn = @bsn', volgorde: ['versie'] },
  intrekkingen: { select: 'SELECT initiele_versie FROM pip_intrekking WHERE bsn = @bsn', volgorde: ['initiele_versie'] },
  aanbod: {
    select: 'SELECT a.*, i.naam AS instelling_naam FROM aanbod_versie a JOIN instelling i ON i.instellingcode = a.instellingcode WHERE a.bsn = @bsn',
    volgorde: ['versie'],
  },
  map: { select: 'SELECT versie, gemeentecode, datum_eindgesprek AS datum FROM map_versie WHERE bsn = @bsn', volgorde: ['versie'] },
  pvt: { select: 'SELECT versie, gemeentecode, datum_ondertekening AS datum FROM pvt_versie WHERE bsn = @bsn', volgorde: ['versie'] },
  uren: {
    // The latest version per registration (domain/dossier.ts), from the index uren_versie_registratie:
    // 30 µs for a person with 200 versions, where a window function over them took 220 µs.
    select: `
      SELECT u.bsn, u.versie, u.type_uren, u.instellingcode, u.datum_tot, u.aantal_uren, u.gemeentecode, u.ingetrokken, u.mutatie_id
        FROM (SELECT MAX(versie) AS versie FROM uren_versie WHERE bsn = @bsn GROUP BY type_uren, instellingcode) laatste
        JOIN uren_versie u ON u.bsn = @bsn AND u.versie = laatste.versie`,
    volgorde: ['versie'],
  },
  contactpersonen: {
    select: `
      SELECT k.gemeentecode, k.volgnummer, c.naam, c.email, c.telefoonnummer, c.algemeen
        FROM koppeling_versie k
        JOIN contactpersoon_versie c ON c.gemeentecode = k.gemeentecode AND c.volgnummer = k.volgnummer
       WHERE k.bsn = @bsn
         AND k.versie = (SELECT MAX(k2.versie) FROM koppeling_versie k2 WHERE k2.bsn = k.bsn AND k2.gemeentecode = k.gemeentecode)
         AND c.versie = (SELECT MAX(c2.versie) FROM contactpersoon_versie c2 WHERE c2.gemeentecode = c.gemeentecode AND c2.volgnummer = c.volgnummer)
         AND c.verwijderd = 0`,
    volgorde: ['gemeentecode'],
  },
  signalen: {
    select: `
      SELECT s.signaal_id, s.gemeentecode, s.code, s.datum, v.status, v.datum AS datum_status, s.aanleiding
        FROM signaal s
        JOIN signaal_status_versie v ON v.signaal_id = s.signaal_id
       WHERE s.bsn = @bsn AND s.verwijderd IS NULL
         AND v.versie = (SELECT MAX(v2.versie) FROM signaal_status_versie v2 WHERE v2.signaal_id = s.signaal_id)`,
    volgorde: ['datum', 'signaal_id'],
  },
};
