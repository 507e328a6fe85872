-- Step 1: the schema of the embedded store (sqlite/schema.ts) but for the inzage trail (step 2),
-- table for table and column for column, in SQL Server's types: char(9) for a BSN, date for a JJJJMMDD date (the adapter
-- converts at its edge), datetime2 for a moment, bit for a flag, nvarchar for text with DUO's
-- lengths (domain/grenzen.ts). Every constraint is named, so that a later step can alter it.
--
-- ISI data (persoon and what hangs off it without a mutatie) is read-only for the gateway. What
-- gemeenten submit lives in *_versie tables: (key, versie) is the primary key, a new version is an
-- INSERT, and each version points to the mutatie that wrote it.
--
-- The runner (migraties.ts) applies this file once, in one transaction, and records it in
-- schema_migratie. Statements end with ';'; a line holding only GO would end a batch.

CREATE TABLE afnemer (
  oin           char(20)    NOT NULL,
  gemeentecode  char(4)     NOT NULL,
  rol           varchar(10) NOT NULL,
  CONSTRAINT afnemer_pk PRIMARY KEY (oin, gemeentecode),
  CONSTRAINT afnemer_rol CHECK (rol IN ('raadplegen', 'muteren'))
);

CREATE TABLE instelling (
  instellingcode varchar(10)   NOT NULL,
  naam           nvarchar(128) NOT NULL,
  soort          char(3)       NOT NULL,
  CONSTRAINT instelling_pk PRIMARY KEY (instellingcode),
  CONSTRAINT instelling_soort CHECK (soort IN ('BOW', 'TSI'))
);

CREATE TABLE mutatie (
  mutatie_id    int           IDENTITY(1, 1) NOT NULL,
  tijdstip      datetime2(3)  NOT NULL,
  oin           varchar(20)   NOT NULL,
  gemeentecode  char(4)       NOT NULL,
  message_id    nvarchar(255) NOT NULL,
  operatie      varchar(50)   NOT NULL,
  bsn           char(9)       NULL,
  CONSTRAINT mutatie_pk PRIMARY KEY (mutatie_id)
);
CREATE INDEX mutatie_bsn ON mutatie (bsn);
CREATE INDEX mutatie_message_id ON mutatie (message_id);

-- Idempotency: the answer to every change, under the afnemer's OIN and its MessageID, stored in the
-- transaction of the change. A repeat gets it back; a repeat with another body (digest) a fault.
CREATE TABLE antwoord (
  oin          varchar(20)   NOT NULL,
  message_id   nvarchar(255) NOT NULL,
  digest       char(64)      NOT NULL,
  operatie     varchar(50)   NOT NULL,
  antwoord     nvarchar(max) NOT NULL,
  tijdstip     datetime2(3)  NOT NULL,
  CONSTRAINT antwoord_pk PRIMARY KEY (oin, message_id)
);
CREATE INDEX antwoord_tijdstip ON antwoord (tijdstip);

CREATE TABLE persoon (
  bsn                           char(9)       NOT NULL,
  voornamen                     nvarchar(200) NULL,
  achternaam                    nvarchar(200) NOT NULL,
  geboortedatum                 date          NOT NULL,
  wet                           char(6)       NOT NULL,
  woongemeente                  char(4)       NULL,
  woont_in_azc                  bit           NOT NULL CONSTRAINT persoon_woont_in_azc DEFAULT 0,
  coa_gemeente                  char(4)       NULL,
  overlijdensdatum              date          NULL,
  doelgroep                     nvarchar(50)  NULL,
  verblijfsdoel_gewijzigd       nvarchar(300) NULL,
  datum_wijziging_verblijfsdoel date          NULL,
  datum_start_plicht            date          NULL,
  datum_einde_plicht            date          NULL,
  reden_einde_plicht            nvarchar(100) NULL,
  datum_start_termijn_pip       date          NULL,
  pvt_plicht_voldaan            bit           NOT NULL CONSTRAINT persoon_pvt_plicht_voldaan DEFAULT 0,
  verhuizing_van                char(4)       NULL,
  verhuizing_naar               char(4)       NULL,
  verhuizing_datum              date          NULL,
  datum_einde_termijn_gewijzigd date          NULL,
  reden_wijziging_termijn       nvarchar(200) NULL,
  datum_wijziging_termijn       date          NULL,
  CONSTRAINT persoon_pk PRIMARY KEY (bsn)
);

