-- Step 6: an AVG request's search of the inzage trail (store/inzage-sql.ts, npm run inzage) reads
-- the records of one person, one MessageID or one afnemer in order of time, a slice at a time,
-- each from an index on (criterion, tijdstip) (sqlite/schema.ts INZAGE_INDEXEN): the index by
-- person alone (step 2) gives way to the first of them once it is there.
--
-- The trail of a production database holds every request of two years: each index is built
-- online where the edition can (Enterprise or Developer, Azure SQL Database, Managed Instance), so
-- that requests keep writing to the trail meanwhile, and offline elsewhere. ONLINE = ON is refused
-- in a transaction, so this step runs outside one (migraties.ts), batch by batch: each batch does
-- its work only when it is not done yet, and a run that stopped half-way goes on where it was.
-- transaction: none

-- The afnemers' names as the sandbox's dataset gives them (sqlite/schema.ts AFNEMER_NAAM);
-- production keeps them in the afnemers file (CVS_AFNEMERS).
IF OBJECT_ID(N'afnemer_naam', N'U') IS NULL
CREATE TABLE afnemer_naam (
  oin  char(20)      NOT NULL,
  naam nvarchar(200) NOT NULL,
  CONSTRAINT afnemer_naam_pk PRIMARY KEY (oin)
);
GO

IF INDEXPROPERTY(OBJECT_ID(N'inzage'), N'inzage_persoon', 'IndexID') IS NULL AND CAST(SERVERPROPERTY('EngineEdition') AS int) IN (3, 5, 8)
CREATE INDEX inzage_persoon ON inzage (bsn_pseudoniem, tijdstip) WITH (ONLINE = ON);
GO
IF INDEXPROPERTY(OBJECT_ID(N'inzage'), N'inzage_persoon', 'IndexID') IS NULL
CREATE INDEX inzage_persoon ON inzage (bsn_pseudoniem, tijdstip);
GO

IF INDEXPROPERTY(OBJECT_ID(N'inzage'), N'inzage_bericht', 'IndexID') IS NULL AND CAST(SERVERPROPERTY('EngineEdition') AS int) IN (3, 5, 8)
CREATE INDEX inzage_bericht ON inzage (message_id, tijdstip) WITH (ONLINE = ON);
GO
IF INDEXPROPERTY(OBJECT_ID(N'inzage'), N'inzage_bericht', 'IndexID') IS NULL
CREATE INDEX inzage_bericht ON inzage (message_id, tijdstip);
GO

IF INDEXPROPERTY(OBJECT_ID(N'inzage'), N'inzage_afnemer', 'IndexID') IS NULL AND CAST(SERVERPROPERTY('EngineEdition') AS int) IN (3, 5, 8)
CREATE INDEX inzage_afnemer ON inzage (oin, tijdstip) WITH (ONLINE = ON);
GO
IF INDEXPROPERTY(OBJECT_ID(N'inzage'), N'inzage_afnemer', 'IndexID') IS NULL
CREATE INDEX inzage_afnemer ON inzage (oin, tijdstip);
GO

IF INDEXPROPERTY(OBJECT_ID(N'inzage'), N'inzage_pseudoniem', 'IndexID') IS NOT NULL
DROP INDEX inzage_pseudoniem ON inzage;
