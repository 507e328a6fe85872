-- Step 3: a dossier reads the latest version of each uren registration (type uren, instelling), not
-- every version (domain/dossier.ts); this index gives it without reading the versions themselves.

CREATE INDEX uren_versie_registratie ON uren_versie (bsn, type_uren, instellingcode, versie);
