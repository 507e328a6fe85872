/**
 * The embedded store's schema (SQLite). Dates are CHAR(8) JJJJMMDD, booleans 0/1, so that the SQL
 * Server migration can mirror every table column for column.
 *
 * ISI data (persoon and what hangs off it without a mutatie) is read-only for the gateway. What
 * gemeenten submit lives in *_versie tables: (key, versie) is the primary key, a new version is
 * an INSERT, and each version points to the mutatie that wrote it.
 */
export const SCHEMA_VERSION = 6;

/**
 * Whose dossier a row of each table is part of: a condition on `bsn` in terms of the row, `R`
 * standing for NEW or OLD. Every table a dossier is read from is here (a test holds this list to
 * the tables of the dossier read in sqlite-store.ts).
 */
export const DOSSIER_VAN: Readonly<Record<string, string>> = {
  persoon: 'bsn = R.bsn',
  leerbaarheidstoets: 'bsn = R.bsn',
  examen: 'bsn = R.bsn',
  aanvraag: 'bsn = R.bsn',
  pip_versie: 'bsn = R.bsn',
  pip_intrekking: 'bsn = R.bsn',
  aanbod_versie: 'bsn = R.bsn',
  map_versie: 'bsn = R.bsn',
  pvt_versie: 'bsn = R.bsn',
  uren_versie: 'bsn = R.bsn',
  koppeling_versie: 'bsn = R.bsn',
  signaal: 'bsn = R.bsn',
  signaal_status_versie: 'bsn = (SELECT bsn FROM signaal WHERE signaal_id = R.signaal_id)',
  // A contactpersoon's name, e-mail and phone show in the dossier of every person ever linked to it.
  contactpersoon_versie: 'bsn IN (SELECT bsn FROM koppeling_versie WHERE gemeentecode = R.gemeentecode AND volgnummer = R.volgnummer)',
  // An instelling's name shows with the aanbod at it (only a dataset import changes instellingen).
  instelling: 'bsn IN (SELECT bsn FROM aanbod_versie WHERE instellingcode = R.instellingcode)',
};

/**
 * dossier_lezing: a person's dossier as the gateway last read it, the rows of every part in one
 * JSON text (sqlite-store.ts), so that a read is one lookup instead of a dozen. `vorm` names the
 * shape of those rows (a digest of the statement that read them), so that a gateway of another
 * version on the same file never takes rows of a shape it does not know. A row is only ever
 * written from a read that nothing has changed since, and triggers on every table a dossier is read
 * from delete it in the transaction that changes the dossier, whatever code or instance writes.
 */
function dossierLezingDdl(): string {
  const tabel = `CREATE TABLE dossier_lezing (
  bsn   CHAR(9)     NOT NULL PRIMARY KEY,
  vorm  VARCHAR(16) NOT NULL,
  rijen TEXT        NOT NULL
);`;
  const triggers = Object.entries(DOSSIER_VAN).flatMap(([t, van]) => {
    const wis = (...rijen: string[]) => rijen.map((r) => `DELETE FROM dossier_lezing WHERE ${van.replaceAll('R.', `${r}.`)};`).join(' ');
    return [
      `CREATE TRIGGER ${t}_dossier_in AFTER INSERT ON ${t} BEGIN ${wis('NEW')} END;`,
      `CREATE TRIGGER ${t}_dossier_wijzig AFTER UPDATE ON ${t} BEGIN ${wis('OLD', 'NEW')} END;`,
      `CREATE TRIGGER ${t}_dossier_uit AFTER DELETE ON ${t} BEGIN ${wis('OLD')} END;`,
    ];
  });
  return [tabel, ...triggers].join('\n');
}

/**
 * What brings a file of an earlier version to the next one, by the version it has. A file of a
 * version without an entry here is refused.
 */
/**
 * The signaal engine's candidates by the date of their occasion (jobs/signaal-engine.ts): a slice
 * of persons is a range of one of these indexes, whatever the number of persons.
 */
const ENGINE_INDEXEN = `
CREATE INDEX pip_versie_registratie ON pip_versie (datum_registratie, bsn);
CREATE INDEX persoon_start_termijn_pip ON persoon (datum_start_termijn_pip, bsn);
CREATE INDEX persoon_verhuizing ON persoon (verhuizing_datum, bsn);
`;

/**
 * An AVG request's search of the inzage trail (store/inzage-sql.ts): by person, MessageID or
 * afnemer, each in order of time; the index by person alone (version 5) is the first of them now.
 */
