/**
 * Every statement the SQL Server adapter sends, in one place: T-SQL with @parameters, never built
 * from values. Each statement names the parameters it takes; PARAMETERS gives each parameter's
 * T-SQL type once, so that a value always travels with the type of the column it meets (a BSN as
 * char(9), never as the nvarchar a JavaScript string would default to, which would make SQL Server
 * convert the column and scan). The schema itself is in migrations/NNN-*.sql.
 *
 * The statements mirror the SQLite adapter's (sqlite/sqlite-store.ts) one for one, in T-SQL:
 * TOP (1) for LIMIT 1, CASE for a boolean in a select list, INSERT ... SELECT where SQLite puts a
 * subquery in VALUES (T-SQL allows none there), SCOPE_IDENTITY() for lastInsertRowid, OPENJSON for
 * a list of ids or codes (SQL Server 2016+, compatibility level 130 or higher).
 *
 * Locks (mssql-store.ts explains the choice): `dossierVoorWijziging` reads the person row
 * WITH (UPDLOCK, HOLDLOCK); `applock` takes a named application lock (sp_getapplock) owned by the
 * transaction; `nieuwSignaal` inserts only when the signaal's key is new, under HOLDLOCK. Every
 * batch is sent after `SET XACT_ABORT ON; SET LOCK_TIMEOUT` (uitvoeren.ts VOORAF): a SET in a
 * parameterised batch (sp_executesql) lasts until the batch ends, so each batch sets its own.
 *
 * test/store/tsql.test.ts parses every statement here with node-sql-parser's TransactSQL grammar
 * and checks that each names exactly the parameters its text uses, each with a type below.
 */

import { ENGINE_PLAK } from '../../domain/signalen.js';
import { GEMEENTE_SIGNALEN, signalenFilter } from '../signalenlijst.js';
import { DOSSIER_SQL } from '../dossier-sql.js';
import { INZAGE_PLAK, inzageSpoorSql } from '../inzage-sql.js';
import { DOSSIER_DELEN } from '../rijen.js';

/**
 * T-SQL types of the parameters, by name: the name is the column's (or, for a list, its purpose);
 * where tables have a column of that name with another type, the parameter for the other table is
 * named `<table>_<column>`. A test holds every parameter an INSERT puts into a column to exactly
 * that column's type and length.
 */