CREATE TABLE leerbaarheidstoets (
  bsn                 char(9)     NOT NULL,
  examennummer        varchar(12) NULL,
  gemeentecode        char(4)     NULL,
  datum_aanmelding    date        NULL,
  datum_start_periode date        NULL,
  datum_einde_periode date        NULL,
  datum_toetsafname   date        NULL,
  maximum_score       varchar(10) NULL,
  behaalde_score      varchar(10) NULL,
  benodigde_score     varchar(10) NULL,
  resultaat           char(1)     NULL,
  ontheven            bit         NOT NULL CONSTRAINT leerbaarheidstoets_ontheven DEFAULT 0,
  CONSTRAINT leerbaarheidstoets_pk PRIMARY KEY (bsn),
  CONSTRAINT leerbaarheidstoets_persoon FOREIGN KEY (bsn) REFERENCES persoon (bsn)
);

CREATE TABLE examen (
  bsn                  char(9)      NOT NULL,
  onderdeel            varchar(20)  NOT NULL,
  niveau               varchar(4)   NOT NULL,
  datum_examen         date         NULL,
  gratis_pogingen_over int          NOT NULL,
  status               nvarchar(50) NOT NULL,
  CONSTRAINT examen_pk PRIMARY KEY (bsn, onderdeel, niveau),
  CONSTRAINT examen_persoon FOREIGN KEY (bsn) REFERENCES persoon (bsn)
);

CREATE TABLE aanvraag (
  bsn             char(9)       NOT NULL,
  volgnummer      int           NOT NULL,
  type_verzoek    nvarchar(20)  NOT NULL,
  toelichting     nvarchar(200) NOT NULL,
  status          nvarchar(20)  NOT NULL,
  datum_ontvangst date          NOT NULL,
  datum_besluit   date          NULL,
  CONSTRAINT aanvraag_pk PRIMARY KEY (bsn, volgnummer),
  CONSTRAINT aanvraag_persoon FOREIGN KEY (bsn) REFERENCES persoon (bsn)
);

CREATE TABLE pip_versie (
  bsn                         char(9)    NOT NULL,
  versie                      int        NOT NULL,
  initieel                    bit        NOT NULL,
  gemeentecode                char(4)    NOT NULL,
  datum_dagtekening_initieel  date       NOT NULL,
  datum_dagtekening           date       NOT NULL,
  datum_registratie           date       NOT NULL,
  leerroute                   char(1)    NOT NULL,
  niveau                      char(2)    NULL,
  alfabetisering              varchar(3) NULL,
  geschatte_uren              int        NULL,
  geschatte_uren_resterend    int        NULL,
  toestemming                 bit        NOT NULL,
  contact_volgnummer          int        NULL,
  mutatie_id                  int        NULL,
  CONSTRAINT pip_versie_pk PRIMARY KEY (bsn, versie),
  CONSTRAINT pip_versie_persoon FOREIGN KEY (bsn) REFERENCES persoon (bsn),
  CONSTRAINT pip_versie_mutatie FOREIGN KEY (mutatie_id) REFERENCES mutatie (mutatie_id)
);