const INZAGE_INDEXEN = `
CREATE INDEX inzage_persoon ON inzage (bsn_pseudoniem, tijdstip);
CREATE INDEX inzage_bericht ON inzage (message_id, tijdstip);
CREATE INDEX inzage_afnemer ON inzage (oin, tijdstip);
`;

/** The afnemers' names, as the dataset gives them (production keeps them in the afnemers file). */
const AFNEMER_NAAM = `
CREATE TABLE afnemer_naam (
  oin  CHAR(20)     NOT NULL PRIMARY KEY,
  naam VARCHAR(200) NOT NULL
);
`;

export const UPGRADES: Readonly<Record<number, string>> = {
  // The latest version of each uren registration, found in the index (the dossier read in sqlite-store.ts).
  2: 'CREATE INDEX uren_versie_registratie ON uren_versie (bsn, type_uren, instellingcode, versie);',
  // The dossier as read, and the triggers that keep it (above).
  3: dossierLezingDdl(),
  // The signaal engine's candidates (above).
  4: ENGINE_INDEXEN,
  // The inzage trail's search and the afnemers' names (above).
  5: `DROP INDEX inzage_pseudoniem;\n${INZAGE_INDEXEN}${AFNEMER_NAAM}`,
};

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS schema_versie (versie INTEGER NOT NULL);

CREATE TABLE afnemer (
  oin           CHAR(20)    NOT NULL,
  gemeentecode  CHAR(4)     NOT NULL,
  rol           VARCHAR(10) NOT NULL CHECK (rol IN ('raadplegen', 'muteren')),
  PRIMARY KEY (oin, gemeentecode)
);
${AFNEMER_NAAM}
CREATE TABLE instelling (
  instellingcode VARCHAR(10)  NOT NULL PRIMARY KEY,
  naam           VARCHAR(128) NOT NULL,
  soort          CHAR(3)      NOT NULL CHECK (soort IN ('BOW', 'TSI'))
);

CREATE TABLE mutatie (
  mutatie_id    INTEGER     NOT NULL PRIMARY KEY AUTOINCREMENT,
  tijdstip      VARCHAR(30) NOT NULL,
  oin           VARCHAR(20) NOT NULL,
  gemeentecode  CHAR(4)     NOT NULL,
  message_id    VARCHAR(200) NOT NULL,
  operatie      VARCHAR(50) NOT NULL,
  bsn           CHAR(9)
);
CREATE INDEX mutatie_bsn ON mutatie (bsn);
CREATE INDEX mutatie_message_id ON mutatie (message_id);

-- Idempotency: the answer to every change, under the afnemer's OIN and its MessageID, stored in the
-- transaction of the change. A repeat gets it back; a repeat with another body (digest) a fault.
CREATE TABLE antwoord (
  oin          VARCHAR(20)  NOT NULL,
  message_id   VARCHAR(200) NOT NULL,
  digest       CHAR(64)     NOT NULL,
  operatie     VARCHAR(50)  NOT NULL,
  antwoord     TEXT         NOT NULL,
  tijdstip     VARCHAR(30)  NOT NULL,
  PRIMARY KEY (oin, message_id)
);
CREATE INDEX antwoord_tijdstip ON antwoord (tijdstip);

-- The inzage trail: every read and change of personal data, by afnemer, with the BSN's pseudonym.
CREATE TABLE inzage (
  inzage_id      INTEGER      NOT NULL PRIMARY KEY AUTOINCREMENT,
  tijdstip       VARCHAR(30)  NOT NULL,
  oin            VARCHAR(20)  NOT NULL,
  gemeentecode   CHAR(4)      NOT NULL,
  operatie       VARCHAR(50)  NOT NULL,
  bsn_pseudoniem VARCHAR(64),
  message_id     VARCHAR(255) NOT NULL,
  verwerkt       INTEGER      NOT NULL
);
CREATE INDEX inzage_tijdstip ON inzage (tijdstip);
${INZAGE_INDEXEN}
CREATE TABLE persoon (
  bsn                           CHAR(9)      NOT NULL PRIMARY KEY,
  voornamen                     VARCHAR(200),
  achternaam                    VARCHAR(200) NOT NULL,
  geboortedatum                 CHAR(8)      NOT NULL,
  wet                           CHAR(6)      NOT NULL,
  woongemeente                  CHAR(4),
  woont_in_azc                  INTEGER      NOT NULL DEFAULT 0,
  coa_gemeente                  CHAR(4),
  overlijdensdatum              CHAR(8),
  doelgroep                     VARCHAR(50),
  verblijfsdoel_gewijzigd       VARCHAR(300),
  datum_wijziging_verblijfsdoel CHAR(8),
  datum_start_plicht            CHAR(8),
  datum_einde_plicht            CHAR(8),
  reden_einde_plicht            VARCHAR(100),
  datum_start_termijn_pip       CHAR(8),
  pvt_plicht_voldaan            INTEGER NOT NULL DEFAULT 0,
  verhuizing_van                CHAR(4),
  verhuizing_naar               CHAR(4),
  verhuizing_datum              CHAR(8),
  datum_einde_termijn_gewijzigd CHAR(8),
  reden_wijziging_termijn       VARCHAR(200),
  datum_wijziging_termijn       CHAR(8)
);