export const PARAMETERS = {
  // keys and codes
  bsn: 'char(9)',
  gemeentecode: 'char(4)',
  oin: 'varchar(20)',
  afnemer_oin: 'char(20)',
  afnemer_naam: 'nvarchar(200)',
  rol: 'varchar(10)',
  instellingcode: 'varchar(10)',
  soort: 'char(3)',
  code: 'char(5)',
  aanleiding: 'varchar(40)',
  // numbers
  versie: 'int',
  volgnummer: 'int',
  mutatie_id: 'int',
  signaal_id: 'int',
  initiele_versie: 'int',
  contact_volgnummer: 'int',
  geschatte_uren: 'int',
  geschatte_uren_resterend: 'int',
  aantal_uren: 'int',
  gratis_pogingen_over: 'int',
  // dates (JJJJMMDD at the adapter's edge) and moments (ISO 8601 at the edge)
  datum: 'date',
  geboortedatum: 'date',
  overlijdensdatum: 'date',
  datum_wijziging_verblijfsdoel: 'date',
  datum_start_plicht: 'date',
  datum_einde_plicht: 'date',
  datum_start_termijn_pip: 'date',
  verhuizing_datum: 'date',
  datum_einde_termijn_gewijzigd: 'date',
  datum_wijziging_termijn: 'date',
  datum_aanmelding: 'date',
  datum_start_periode: 'date',
  datum_einde_periode: 'date',
  datum_toetsafname: 'date',
  datum_examen: 'date',
  datum_ontvangst: 'date',
  datum_besluit: 'date',
  datum_dagtekening_initieel: 'date',
  datum_dagtekening: 'date',
  datum_registratie: 'date',
  datum_inschrijving: 'date',
  datum_start_opleiding: 'date',
  datum_einde_opleiding: 'date',
  datum_eindgesprek: 'date',
  datum_ondertekening: 'date',
  datum_tot: 'date',
  tijdstip: 'datetime2(3)',
  // flags
  woont_in_azc: 'bit',
  pvt_plicht_voldaan: 'bit',
  ontheven: 'bit',
  initieel: 'bit',
  toestemming: 'bit',
  ingetrokken: 'bit',
  algemeen: 'bit',
  verwijderd: 'bit',
  verwerkt: 'bit',
  // text, with DUO's lengths where DUO has one (domain/grenzen.ts)
  naam: 'nvarchar(100)',
  instelling_naam: 'nvarchar(128)',
  email: 'nvarchar(241)',
  telefoonnummer: 'nvarchar(22)',
  voornamen: 'nvarchar(200)',
  achternaam: 'nvarchar(200)',
  wet: 'char(6)',
  woongemeente: 'char(4)',
  coa_gemeente: 'char(4)',
  doelgroep: 'nvarchar(50)',
  verblijfsdoel_gewijzigd: 'nvarchar(300)',
  reden_einde_plicht: 'nvarchar(100)',
  verhuizing_van: 'char(4)',
  verhuizing_naar: 'char(4)',
  reden_wijziging_termijn: 'nvarchar(200)',
  examennummer: 'varchar(12)',
  maximum_score: 'varchar(10)',
  behaalde_score: 'varchar(10)',
  benodigde_score: 'varchar(10)',
  resultaat: 'char(1)',
  onderdeel: 'varchar(20)',
  niveau: 'char(2)',
  examen_niveau: 'varchar(4)',
  status: 'char(1)',
  examen_status: 'nvarchar(50)',
  aanvraag_status: 'nvarchar(20)',
  type_verzoek: 'nvarchar(20)',
  toelichting: 'nvarchar(200)',
  leerroute: 'char(1)',
  alfabetisering: 'varchar(3)',
  type_uren: 'char(1)',
  message_id: 'nvarchar(255)',
  operatie: 'varchar(50)',
  digest: 'char(64)',
  antwoord: 'nvarchar(max)',
  bsn_pseudoniem: 'varchar(64)',
  // an AVG request's search of the inzage trail: its window's end, the last record of the previous slice
  tot_tijdstip: 'datetime2(3)',
  na_tijdstip: 'datetime2(3)',
  na_id: 'bigint',
  // the signaal engine's slices (of ENGINE_PLAK persons): the window of occasions, the last
  // candidate of the previous slice; the signaal ids of a retention slice, the retention's bounds
  vanaf: 'date',
  tot: 'date',
  na_datum: 'date',
  na_bsn: 'char(9)',
  van_id: 'int',
  tot_id: 'int',
  // OpvragenSignalen's criteria and page
  datum_van: 'date',
  statussen: 'nvarchar(max)',
  van_rij: 'int',
  tot_rij: 'int',
  afgehandeld_tot: 'date',
  nieuw_voor: 'date',
  // lists, as a JSON array read with OPENJSON
  ids: 'nvarchar(max)',
  codes: 'nvarchar(max)',
  // locks and migrations
  resource: 'nvarchar(255)',
  lock_mode: 'varchar(32)',
  lock_timeout_ms: 'int',
  bestand: 'nvarchar(200)',
  controlegetal: 'char(64)',
} as const;

export type ParameterNaam = keyof typeof PARAMETERS;

/** One statement (or one batch of statements): its T-SQL and the parameters it takes. */
export interface Statement<P extends ParameterNaam = ParameterNaam> {
  readonly sql: string;
  readonly parameters: readonly P[];
}

const st = <P extends ParameterNaam>(parameters: readonly P[], sql: string): Statement<P> => ({ sql: sql.trim(), parameters });

/**
 * The signaal engine's candidates by the date `kolom` of `tabel`: one slice of (date, bsn) after
 * the previous slice's last (none: @na_datum NULL), in the window; a person once per date.
 */
const kandidaten = (tabel: 'pip_versie' | 'persoon', kolom: string) =>
  st(
    ['vanaf', 'tot', 'na_datum', 'na_bsn'],
    `SELECT DISTINCT TOP (${ENGINE_PLAK}) ${kolom} AS datum, bsn FROM ${tabel}
 WHERE ${kolom} BETWEEN @vanaf AND @tot
   AND (@na_datum IS NULL OR ${kolom} > @na_datum OR (${kolom} = @na_datum AND bsn > @na_bsn))
 ORDER BY datum, bsn`,
  );

// The parts of a dossier after the person row (store/dossier-sql.ts), each with its order, shared
// by the plain read and the read under lock.
const DOSSIER_REST = DOSSIER_DELEN.slice(1)
  .map((deel) => {
    const { select, volgorde } = DOSSIER_SQL[deel];
    return `\n${select.trim()}${volgorde.length > 0 ? `\n ORDER BY ${volgorde.join(', ')}` : ''};`;
  })
  .join('');


