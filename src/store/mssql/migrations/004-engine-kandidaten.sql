-- Step 4: the signaal engine reads only the persons with an occasion in its window
-- (domain/signalen.ts engineVenster), a slice at a time, by the date of the occasion: each slice
-- is a range of one of these indexes, whatever the number of persons.

CREATE INDEX pip_versie_registratie ON pip_versie (datum_registratie, bsn);
CREATE INDEX persoon_start_termijn_pip ON persoon (datum_start_termijn_pip, bsn);
CREATE INDEX persoon_verhuizing ON persoon (verhuizing_datum, bsn);