CREATE TABLE leerbaarheidstoets (
  bsn                 CHAR(9)     NOT NULL PRIMARY KEY REFERENCES persoon (bsn),
  examennummer        VARCHAR(12),
  gemeentecode        CHAR(4),
  datum_aanmelding    CHAR(8),
  datum_start_periode CHAR(8),
  datum_einde_periode CHAR(8),
  datum_toetsafname   CHAR(8),
  maximum_score       VARCHAR(10),
  behaalde_score      VARCHAR(10),
  benodigde_score     VARCHAR(10),
  resultaat           CHAR(1),
  ontheven            INTEGER     NOT NULL DEFAULT 0
);

CREATE TABLE examen (
  bsn                  CHAR(9)     NOT NULL REFERENCES persoon (bsn),
  onderdeel            VARCHAR(20) NOT NULL,
  niveau               VARCHAR(4)  NOT NULL,
  datum_examen         CHAR(8),
  gratis_pogingen_over INTEGER     NOT NULL,
  status               VARCHAR(50) NOT NULL,
  PRIMARY KEY (bsn, onderdeel, niveau)
);

CREATE TABLE aanvraag (
  bsn             CHAR(9)      NOT NULL REFERENCES persoon (bsn),
  volgnummer      INTEGER      NOT NULL,
  type_verzoek    VARCHAR(20)  NOT NULL,
  toelichting     VARCHAR(200) NOT NULL,
  status          VARCHAR(20)  NOT NULL,
  datum_ontvangst CHAR(8)      NOT NULL,
  datum_besluit   CHAR(8),
  PRIMARY KEY (bsn, volgnummer)
);

CREATE TABLE pip_versie (
  bsn                         CHAR(9)    NOT NULL REFERENCES persoon (bsn),
  versie                      INTEGER    NOT NULL,
  initieel                    INTEGER    NOT NULL,
  gemeentecode                CHAR(4)    NOT NULL,
  datum_dagtekening_initieel  CHAR(8)    NOT NULL,
  datum_dagtekening           CHAR(8)    NOT NULL,
  datum_registratie           CHAR(8)    NOT NULL,
  leerroute                   CHAR(1)    NOT NULL,
  niveau                      CHAR(2),
  alfabetisering              VARCHAR(3),
  geschatte_uren              INTEGER,
  geschatte_uren_resterend    INTEGER,
  toestemming                 INTEGER    NOT NULL,
  contact_volgnummer          INTEGER,
  mutatie_id                  INTEGER    REFERENCES mutatie (mutatie_id),
  PRIMARY KEY (bsn, versie)
);

-- A withdrawn PIP (IntrekkenPip): the PIP that starts at initiele_versie, all its versions.
CREATE TABLE pip_intrekking (
  bsn             CHAR(9) NOT NULL REFERENCES persoon (bsn),
  initiele_versie INTEGER NOT NULL,
  mutatie_id      INTEGER REFERENCES mutatie (mutatie_id),
  PRIMARY KEY (bsn, initiele_versie),
  FOREIGN KEY (bsn, initiele_versie) REFERENCES pip_versie (bsn, versie)
);

CREATE TABLE aanbod_versie (
  bsn                    CHAR(9)     NOT NULL REFERENCES persoon (bsn),
  versie                 INTEGER     NOT NULL,
  instellingcode         VARCHAR(10) NOT NULL REFERENCES instelling (instellingcode),
  gemeentecode           CHAR(4)     NOT NULL,
  datum_inschrijving     CHAR(8)     NOT NULL,
  datum_start_opleiding  CHAR(8),
  datum_einde_opleiding  CHAR(8),
  alfabetisering         VARCHAR(3),
  ingetrokken            INTEGER     NOT NULL DEFAULT 0,
  mutatie_id             INTEGER     REFERENCES mutatie (mutatie_id),
  PRIMARY KEY (bsn, versie)
);