/** The parameters of every search of the inzage trail (store/inzage-sql.ts inzageSpoorParameters). */
const INZAGE_ZOEK_PARAMETERS = ['message_id', 'bsn_pseudoniem', 'oin', 'na_tijdstip', 'na_id', 'tot_tijdstip'] as const;

// OpvragenSignalen's criteria (store/signalenlijst.ts), the statuses read with OPENJSON.
const SIGNALEN_FILTER = signalenFilter('SELECT CAST([value] AS char(1)) FROM OPENJSON(@statussen)');

export const SQL = {
  // ---- reads -------------------------------------------------------------------------------
  afnemer: st(['oin'], 'SELECT gemeentecode, rol FROM afnemer WHERE oin = @oin'),

  /** A whole dossier in one round trip: twelve result sets (DOSSIER_DELEN of store/rijen.ts), the person first. */
  dossier: st(['bsn'], `SELECT * FROM persoon WHERE bsn = @bsn;${DOSSIER_REST}`),

  /**
   * The same inside a change: the person row first, WITH (UPDLOCK, HOLDLOCK), held until the
   * transaction ends, so that a second writer of this person waits here (store/port.ts).
   */
  dossierVoorWijziging: st(
    ['bsn'],
    `SELECT * FROM persoon WITH (UPDLOCK, HOLDLOCK) WHERE bsn = @bsn;${DOSSIER_REST}`,
  ),

  alleInstellingen: st([], 'SELECT instellingcode AS code, naam, soort FROM instelling ORDER BY instellingcode'),

  instellingen: st(
    ['codes'],
    'SELECT instellingcode AS code, naam, soort FROM instelling WHERE instellingcode IN (SELECT CAST([value] AS varchar(10)) FROM OPENJSON(@codes))',
  ),

  contactpersoon: st(
    ['gemeentecode', 'volgnummer'],
    `SELECT TOP (1) c.gemeentecode, c.volgnummer, c.naam, c.email, c.telefoonnummer, c.verwijderd
  FROM contactpersoon_versie c
 WHERE c.gemeentecode = @gemeentecode AND c.volgnummer = @volgnummer
 ORDER BY c.versie DESC`,
  ),

  gemeenteContactpersonen: st(
    ['gemeentecode'],
    `SELECT c.gemeentecode, c.volgnummer, c.naam, c.email, c.telefoonnummer, c.algemeen,
       (SELECT COUNT(*) FROM koppeling_versie k
         WHERE k.gemeentecode = c.gemeentecode AND k.volgnummer = c.volgnummer
           AND k.versie = (SELECT MAX(k2.versie) FROM koppeling_versie k2 WHERE k2.bsn = k.bsn AND k2.gemeentecode = k.gemeentecode)) AS caseload
  FROM contactpersoon_versie c
 WHERE c.gemeentecode = @gemeentecode AND c.verwijderd = 0
   AND c.versie = (SELECT MAX(c2.versie) FROM contactpersoon_versie c2 WHERE c2.gemeentecode = c.gemeentecode AND c2.volgnummer = c.volgnummer)
 ORDER BY c.volgnummer`,
  ),

  volgendVolgnummer: st(
    ['gemeentecode'],
    'SELECT COALESCE(MAX(volgnummer), 0) + 1 AS volgnummer FROM contactpersoon_versie WHERE gemeentecode = @gemeentecode',
  ),

  caseloadVan: st(
    ['gemeentecode', 'volgnummer'],
    `SELECT k.bsn FROM koppeling_versie k
 WHERE k.gemeentecode = @gemeentecode AND k.volgnummer = @volgnummer
   AND k.versie = (SELECT MAX(k2.versie) FROM koppeling_versie k2 WHERE k2.bsn = k.bsn AND k2.gemeentecode = k.gemeentecode)
 ORDER BY k.bsn`,
  ),

  caseload: st(
    ['gemeentecode', 'volgnummer'],
    `SELECT k.bsn, p.achternaam, k.datum AS datum_koppeling,
       (SELECT MIN(n.datum) FROM koppeling_versie n WHERE n.bsn = k.bsn AND n.gemeentecode = k.gemeentecode AND n.versie > k.versie) AS datum_ingetrokken,
       CASE WHEN k.versie = (SELECT MAX(k2.versie) FROM koppeling_versie k2 WHERE k2.bsn = k.bsn AND k2.gemeentecode = k.gemeentecode)
            THEN 1 ELSE 0 END AS actueel
  FROM koppeling_versie k JOIN persoon p ON p.bsn = k.bsn
 WHERE k.gemeentecode = @gemeentecode AND k.volgnummer = @volgnummer
 ORDER BY k.bsn, k.versie`,
  ),

  gemeenteSignalen: st(['gemeentecode'], `${GEMEENTE_SIGNALEN}\n ORDER BY s.datum, s.signaal_id`),

  /**
   * OpvragenSignalen: the number found, the number of the gemeente's signalen not afgehandeld, and
   * the rows van_rij + 1 to tot_rij of what the criteria find (SIGNALEN_FILTER), by datum and id.
   */
  zoekSignalen: st(
    ['gemeentecode', 'bsn', 'contact_volgnummer', 'doelgroep', 'datum_van', 'datum_tot', 'code', 'statussen', 'van_rij', 'tot_rij'],
    `SELECT COUNT(*) AS totaal FROM (${GEMEENTE_SIGNALEN}) x WHERE ${SIGNALEN_FILTER};
SELECT COUNT(*) AS niet_afgehandeld FROM (${GEMEENTE_SIGNALEN}) x WHERE x.status <> 'A';
SELECT * FROM (SELECT x.*, ROW_NUMBER() OVER (ORDER BY x.datum, x.signaal_id) AS rij FROM (${GEMEENTE_SIGNALEN}) x WHERE ${SIGNALEN_FILTER}) y
 WHERE y.rij > @van_rij AND y.rij <= @tot_rij ORDER BY y.rij;`,
  ),

  /** The gemeente's signalen among `ids` (a JSON array of numbers). */
  signalenVan: st(
    ['gemeentecode', 'ids'],
    `${GEMEENTE_SIGNALEN}\n   AND s.signaal_id IN (SELECT CAST([value] AS int) FROM OPENJSON(@ids))\n ORDER BY s.datum, s.signaal_id`,
  ),

  /** Retention: the signalen past it among the ids of one slice (van_id, tot_id]. */
  teVerwijderenSignalen: st(
    ['van_id', 'tot_id', 'afgehandeld_tot', 'nieuw_voor'],
    `SELECT s.signaal_id
  FROM signaal s JOIN signaal_status_versie v ON v.signaal_id = s.signaal_id
       AND v.versie = (SELECT MAX(v2.versie) FROM signaal_status_versie v2 WHERE v2.signaal_id = s.signaal_id)
 WHERE s.signaal_id > @van_id AND s.signaal_id <= @tot_id AND s.verwijderd IS NULL
   AND ((v.status = 'A' AND v.datum <= @afgehandeld_tot) OR (v.status = 'N' AND s.datum < @nieuw_voor))
 ORDER BY s.signaal_id`,
  ),

  hoogsteSignaal: st([], 'SELECT MAX(signaal_id) AS hoogste FROM signaal'),

  signaalGemeente: st(['signaal_id'], 'SELECT gemeentecode FROM signaal WHERE signaal_id = @signaal_id'),

  mutaties: st(
    ['bsn'],
    'SELECT tijdstip, oin, gemeentecode, message_id, operatie FROM mutatie WHERE bsn = @bsn ORDER BY mutatie_id',
  ),

  /** The signaal engine's candidates, by the date of each kind of occasion. */
  kandidatenPip: kandidaten('pip_versie', 'datum_registratie'),
  kandidatenStart: kandidaten('persoon', 'datum_start_termijn_pip'),
  kandidatenVerhuizing: kandidaten('persoon', 'verhuizing_datum'),

  antwoord: st(['oin', 'message_id'], 'SELECT digest, operatie, antwoord FROM antwoord WHERE oin = @oin AND message_id = @message_id'),

  leeg: st([], 'SELECT TOP (1) 1 AS ok FROM mutatie'),

  /** At start: the database's compatibility level (130 or higher reads OPENJSON). */
  compatibiliteit: st([], 'SELECT compatibility_level FROM sys.databases WHERE name = DB_NAME()'),

  /**
   * Readiness: a real table reads, the database takes writes (not READ_ONLY, not a readable
   * secondary), and a write the way requests write goes through: an inzage record (every read
   * writes one) in a transaction rolled back. The insert takes its log space when it runs, so a
   * full transaction log (9002) or a full data file (1105) fails it; the rollback leaves nothing
   * but a used identity value. XACT_ABORT (VOORAF) rolls back whatever fails; on a read-only
   * database the insert fails (3906) and the check with it.
   */
  ping: st(
    ['tijdstip', 'oin', 'gemeentecode', 'operatie', 'bsn_pseudoniem', 'message_id', 'verwerkt'],
    `SELECT COUNT(*) AS afnemers FROM afnemer;
SELECT CAST(DATABASEPROPERTYEX(DB_NAME(), 'Updateability') AS varchar(20)) AS updateability;
BEGIN TRANSACTION;
INSERT INTO inzage (tijdstip, oin, gemeentecode, operatie, bsn_pseudoniem, message_id, verwerkt)
VALUES (@tijdstip, @oin, @gemeentecode, @operatie, @bsn_pseudoniem, @message_id, @verwerkt);
ROLLBACK TRANSACTION;`,
  ),

  /** An AVG request's search of the inzage trail, one slice, by its leading criterion (store/inzage-sql.ts). */
  zoekInzagesBericht: st(INZAGE_ZOEK_PARAMETERS, inzageSpoorSql('message_id', `TOP (${INZAGE_PLAK}) `, '')),
  zoekInzagesPersoon: st(INZAGE_ZOEK_PARAMETERS, inzageSpoorSql('bsn_pseudoniem', `TOP (${INZAGE_PLAK}) `, '')),
  zoekInzagesAfnemer: st(INZAGE_ZOEK_PARAMETERS, inzageSpoorSql('oin', `TOP (${INZAGE_PLAK}) `, '')),

  afnemerNaam: st(['afnemer_oin'], 'SELECT naam FROM afnemer_naam WHERE oin = @afnemer_oin'),

  // ---- locks -------------------------------------------------------------------------------
  /**
   * An application lock owned by the transaction, released when it ends: `uitkomst` 0 or 1 is
   * granted, -1 timed out, -2 cancelled, -3 chosen as deadlock victim (the transaction is then not
   * rolled back by the server: the adapter rolls back and tries again), -999 a bad call.
   */
  applock: st(
    ['resource', 'lock_mode', 'lock_timeout_ms'],
    `DECLARE @uitkomst int;
EXEC @uitkomst = sp_getapplock @Resource = @resource, @LockMode = @lock_mode, @LockOwner = 'Transaction', @LockTimeout = @lock_timeout_ms;
SELECT @uitkomst AS uitkomst;`,
  ),

  // ---- writes ------------------------------------------------------------------------------
  mutatie: st(
    ['tijdstip', 'oin', 'gemeentecode', 'message_id', 'operatie', 'bsn'],
    `INSERT INTO mutatie (tijdstip, oin, gemeentecode, message_id, operatie, bsn) VALUES (@tijdstip, @oin, @gemeentecode, @message_id, @operatie, @bsn);
SELECT CAST(SCOPE_IDENTITY() AS int) AS mutatie_id;`,
  ),

  pipVersie: st(
    [
      'bsn', 'versie', 'initieel', 'gemeentecode', 'datum_dagtekening_initieel', 'datum_dagtekening', 'datum_registratie', 'leerroute',
      'niveau', 'alfabetisering', 'geschatte_uren', 'geschatte_uren_resterend', 'toestemming', 'contact_volgnummer', 'mutatie_id',
    ],
    `INSERT INTO pip_versie (bsn, versie, initieel, gemeentecode, datum_dagtekening_initieel, datum_dagtekening,
  datum_registratie, leerroute, niveau, alfabetisering, geschatte_uren, geschatte_uren_resterend, toestemming,
  contact_volgnummer, mutatie_id)
VALUES (@bsn, @versie, @initieel, @gemeentecode, @datum_dagtekening_initieel, @datum_dagtekening,
  @datum_registratie, @leerroute, @niveau, @alfabetisering, @geschatte_uren, @geschatte_uren_resterend, @toestemming,
  @contact_volgnummer, @mutatie_id)`,
  ),

  pipIntrekking: st(
    ['bsn', 'initiele_versie', 'mutatie_id'],
    'INSERT INTO pip_intrekking (bsn, initiele_versie, mutatie_id) VALUES (@bsn, @initiele_versie, @mutatie_id)',
  ),

  aanbodVersie: st(
    ['bsn', 'versie', 'instellingcode', 'gemeentecode', 'datum_inschrijving', 'datum_start_opleiding', 'datum_einde_opleiding', 'alfabetisering', 'ingetrokken', 'mutatie_id'],
    `INSERT INTO aanbod_versie (bsn, versie, instellingcode, gemeentecode, datum_inschrijving,
  datum_start_opleiding, datum_einde_opleiding, alfabetisering, ingetrokken, mutatie_id)
VALUES (@bsn, @versie, @instellingcode, @gemeentecode, @datum_inschrijving,
  @datum_start_opleiding, @datum_einde_opleiding, @alfabetisering, @ingetrokken, @mutatie_id)`,
  ),

  mapVersie: st(
    ['bsn', 'versie', 'gemeentecode', 'datum_eindgesprek', 'mutatie_id'],
    'INSERT INTO map_versie (bsn, versie, gemeentecode, datum_eindgesprek, mutatie_id) VALUES (@bsn, @versie, @gemeentecode, @datum_eindgesprek, @mutatie_id)',
  ),

  pvtVersie: st(
    ['bsn', 'versie', 'gemeentecode', 'datum_ondertekening', 'mutatie_id'],
    'INSERT INTO pvt_versie (bsn, versie, gemeentecode, datum_ondertekening, mutatie_id) VALUES (@bsn, @versie, @gemeentecode, @datum_ondertekening, @mutatie_id)',
  ),

  urenVersie: st(
    ['bsn', 'versie', 'type_uren', 'instellingcode', 'datum_tot', 'aantal_uren', 'gemeentecode', 'ingetrokken', 'mutatie_id'],
    `INSERT INTO uren_versie (bsn, versie, type_uren, instellingcode, datum_tot, aantal_uren, gemeentecode, ingetrokken, mutatie_id)
VALUES (@bsn, @versie, @type_uren, @instellingcode, @datum_tot, @aantal_uren, @gemeentecode, @ingetrokken, @mutatie_id)`,
  ),

  /** The next version of a contactpersoon, numbered here; the caller holds the gemeente's contactpersonen lock. */
  contactpersoonVersie: st(
    ['gemeentecode', 'volgnummer', 'naam', 'email', 'telefoonnummer', 'algemeen', 'verwijderd', 'mutatie_id'],
    `INSERT INTO contactpersoon_versie (gemeentecode, volgnummer, versie, naam, email, telefoonnummer, algemeen, verwijderd, mutatie_id)
SELECT @gemeentecode, @volgnummer, COALESCE(MAX(versie), 0) + 1, @naam, @email, @telefoonnummer, @algemeen, @verwijderd, @mutatie_id
  FROM contactpersoon_versie WHERE gemeentecode = @gemeentecode AND volgnummer = @volgnummer`,
  ),

  /** The next version of a person's link in a gemeente; the caller holds the gemeente's contactpersonen lock. */
  koppelVersie: st(
    ['bsn', 'gemeentecode', 'volgnummer', 'datum', 'mutatie_id'],
    `INSERT INTO koppeling_versie (bsn, gemeentecode, versie, volgnummer, datum, mutatie_id)
SELECT @bsn, @gemeentecode, COALESCE(MAX(versie), 0) + 1, @volgnummer, @datum, @mutatie_id
  FROM koppeling_versie WHERE bsn = @bsn AND gemeentecode = @gemeentecode`,
  ),

  bewaarAntwoord: st(
    ['oin', 'message_id', 'digest', 'operatie', 'antwoord', 'tijdstip'],
    'INSERT INTO antwoord (oin, message_id, digest, operatie, antwoord, tijdstip) VALUES (@oin, @message_id, @digest, @operatie, @antwoord, @tijdstip)',
  ),

  /** One slice of the clean-up: the adapter repeats it until a slice removes fewer rows. */
  ruimAntwoordenOp: st(['tijdstip'], 'DELETE TOP (1000) FROM antwoord WHERE tijdstip < @tijdstip'),

  /** The inzage trail: who read or changed whom (by pseudonym), apart from the request log. */
  inzage: st(
    ['tijdstip', 'oin', 'gemeentecode', 'operatie', 'bsn_pseudoniem', 'message_id', 'verwerkt'],
    `INSERT INTO inzage (tijdstip, oin, gemeentecode, operatie, bsn_pseudoniem, message_id, verwerkt)
VALUES (@tijdstip, @oin, @gemeentecode, @operatie, @bsn_pseudoniem, @message_id, @verwerkt)`,
  ),

  /** One slice of the inzage trail's retention, as for the answers. */
  ruimInzagesOp: st(['tijdstip'], 'DELETE TOP (1000) FROM inzage WHERE tijdstip < @tijdstip'),

  /**
   * A signaal, only when its (bsn, gemeentecode, code, aanleiding) is new. The existence check
   * reads under UPDLOCK, HOLDLOCK: it locks the key range, so a second instance that checks the
   * same key waits until this transaction ends and then finds the row. `signaal_id` is NULL when
   * nothing was inserted.
   */
  nieuwSignaal: st(
    ['bsn', 'gemeentecode', 'code', 'datum', 'aanleiding'],
    `INSERT INTO signaal (bsn, gemeentecode, code, datum, aanleiding)
SELECT @bsn, @gemeentecode, @code, @datum, @aanleiding
 WHERE NOT EXISTS (SELECT 1 FROM signaal WITH (UPDLOCK, HOLDLOCK)
                    WHERE bsn = @bsn AND gemeentecode = @gemeentecode AND code = @code
                      AND aanleiding = @aanleiding AND aanleiding IS NOT NULL);
SELECT CAST(SCOPE_IDENTITY() AS int) AS signaal_id;`,
  ),

  /** The next status version of a signaal; the caller holds the lock on the signaal's gemeente. */
  signaalStatus: st(
    ['signaal_id', 'status', 'datum', 'mutatie_id'],
    `INSERT INTO signaal_status_versie (signaal_id, versie, status, datum, mutatie_id)
SELECT @signaal_id, COALESCE(MAX(versie), 0) + 1, @status, @datum, @mutatie_id
  FROM signaal_status_versie WHERE signaal_id = @signaal_id`,
  ),

  /** Retention: the signalen among `ids` (a JSON array) removed on `datum` by the mutatie. */
  verwijderSignalen: st(
    ['datum', 'mutatie_id', 'ids'],
    `UPDATE signaal SET verwijderd = @datum, verwijderd_mutatie_id = @mutatie_id
 WHERE signaal_id IN (SELECT CAST([value] AS int) FROM OPENJSON(@ids)) AND verwijderd IS NULL`,
  ),

  // ---- dataset import (into an empty store, in one transaction) -----------------------------
  importMutatie: st(
    ['tijdstip'],
    `INSERT INTO mutatie (tijdstip, oin, gemeentecode, message_id, operatie) VALUES (@tijdstip, 'dataset', '0000', 'dataset', 'Importeren');
SELECT CAST(SCOPE_IDENTITY() AS int) AS mutatie_id;`,
  ),

  importAfnemer: st(['afnemer_oin', 'gemeentecode', 'rol'], 'INSERT INTO afnemer (oin, gemeentecode, rol) VALUES (@afnemer_oin, @gemeentecode, @rol)'),

  importAfnemerNaam: st(['afnemer_oin', 'afnemer_naam'], 'INSERT INTO afnemer_naam (oin, naam) VALUES (@afnemer_oin, @afnemer_naam)'),

  importInstelling: st(['instellingcode', 'instelling_naam', 'soort'], 'INSERT INTO instelling (instellingcode, naam, soort) VALUES (@instellingcode, @instelling_naam, @soort)'),

  importPersoon: st(
    [
      'bsn', 'voornamen', 'achternaam', 'geboortedatum', 'wet', 'woongemeente', 'woont_in_azc', 'coa_gemeente', 'overlijdensdatum',
      'doelgroep', 'verblijfsdoel_gewijzigd', 'datum_wijziging_verblijfsdoel', 'datum_start_plicht', 'datum_einde_plicht',
      'reden_einde_plicht', 'datum_start_termijn_pip', 'datum_einde_termijn_gewijzigd', 'reden_wijziging_termijn',
      'datum_wijziging_termijn', 'pvt_plicht_voldaan', 'verhuizing_van', 'verhuizing_naar', 'verhuizing_datum',
    ],
    `INSERT INTO persoon (bsn, voornamen, achternaam, geboortedatum, wet, woongemeente, woont_in_azc,
  coa_gemeente, overlijdensdatum, doelgroep, verblijfsdoel_gewijzigd, datum_wijziging_verblijfsdoel, datum_start_plicht,
  datum_einde_plicht, reden_einde_plicht, datum_start_termijn_pip, datum_einde_termijn_gewijzigd, reden_wijziging_termijn,
  datum_wijziging_termijn, pvt_plicht_voldaan, verhuizing_van, verhuizing_naar, verhuizing_datum)
VALUES (@bsn, @voornamen, @achternaam, @geboortedatum, @wet, @woongemeente, @woont_in_azc,
  @coa_gemeente, @overlijdensdatum, @doelgroep, @verblijfsdoel_gewijzigd, @datum_wijziging_verblijfsdoel, @datum_start_plicht,
  @datum_einde_plicht, @reden_einde_plicht, @datum_start_termijn_pip, @datum_einde_termijn_gewijzigd, @reden_wijziging_termijn,
  @datum_wijziging_termijn, @pvt_plicht_voldaan, @verhuizing_van, @verhuizing_naar, @verhuizing_datum)`,
  ),

  importToets: st(
    [
      'bsn', 'examennummer', 'gemeentecode', 'datum_aanmelding', 'datum_start_periode', 'datum_einde_periode', 'datum_toetsafname',
      'maximum_score', 'behaalde_score', 'benodigde_score', 'resultaat', 'ontheven',
    ],
    `INSERT INTO leerbaarheidstoets (bsn, examennummer, gemeentecode, datum_aanmelding, datum_start_periode,
  datum_einde_periode, datum_toetsafname, maximum_score, behaalde_score, benodigde_score, resultaat, ontheven)
VALUES (@bsn, @examennummer, @gemeentecode, @datum_aanmelding, @datum_start_periode,
  @datum_einde_periode, @datum_toetsafname, @maximum_score, @behaalde_score, @benodigde_score, @resultaat, @ontheven)`,
  ),

  importExamen: st(
    ['bsn', 'onderdeel', 'examen_niveau', 'datum_examen', 'gratis_pogingen_over', 'examen_status'],
    `INSERT INTO examen (bsn, onderdeel, niveau, datum_examen, gratis_pogingen_over, status)
VALUES (@bsn, @onderdeel, @examen_niveau, @datum_examen, @gratis_pogingen_over, @examen_status)`,
  ),

  importAanvraag: st(
    ['bsn', 'volgnummer', 'type_verzoek', 'toelichting', 'aanvraag_status', 'datum_ontvangst', 'datum_besluit'],
    `INSERT INTO aanvraag (bsn, volgnummer, type_verzoek, toelichting, status, datum_ontvangst, datum_besluit)
VALUES (@bsn, @volgnummer, @type_verzoek, @toelichting, @aanvraag_status, @datum_ontvangst, @datum_besluit)`,
  ),

  /** A dataset's signaal, with its occasion when the dataset names one (the engine then does not raise it again). */
  importSignaal: st(
    ['bsn', 'gemeentecode', 'code', 'datum', 'aanleiding'],
    `INSERT INTO signaal (bsn, gemeentecode, code, datum, aanleiding) VALUES (@bsn, @gemeentecode, @code, @datum, @aanleiding);
SELECT CAST(SCOPE_IDENTITY() AS int) AS signaal_id;`,
  ),

  /** Its status, with the day it was set when the dataset gives it (retention). */
  importSignaalStatus: st(
    ['signaal_id', 'status', 'datum'],
    'INSERT INTO signaal_status_versie (signaal_id, versie, status, datum) VALUES (@signaal_id, 1, @status, @datum)',
  ),

  // ---- migrations (migraties.ts) -----------------------------------------------------------
  /** The record of applied migrations; created by the runner, under its lock, before the first step. */
  migratieTabel: st(
    [],
    `IF OBJECT_ID(N'schema_migratie', N'U') IS NULL
CREATE TABLE schema_migratie (
  versie        int           NOT NULL,
  naam          nvarchar(200) NOT NULL,
  toegepast     datetime2(0)  NOT NULL,
  controlegetal char(64)      NULL,
  CONSTRAINT schema_migratie_pk PRIMARY KEY (versie)
)`,
  ),

  /** The checksum column, for a schema_migratie made before it had one. */
  migratieKolom: st(
    [],
    `IF COL_LENGTH(N'schema_migratie', N'controlegetal') IS NULL
ALTER TABLE schema_migratie ADD controlegetal char(64) NULL`,
  ),

  migratiesToegepast: st(
    [],
    `IF OBJECT_ID(N'schema_migratie', N'U') IS NOT NULL
SELECT * FROM schema_migratie ORDER BY versie`,
  ),

  migratieVastleggen: st(
    ['versie', 'bestand', 'controlegetal'],
    'INSERT INTO schema_migratie (versie, naam, toegepast, controlegetal) VALUES (@versie, @bestand, SYSUTCDATETIME(), @controlegetal)',
  ),

  /** The checksum of a step applied before schema_migratie had one: recorded on the next run. */
  migratieControlegetal: st(
    ['versie', 'controlegetal'],
    'UPDATE schema_migratie SET controlegetal = @controlegetal WHERE versie = @versie AND controlegetal IS NULL',
  ),

  /** The migration lock of a step that runs outside a transaction: held by the session, released by hand. */
  migratieSessieLock: st(
    ['lock_timeout_ms'],
    `DECLARE @uitkomst int;
EXEC @uitkomst = sp_getapplock @Resource = N'cvs-koppeling/migratie', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = @lock_timeout_ms;
SELECT @uitkomst AS uitkomst`,
  ),

  migratieSessieLockVrij: st([], `EXEC sp_releaseapplock @Resource = N'cvs-koppeling/migratie', @LockOwner = 'Session'`),
} as const satisfies Record<string, Statement>;

export type StatementNaam = keyof typeof SQL;