-- A withdrawn PIP (IntrekkenPip): the PIP that starts at initiele_versie, all its versions.
CREATE TABLE pip_intrekking (
  bsn             char(9) NOT NULL,
  initiele_versie int     NOT NULL,
  mutatie_id      int     NULL,
  CONSTRAINT pip_intrekking_pk PRIMARY KEY (bsn, initiele_versie),
  CONSTRAINT pip_intrekking_persoon FOREIGN KEY (bsn) REFERENCES persoon (bsn),
  CONSTRAINT pip_intrekking_pip_versie FOREIGN KEY (bsn, initiele_versie) REFERENCES pip_versie (bsn, versie),
  CONSTRAINT pip_intrekking_mutatie FOREIGN KEY (mutatie_id) REFERENCES mutatie (mutatie_id)
);

CREATE TABLE aanbod_versie (
  bsn                    char(9)     NOT NULL,
  versie                 int         NOT NULL,
  instellingcode         varchar(10) NOT NULL,
  gemeentecode           char(4)     NOT NULL,
  datum_inschrijving     date        NOT NULL,
  datum_start_opleiding  date        NULL,
  datum_einde_opleiding  date        NULL,
  alfabetisering         varchar(3)  NULL,
  ingetrokken            bit         NOT NULL CONSTRAINT aanbod_versie_ingetrokken DEFAULT 0,
  mutatie_id             int         NULL,
  CONSTRAINT aanbod_versie_pk PRIMARY KEY (bsn, versie),
  CONSTRAINT aanbod_versie_persoon FOREIGN KEY (bsn) REFERENCES persoon (bsn),
  CONSTRAINT aanbod_versie_instelling FOREIGN KEY (instellingcode) REFERENCES instelling (instellingcode),
  CONSTRAINT aanbod_versie_mutatie FOREIGN KEY (mutatie_id) REFERENCES mutatie (mutatie_id)
);

CREATE TABLE map_versie (
  bsn               char(9) NOT NULL,
  versie            int     NOT NULL,
  gemeentecode      char(4) NOT NULL,
  datum_eindgesprek date    NULL,
  mutatie_id        int     NULL,
  CONSTRAINT map_versie_pk PRIMARY KEY (bsn, versie),
  CONSTRAINT map_versie_persoon FOREIGN KEY (bsn) REFERENCES persoon (bsn),
  CONSTRAINT map_versie_mutatie FOREIGN KEY (mutatie_id) REFERENCES mutatie (mutatie_id)
);

CREATE TABLE pvt_versie (
  bsn                 char(9) NOT NULL,
  versie              int     NOT NULL,
  gemeentecode        char(4) NOT NULL,
  datum_ondertekening date    NULL,
  mutatie_id          int     NULL,
  CONSTRAINT pvt_versie_pk PRIMARY KEY (bsn, versie),
  CONSTRAINT pvt_versie_persoon FOREIGN KEY (bsn) REFERENCES persoon (bsn),
  CONSTRAINT pvt_versie_mutatie FOREIGN KEY (mutatie_id) REFERENCES mutatie (mutatie_id)
);

CREATE TABLE uren_versie (
  bsn            char(9)     NOT NULL,
  versie         int         NOT NULL,
  type_uren      char(1)     NOT NULL,
  instellingcode varchar(10) NULL,
  datum_tot      date        NOT NULL,
  aantal_uren    int         NOT NULL,
  gemeentecode   char(4)     NOT NULL,
  ingetrokken    bit         NOT NULL CONSTRAINT uren_versie_ingetrokken DEFAULT 0,
  mutatie_id     int         NULL,
  CONSTRAINT uren_versie_pk PRIMARY KEY (bsn, versie),
  CONSTRAINT uren_versie_persoon FOREIGN KEY (bsn) REFERENCES persoon (bsn),
  CONSTRAINT uren_versie_instelling FOREIGN KEY (instellingcode) REFERENCES instelling (instellingcode),
  CONSTRAINT uren_versie_mutatie FOREIGN KEY (mutatie_id) REFERENCES mutatie (mutatie_id)
);