CREATE TABLE map_versie (
  bsn               CHAR(9) NOT NULL REFERENCES persoon (bsn),
  versie            INTEGER NOT NULL,
  gemeentecode      CHAR(4) NOT NULL,
  datum_eindgesprek CHAR(8),
  mutatie_id        INTEGER REFERENCES mutatie (mutatie_id),
  PRIMARY KEY (bsn, versie)
);

CREATE TABLE pvt_versie (
  bsn                 CHAR(9) NOT NULL REFERENCES persoon (bsn),
  versie              INTEGER NOT NULL,
  gemeentecode        CHAR(4) NOT NULL,
  datum_ondertekening CHAR(8),
  mutatie_id          INTEGER REFERENCES mutatie (mutatie_id),
  PRIMARY KEY (bsn, versie)
);

CREATE TABLE uren_versie (
  bsn            CHAR(9)     NOT NULL REFERENCES persoon (bsn),
  versie         INTEGER     NOT NULL,
  type_uren      CHAR(1)     NOT NULL,
  instellingcode VARCHAR(10) REFERENCES instelling (instellingcode),
  datum_tot      CHAR(8)     NOT NULL,
  aantal_uren    INTEGER     NOT NULL,
  gemeentecode   CHAR(4)     NOT NULL,
  ingetrokken    INTEGER     NOT NULL DEFAULT 0,
  mutatie_id     INTEGER     REFERENCES mutatie (mutatie_id),
  PRIMARY KEY (bsn, versie)
);
-- A dossier reads the latest version of each registration (type uren, instelling) from this index.
CREATE INDEX uren_versie_registratie ON uren_versie (bsn, type_uren, instellingcode, versie);

CREATE TABLE contactpersoon_versie (
  gemeentecode   CHAR(4)      NOT NULL,
  volgnummer     INTEGER      NOT NULL,
  versie         INTEGER      NOT NULL,
  naam           VARCHAR(100) NOT NULL,
  email          VARCHAR(241) NOT NULL,
  telefoonnummer VARCHAR(22),
  algemeen       INTEGER      NOT NULL DEFAULT 0,
  verwijderd     INTEGER      NOT NULL DEFAULT 0,
  mutatie_id     INTEGER      REFERENCES mutatie (mutatie_id),
  PRIMARY KEY (gemeentecode, volgnummer, versie)
);

CREATE TABLE koppeling_versie (
  bsn          CHAR(9) NOT NULL REFERENCES persoon (bsn),
  gemeentecode CHAR(4) NOT NULL,
  versie       INTEGER NOT NULL,
  volgnummer   INTEGER,
  datum        CHAR(8),
  mutatie_id   INTEGER REFERENCES mutatie (mutatie_id),
  PRIMARY KEY (bsn, gemeentecode, versie)
);
CREATE INDEX koppeling_contactpersoon ON koppeling_versie (gemeentecode, volgnummer);

CREATE TABLE signaal (
  signaal_id   INTEGER NOT NULL PRIMARY KEY,
  bsn          CHAR(9) NOT NULL REFERENCES persoon (bsn),
  gemeentecode CHAR(4) NOT NULL,
  code         CHAR(5) NOT NULL,
  datum        CHAR(8) NOT NULL,
  -- The occasion that raised it: the engine raises a signaal once per person, gemeente and occasion.
  aanleiding   VARCHAR(40),
  -- Retention (PIB 3.2): the day it was removed, by the mutatie that removed it.
  verwijderd   CHAR(8),
  verwijderd_mutatie_id INTEGER REFERENCES mutatie (mutatie_id),
  UNIQUE (bsn, gemeentecode, code, aanleiding)
);
CREATE INDEX signaal_bsn ON signaal (bsn);
CREATE INDEX signaal_gemeente ON signaal (gemeentecode, verwijderd, datum);

CREATE TABLE signaal_status_versie (
  signaal_id INTEGER NOT NULL REFERENCES signaal (signaal_id),
  versie     INTEGER NOT NULL,
  status     CHAR(1) NOT NULL CHECK (status IN ('N', 'B', 'A')),
  datum      CHAR(8),
  mutatie_id INTEGER REFERENCES mutatie (mutatie_id),
  PRIMARY KEY (signaal_id, versie)
);

${dossierLezingDdl()}
${ENGINE_INDEXEN}`;
