-- Step 5: a MessageID is compared exactly as the caller wrote it. Under the usual case-insensitive
-- collation two MessageIDs that differ in case were one key for the stored answer, while the
-- application lock of that answer hashes the exact string (mssql-store.ts): two requests could
-- each take their own lock and meet at the same key. A binary collation makes the column compare
-- as the lock does, and as SQLite compares text.

ALTER TABLE antwoord DROP CONSTRAINT antwoord_pk;
ALTER TABLE antwoord ALTER COLUMN message_id nvarchar(255) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE antwoord ADD CONSTRAINT antwoord_pk PRIMARY KEY (oin, message_id);

DROP INDEX mutatie_message_id ON mutatie;
ALTER TABLE mutatie ALTER COLUMN message_id nvarchar(255) COLLATE Latin1_General_100_BIN2 NOT NULL;
CREATE INDEX mutatie_message_id ON mutatie (message_id);

ALTER TABLE inzage ALTER COLUMN message_id nvarchar(255) COLLATE Latin1_General_100_BIN2 NOT NULL;