CREATE TABLE contactpersoon_versie (
  gemeentecode   char(4)       NOT NULL,
  volgnummer     int           NOT NULL,
  versie         int           NOT NULL,
  naam           nvarchar(100) NOT NULL,
  email          nvarchar(241) NOT NULL,
  telefoonnummer nvarchar(22)  NULL,
  algemeen       bit           NOT NULL CONSTRAINT contactpersoon_versie_algemeen DEFAULT 0,
  verwijderd     bit           NOT NULL CONSTRAINT contactpersoon_versie_verwijderd DEFAULT 0,
  mutatie_id     int           NULL,
  CONSTRAINT contactpersoon_versie_pk PRIMARY KEY (gemeentecode, volgnummer, versie),
  CONSTRAINT contactpersoon_versie_mutatie FOREIGN KEY (mutatie_id) REFERENCES mutatie (mutatie_id)
);

CREATE TABLE koppeling_versie (
  bsn          char(9) NOT NULL,
  gemeentecode char(4) NOT NULL,
  versie       int     NOT NULL,
  volgnummer   int     NULL,
  datum        date    NULL,
  mutatie_id   int     NULL,
  CONSTRAINT koppeling_versie_pk PRIMARY KEY (bsn, gemeentecode, versie),
  CONSTRAINT koppeling_versie_persoon FOREIGN KEY (bsn) REFERENCES persoon (bsn),
  CONSTRAINT koppeling_versie_mutatie FOREIGN KEY (mutatie_id) REFERENCES mutatie (mutatie_id)
);
CREATE INDEX koppeling_contactpersoon ON koppeling_versie (gemeentecode, volgnummer);

CREATE TABLE signaal (
  signaal_id   int         IDENTITY(1, 1) NOT NULL,
  bsn          char(9)     NOT NULL,
  gemeentecode char(4)     NOT NULL,
  code         char(5)     NOT NULL,
  datum        date        NOT NULL,
  -- The occasion that raised it: the engine raises a signaal once per person, gemeente and occasion.
  aanleiding   varchar(40) NULL,
  -- Retention (PIB 3.2): the day it was removed, by the mutatie that removed it.
  verwijderd   date        NULL,
  verwijderd_mutatie_id int NULL,
  CONSTRAINT signaal_pk PRIMARY KEY (signaal_id),
  CONSTRAINT signaal_persoon FOREIGN KEY (bsn) REFERENCES persoon (bsn),
  CONSTRAINT signaal_mutatie FOREIGN KEY (verwijderd_mutatie_id) REFERENCES mutatie (mutatie_id)
);
-- SQLite's UNIQUE (bsn, gemeentecode, code, aanleiding) lets rows without an aanleiding (the
-- dataset's signalen) repeat, because NULLs differ there. A SQL Server UNIQUE constraint takes NULLs
-- as equal, so the key is a unique index filtered to the rows that have an aanleiding.
CREATE UNIQUE INDEX signaal_aanleiding ON signaal (bsn, gemeentecode, code, aanleiding) WHERE aanleiding IS NOT NULL;
CREATE INDEX signaal_bsn ON signaal (bsn);
CREATE INDEX signaal_gemeente ON signaal (gemeentecode, verwijderd, datum);

CREATE TABLE signaal_status_versie (
  signaal_id int     NOT NULL,
  versie     int     NOT NULL,
  status     char(1) NOT NULL,
  datum      date    NULL,
  mutatie_id int     NULL,
  CONSTRAINT signaal_status_versie_pk PRIMARY KEY (signaal_id, versie),
  CONSTRAINT signaal_status_versie_status CHECK (status IN ('N', 'B', 'A')),
  CONSTRAINT signaal_status_versie_signaal FOREIGN KEY (signaal_id) REFERENCES signaal (signaal_id),
  CONSTRAINT signaal_status_versie_mutatie FOREIGN KEY (mutatie_id) REFERENCES mutatie (mutatie_id)
);
