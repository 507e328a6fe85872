-- Step 6: an AVG request's search of the inzage trail (store/inzage-sql.ts, npm run inzage) reads
-- the records of one person, one MessageID or one afnemer in order of time, a slice at a time,
-- each from an index on (criterion, tijdstip) (sqlite/schema.ts INZAGE_INDEXEN): the index by
-- person alone (step 2) becomes the first of them. On a trail of years each index is built once,
-- here: allow the step its time (migraties.ts gives a statement 15 minutes).

DROP INDEX inzage_pseudoniem ON inzage;
CREATE INDEX inzage_persoon ON inzage (bsn_pseudoniem, tijdstip);
CREATE INDEX inzage_bericht ON inzage (message_id, tijdstip);
CREATE INDEX inzage_afnemer ON inzage (oin, tijdstip);

-- The afnemers' names as the sandbox's dataset gives them (sqlite/schema.ts AFNEMER_NAAM);
-- production keeps them in the afnemers file (CVS_AFNEMERS).
CREATE TABLE afnemer_naam (
  oin  char(20)      NOT NULL,
  naam nvarchar(200) NOT NULL,
  CONSTRAINT afnemer_naam_pk PRIMARY KEY (oin)
);
