/**
 * SQL Server migrations without a server: a step's header says whether it runs in a transaction,
 * each file has a checksum, and the start's check of schema_migratie refuses a database whose
 * applied steps differ from the files (test/store/mssql.test.ts runs them against a server).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { leesMigraties, schemaFout, type Migratie } from '../../src/store/mssql/migraties.js';

/**
 * The checksum of every migration that has shipped. A database that applied one refuses a
 * gateway whose file differs, so a shipped step never changes: a change of the schema is a new
 * step, with its line here.
 */
const UITGEBRACHT: Record<string, string> = {
  '001-schema.sql': 'c6a3c21a55d3c4c0a583d45fadbe4e8cf8cc8c54811311ec9d53362a1b54cb88',
  '002-inzage.sql': 'e714834df487400735a65d3383ea40531360be8f655798b8357e3d7570f8f16b',
  '003-uren-registratie.sql': '4b9d509232eefcadf6d6c2dd1d4435ae954f18991dd27885ef2087b5d96f7a3a',
  '004-engine-kandidaten.sql': '88f4897e395540c1f80db5c60c2e04dfbcd5016b39cd8e03ee8bbf36bf0c36e0',
  '005-message-id-binair.sql': '23ebf10e9a63c24c0e41bbd892a2f7e7cd3d70bc5fe7649c042ccd44bfaa0c4a',
  '006-inzage-zoeken.sql': '225d2ed991e32e5619b3c70cacb9b3e6e4811de92e91d9c267a94009bee2b106',
};

/** The shipped steps that run outside a transaction (their header says `-- transaction: none`). */
const BUITEN_TRANSACTIE = ['006-inzage-zoeken.sql'];

function map(bestanden: Record<string, string>): { pad: string; weg: () => void } {
  const pad = mkdtempSync(join(tmpdir(), 'cvs-migraties-'));
  for (const [naam, tekst] of Object.entries(bestanden)) writeFileSync(join(pad, naam), tekst);
  return { pad: `${pad}/`, weg: () => rmSync(pad, { recursive: true, force: true }) };
}

describe('SQL Server migrations', () => {
  it('have not changed since they shipped, and run in a transaction but where their header says not', () => {
    const migraties = leesMigraties();
    expect(Object.fromEntries(migraties.map((m) => [m.bestand, m.controlegetal]))).to.deep.equal(UITGEBRACHT);
    expect(migraties.filter((m) => m.buitenTransactie).map((m) => m.bestand)).to.deep.equal(BUITEN_TRANSACTIE);
  });

  it("read '-- transaction: none' in a step's header, before its first statement, and refuse another value", () => {
    const m = map({
      '001-a.sql': '-- Step 1\n-- transaction: none\nCREATE INDEX x ON t (a) WITH (ONLINE = ON);\n',
      '002-b.sql': '-- transaction: single\nCREATE TABLE u (a int);\n',
      '003-c.sql': 'CREATE TABLE v (a int);\n-- transaction: none\n',
    });
    try {
      expect(leesMigraties(m.pad).map((s) => s.buitenTransactie)).to.deep.equal([true, false, false]);
      writeFileSync(join(m.pad, '004-d.sql'), '-- transaction: no\nSELECT 1;\n');
      expect(() => leesMigraties(m.pad)).to.throw("migration 004-d.sql: '-- transaction:' takes none or single, not 'no'");
    } finally {
      m.weg();
    }
  });

  it('have a checksum of the file that a checkout with CRLF line endings shares', () => {
    const lf = map({ '001-a.sql': 'CREATE TABLE t (a int);\nGO\nCREATE INDEX x ON t (a);\n' });
    const crlf = map({ '001-a.sql': 'CREATE TABLE t (a int);\r\nGO\r\nCREATE INDEX x ON t (a);\r\n' });
    const anders = map({ '001-a.sql': 'CREATE TABLE t (a int);\nGO\nCREATE INDEX x ON t (a, b);\n' });
    try {
      const [a, b, c] = [lf, crlf, anders].map((m) => leesMigraties(m.pad)[0]!);
      expect(a!.controlegetal).to.match(/^[0-9a-f]{64}$/);
      expect(b!.controlegetal).to.equal(a!.controlegetal);
      expect(c!.controlegetal).not.to.equal(a!.controlegetal);
    } finally {
      for (const m of [lf, crlf, anders]) m.weg();
    }
  });

  describe("the start's check of schema_migratie", () => {
    const migraties: Migratie[] = leesMigraties();
    const stappen = () => migraties.map((m) => ({ versie: m.versie, naam: m.bestand, controlegetal: m.controlegetal as string | null }));

    it('passes a database with every step applied as the files are, or applied before checksums were recorded', () => {
      expect(schemaFout(stappen(), migraties, 'db')).to.equal(undefined);
      expect(schemaFout(stappen().map((s) => ({ ...s, controlegetal: null })), migraties, 'db')).to.equal(undefined);
    });

    it('refuses a step whose file changed after it was applied, and says what to do', () => {
      const s = stappen();
      s[2] = { ...s[2]!, controlegetal: '0'.repeat(64) };
      expect(schemaFout(s, migraties, 'db')).to.equal(
        `migration ${migraties[2]!.bestand} was changed after the database db applied it (its checksum differs): restore the file as it was, and put a change of the schema in a new step`,
      );
      s[2] = { ...s[2]!, controlegetal: migraties[2]!.controlegetal, naam: '003-iets-anders.sql' };
      expect(schemaFout(s, migraties, 'db')).to.match(/applied step 3 as 003-iets-anders.sql, this gateway has 003-/);
    });

    it('refuses a database that lacks a step, or has a newer schema', () => {
      expect(schemaFout(stappen().slice(0, -1), migraties, 'db')).to.match(/needs \d+: run npm run migrate/);
      expect(schemaFout([], migraties, 'db')).to.match(/schema version 0, this gateway needs/);
      const nieuwer = [...stappen(), { versie: migraties.length + 1, naam: '999-x.sql', controlegetal: null }];
      expect(schemaFout(nieuwer, migraties, 'db')).to.match(/newer than this gateway's/);
    });
  });
});
