-- Step 2: the inzage trail (sqlite/schema.ts, table inzage): every read and change of personal data,
-- by afnemer, with the BSN's keyed pseudonym only. Reads are many and the trail is kept for years
-- (CVS_INZAGE_BEWAARDAGEN), so its key is a bigint; the adapter never reads it back.

CREATE TABLE inzage (
  inzage_id      bigint        IDENTITY(1, 1) NOT NULL,
  tijdstip       datetime2(3)  NOT NULL,
  oin            varchar(20)   NOT NULL,
  gemeentecode   char(4)       NOT NULL,
  operatie       varchar(50)   NOT NULL,
  bsn_pseudoniem varchar(64)   NULL,
  message_id     nvarchar(255) NOT NULL,
  verwerkt       bit           NOT NULL,
  CONSTRAINT inzage_pk PRIMARY KEY (inzage_id)
);
CREATE INDEX inzage_pseudoniem ON inzage (bsn_pseudoniem);
CREATE INDEX inzage_tijdstip ON inzage (tijdstip);
