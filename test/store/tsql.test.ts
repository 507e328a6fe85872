/**
 * The SQL Server adapter's T-SQL, checked without a SQL Server: every statement of
 * src/store/mssql/sql.ts and every statement of every migration is parsed with node-sql-parser's
 * TransactSQL grammar, one test each; each statement names exactly the @parameters its text uses,
 * each with a type; and the migrations mirror the SQLite schema table for table, column for column,
 * index for index.
 *
 * The grammar does not read every valid T-SQL construct. Where it cannot, the construct stays in
 * the SQL that is sent, and the test removes exactly that construct before it parses (REWRITES:
 * what, why). Everything else is parsed as sent. A rewrite no statement needs, or a construct the
 * grammar has learned to read, fails a test here, so the list stays exact. This is a parse check:
 * it says nothing of how SQL Server runs the statements (test/store/mssql.test.ts does, against a
 * real server).
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import pkg from 'node-sql-parser/build/transactsql.js';
import { ROOT } from '../../src/config.js';
import { SCHEMA } from '../../src/store/sqlite/schema.js';
import { GRENZEN } from '../../src/domain/grenzen.js';
import { datasetSchema } from '../../src/dataset/schema.js';
import { leesMigraties, splitsBatches, splitsStatements } from '../../src/store/mssql/migraties.js';
import { PARAMETERS, SQL } from '../../src/store/mssql/sql.js';
import { VOORAF, voerUit } from '../../src/store/mssql/uitvoeren.js';

const parser = new pkg.Parser();
/** The statements the grammar reads in `sql`. */
const parse = (sql: string): any[] => {
  const ast = parser.astify(sql, { database: 'TransactSQL' });
  return Array.isArray(ast) ? ast : [ast];
};

interface Rewrite {
  readonly construct: string;
  readonly reason: string;
  /** A minimal valid T-SQL example of the construct, which the grammar must still refuse. */
  readonly example: string;
  readonly pattern: RegExp;
  readonly replacement: string;
}

/** What the TransactSQL grammar of node-sql-parser 5.x cannot read, and how the test takes it out. */
const REWRITES: readonly Rewrite[] = [
  {
    construct: 'EXEC @status = procedure',
    reason: "the grammar reads EXEC with named arguments, but not the assignment of the procedure's return status (sp_getapplock's answer)",
    example: "DECLARE @r int; EXEC @r = sp_getapplock @Resource = N'x', @LockMode = 'Exclusive'",
    pattern: /\bEXEC\s+@\w+\s*=\s*/gi,
    replacement: 'EXEC ',
  },
  {
    construct: 'CONSTRAINT name FOREIGN KEY (…) REFERENCES table (…)',
    reason: "the grammar's REFERENCES clause expects MySQL's ON UPDATE CURRENT_TIMESTAMP and reads no foreign key of T-SQL, named or not",
    example: 'CREATE TABLE t (a int NOT NULL, CONSTRAINT t_u FOREIGN KEY (a) REFERENCES u (a))',
    pattern: /,\s*CONSTRAINT\s+\w+\s+FOREIGN\s+KEY\s*\([^)]*\)\s*REFERENCES\s+\w+\s*\([^)]*\)/gi,
    replacement: '',
  },
  {
    construct: 'column CONSTRAINT name DEFAULT value',
    reason: 'the grammar reads a column DEFAULT, but not one with a constraint name',
    example: 'CREATE TABLE t (a bit NOT NULL CONSTRAINT t_a DEFAULT 0)',
    pattern: /\bCONSTRAINT\s+\w+\s+(?=DEFAULT\b)/gi,
    replacement: '',
  },
];

/** The text as the grammar gets it: every rewrite applied. */
function forParser(sql: string): string {
  return REWRITES.reduce((text, r) => text.replace(r.pattern, r.replacement), sql);
}

/** The @parameters a text uses: lower-case names, less the variables it DECLAREs (procedure arguments are PascalCase). */
function parametersIn(sql: string): string[] {
  const declared = new Set([...sql.matchAll(/\bDECLARE\s+@(\w+)/gi)].map((m) => m[1]!));
  const names = [...sql.replace(/'(?:[^']|'')*'/g, "''").matchAll(/(?<!@)@([a-z_][a-z0-9_]*)\b/g)].map((m) => m[1]!);
  return [...new Set(names.filter((n) => !declared.has(n)))].sort();
}

const migrations = leesMigraties();

describe('T-SQL of the SQL Server adapter, parsed with node-sql-parser (TransactSQL)', () => {
  describe('src/store/mssql/sql.ts', () => {
    for (const [name, statement] of Object.entries(SQL)) {
      it(`${name} parses, as it is sent`, () => {
        let ast: any[] = [];
        expect(() => (ast = parse(forParser(VOORAF + statement.sql))), statement.sql).not.to.throw();
        expect(ast, 'every statement of the batch is read').to.have.length(splitsStatements(VOORAF + statement.sql).length);
        // Every batch first sets XACT_ABORT ON and its lock timeout.
        expect(ast.slice(0, 2).map((a) => a.type)).to.deep.equal(['set', 'set']);
      });
    }

    it('names in each statement exactly the @parameters its text uses, and gives each a type', () => {
      for (const [name, statement] of Object.entries(SQL)) {
        expect(parametersIn(statement.sql), name).to.deep.equal([...statement.parameters].sort());
        for (const p of statement.parameters) expect(PARAMETERS, `${name}: @${p}`).to.have.property(p);
      }
    });

    it('reads the person row first WITH (UPDLOCK, HOLDLOCK) inside a change, and checks a new signaal under the same hints', () => {
      const hints = (from: any) => (from?.table_hint?.expr ?? []).map((h: any) => h.expr.value).sort();
      const [persoon] = parse(SQL.dossierVoorWijziging.sql);
      expect(persoon.from[0].table).to.equal('persoon');
      expect(hints(persoon.from[0])).to.deep.equal(['HOLDLOCK', 'UPDLOCK']);
      expect(parse(SQL.dossier.sql)[0].from[0].table_hint).to.equal(null);
      const insert = parse(SQL.nieuwSignaal.sql)[0];
      expect(insert.type).to.equal('insert');
      expect(insert.values.where.operator).to.equal('NOT EXISTS');
      expect(hints(insert.values.where.expr.ast.from[0])).to.deep.equal(['HOLDLOCK', 'UPDLOCK']);
    });

    it('sends every statement after VOORAF, with the lock timeout as a parameter of its own', async () => {
      const gezonden: { sql?: string; inputs: Array<[string, unknown]> } = { inputs: [] };
      const doel = {
        request: () => ({
          input: (naam: string, _type: unknown, waarde: unknown) => gezonden.inputs.push([naam, waarde]),
          query: async (sql: string) => ((gezonden.sql = sql), { recordsets: [[]], rowsAffected: [0] }),
        }),
      };
      await voerUit(doel as never, SQL.dossierVoorWijziging, { bsn: '999901333' }, 750);
      expect(gezonden.sql).to.equal(VOORAF + SQL.dossierVoorWijziging.sql);
      expect(gezonden.inputs).to.deep.equal([['cvs_lock_timeout_ms', 750], ['bsn', '999901333']]);
      expect(VOORAF).to.match(/^SET XACT_ABORT ON;\nSET LOCK_TIMEOUT @cvs_lock_timeout_ms;\n$/);
    });

    it('compares every MessageID column binary, as the application lock of an answer hashes the exact string (migration 005)', () => {
      const alles = migrations.map((m) => m.batches.join('\n')).join('\n');
      const tabellen = [...alles.matchAll(/CREATE TABLE (\w+) \(([\s\S]*?)\n\);/g)].filter((m) => /\bmessage_id\b/.test(m[2]!)).map((m) => m[1]!);
      expect(tabellen.sort()).to.deep.equal(['antwoord', 'inzage', 'mutatie']);
      for (const t of tabellen) expect(alles).to.match(new RegExp(`ALTER TABLE ${t} ALTER COLUMN message_id nvarchar\\(255\\) COLLATE Latin1_General_100_BIN2 NOT NULL;`));
    });

    it('gives every parameter that an INSERT puts into a column exactly the type and length of that column', () => {
      // The columns as the migrations leave them: CREATE TABLE, then ALTER COLUMN.
      const kolommen = new Map<string, string>();
      const norm = (type: string) => type.toLowerCase().replace(/\s+/g, '');
      // The migrations' and the one table sql.ts creates itself (schema_migratie).
      for (const b of [...migrations.flatMap((m) => m.batches), SQL.migratieTabel.sql]) {
        {
          for (const t of b.matchAll(/CREATE TABLE (\w+) \(([\s\S]*?)\n\)/g)) {
            for (const regel of t[2]!.split('\n')) {
              const k = /^\s+(\w+)\s+(\w+(?:\([\w ,]+\))?)/.exec(regel);
              if (k && k[1]!.toUpperCase() !== 'CONSTRAINT') kolommen.set(`${t[1]}.${k[1]}`, norm(k[2]!));
            }
          }
          for (const a of b.matchAll(/ALTER TABLE (\w+) ALTER COLUMN (\w+) (\w+(?:\([\w ,]+\))?)/g)) kolommen.set(`${a[1]}.${a[2]}`, norm(a[3]!));
        }
      }
      // Top-level commas only: COALESCE(MAX(versie), 0) + 1 is one value.
      const delen = (lijst: string) => {
        const uit: string[] = [];
        let diepte = 0;
        let huidig = '';
        for (const c of lijst) {
          if (c === '(') diepte++;
          if (c === ')') diepte--;
          if (c === ',' && diepte === 0) (uit.push(huidig.trim()), (huidig = ''));
          else huidig += c;
        }
        return [...uit, huidig.trim()];
      };
      const verschillen: string[] = [];
      let paren = 0;
      for (const [name, statement] of Object.entries(SQL)) {
        for (const i of statement.sql.matchAll(/INSERT INTO (\w+) \(([^)]*)\)\s*(?:VALUES\s*\(([\s\S]*?)\)\s*(?:;|$)|SELECT ([\s\S]*?)(?:\bFROM\b|\bWHERE\b|;|$))/g)) {
          const cols = delen(i[2]!);
          const waarden = delen(i[3] ?? i[4]!);
          expect(waarden, `${name}: as many values as columns`).to.have.length(cols.length);
          cols.forEach((c, n) => {
            const p = /^@(\w+)$/.exec(waarden[n]!)?.[1];
            if (!p) return;
            const kolom = kolommen.get(`${i[1]}.${c}`);
            expect(kolom, `${name}: ${i[1]}.${c} in the migrations`).to.be.a('string');
            paren++;
            if (norm(PARAMETERS[p as keyof typeof PARAMETERS]) !== kolom) verschillen.push(`${name}: @${p} ${PARAMETERS[p as keyof typeof PARAMETERS]} into ${i[1]}.${c} ${kolom}`);
          });
        }
      }
      expect(paren).to.be.greaterThan(100);
      expect(verschillen).to.deep.equal([]);
    });

    it("declares DUO's limits (domain/grenzen.ts) as the widths of both schemas' columns", () => {
      const mssql = migrations.flatMap((m) => m.batches).join('\n');
      const breedtes = (ddl: string, kolom: string) =>
        [...ddl.matchAll(/CREATE TABLE (\w+) \(([\s\S]*?)\n\);/g)].flatMap((t) =>
          [...t[2]!.matchAll(new RegExp(`\\n\\s+${kolom}\\s+n?varchar\\((\\d+)\\)`, 'gi'))].map((k) => `${t[1]}.${kolom} ${k[1]}`),
        );
      const grenzen: Array<[string, string[], number]> = [
        ['instellingcode', ['instelling', 'aanbod_versie', 'uren_versie'], GRENZEN.instellingsnummer.max],
        ['examennummer', ['leerbaarheidstoets'], GRENZEN.examennummer.max],
        ['email', ['contactpersoon_versie'], GRENZEN.email.max],
        ['telefoonnummer', ['contactpersoon_versie'], GRENZEN.telefoon.max],
      ];
      for (const [kolom, tabellen, max] of grenzen) {
        const verwacht = tabellen.map((t) => `${t}.${kolom} ${max}`).sort();
        expect(breedtes(SCHEMA, kolom).sort(), `SQLite ${kolom}`).to.deep.equal(verwacht);
        expect(breedtes(mssql, kolom).sort(), `SQL Server ${kolom}`).to.deep.equal(verwacht);
      }
      // Three tables have a column naam, each with its own limit (an afnemer's: the dataset's).
      for (const ddl of [SCHEMA, mssql]) {
        expect(breedtes(ddl, 'naam').filter((b) => !b.startsWith('schema_migratie')).sort()).to.deep.equal([
          `afnemer_naam.naam ${(datasetSchema.properties.afnemers as { items: { properties: { naam: { maxLength: number } } } }).items.properties.naam.maxLength}`,
          `contactpersoon_versie.naam ${GRENZEN.contactNaam.max}`,
          `instelling.naam ${GRENZEN.instellingNaam.max}`,
        ]);
      }
    });

    it('has no parameter type that no statement uses', () => {
      const inUse = new Set(Object.values(SQL).flatMap((s) => [...s.parameters]));
      expect(Object.keys(PARAMETERS).filter((p) => !inUse.has(p as never))).to.deep.equal([]);
    });
  });

  for (const m of migrations) {
    describe(`migrations/${m.bestand}`, () => {
      m.batches.forEach((batch, b) => {
        splitsStatements(batch).forEach((statement, i) => {
          const title = statement.replace(/\s+/g, ' ').slice(0, 70);
          it(`${m.batches.length > 1 ? `batch ${b + 1} ` : ''}#${i + 1} parses: ${title}`, () => {
            let ast: any[] = [];
            expect(() => (ast = parse(forParser(statement))), statement).not.to.throw();
            expect(ast).to.have.length(1);
          });
        });
      });
    });
  }

  describe('the rewrites', () => {
    for (const r of REWRITES) {
      it(`are still needed: the grammar refuses ${r.construct} (${r.reason})`, () => {
        expect(() => parse(r.example), 'the grammar reads it now: remove this rewrite').to.throw();
        expect(() => parse(forParser(r.example))).not.to.throw();
      });
    }

    it('are each needed by some statement that is sent', () => {
      const texts = [...Object.values(SQL).map((s) => s.sql), ...migrations.flatMap((m) => m.batches.flatMap(splitsStatements))];
      for (const r of REWRITES) expect(texts.filter((t) => t.match(r.pattern)), r.construct).not.to.be.empty;
    });

    it('leave a broken statement broken: the parse check is not vacuous', () => {
      expect(() => parse(forParser('SELECT bsn FORM persoon WHERE bsn = @bsn'))).to.throw();
      expect(() => parse(forParser('INSERT INTO persoon (bsn VALUES (@bsn)'))).to.throw();
    });
  });
});

describe('SQL Server migrations mirror the SQLite schema', () => {
  /** table → columns, from SQLite's CREATE TABLE statements. */
  function sqliteTables(): Map<string, string[]> {
    const tables = new Map<string, string[]>();
    for (const m of SCHEMA.matchAll(/CREATE TABLE (\w+) \(\n([\s\S]*?)\n\);/g)) {
      // The embedded store's dossier as read (sqlite/dossier-lezer.ts): SQL Server reads a dossier
      // in one round trip of result sets, and keeps no copy of it.
      if (m[1] === 'dossier_lezing') continue;
      const columns = m[2]!
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('--') && !/^(PRIMARY|FOREIGN|UNIQUE|CHECK)\b/.test(l))
        .map((l) => /^(\w+)/.exec(l)![1]!);
      tables.set(m[1]!, columns);
    }
    return tables;
  }

  /** A statement, or the statements of both branches of an IF. */
  function ookInIf(node: any): any[] {
    if (node?.type !== 'if') return [node];
    return [node.if_expr, node.else_expr].filter(Boolean).flatMap((tak: any) => ookInIf(tak.ast ?? tak));
  }

  /** table → columns, and the index names, from the migrations' parsed CREATE statements. */
  function migrationSchema(): { tables: Map<string, string[]>; indexes: string[] } {
    const tables = new Map<string, string[]>();
    const indexes: string[] = [];
    for (const m of migrations) {
      for (const batch of m.batches) {
        for (const statement of splitsStatements(batch)) {
          // A step outside a transaction builds what is not there yet: IF … CREATE (migration 006).
          for (const node of parse(forParser(statement)).flatMap(ookInIf)) {
            if (node.type !== 'create') continue;
            if (node.keyword === 'table') {
              const columns = (node.create_definitions as any[]).filter((d) => d.resource === 'column').map((d) => d.column.column as string);
              tables.set(node.table[0].table, columns);
            } else if (node.keyword === 'index') {
              indexes.push(node.index);
            }
          }
        }
      }
    }
    return { tables, indexes };
  }

  it('has every table of SQLite with the same columns in the same order (schema_versie is schema_migratie)', () => {
    const sqlite = sqliteTables();
    expect(sqlite.size).to.be.greaterThan(15);
    const { tables } = migrationSchema();
    expect([...tables.keys()].sort()).to.deep.equal([...sqlite.keys()].sort());
    for (const [table, columns] of sqlite) expect(tables.get(table), table).to.deep.equal(columns);
  });

  it("has every index of SQLite, and SQLite's UNIQUE key of signaal as a unique index filtered to rows with an aanleiding", () => {
    const { indexes } = migrationSchema();
    const sqlite = [...SCHEMA.matchAll(/CREATE INDEX (\w+)/g)].map((m) => m[1]!);
    expect(indexes).to.include.members(sqlite);
    const sql = migrations.flatMap((m) => m.batches).join('\n');
    expect(sql).to.match(/CREATE UNIQUE INDEX signaal_aanleiding ON signaal \(bsn, gemeentecode, code, aanleiding\) WHERE aanleiding IS NOT NULL/);
  });

  it('names every constraint once (SQL Server wants them unique in the schema), unless it was dropped before', () => {
    const bestaand = new Set<string>();
    const dubbel: string[] = [];
    let aantal = 0;
    for (const m of migrations) {
      for (const b of m.batches) {
        for (const x of b.matchAll(/\b(DROP\s+)?CONSTRAINT\s+(\w+)/gi)) {
          const naam = x[2]!.toLowerCase();
          if (x[1]) bestaand.delete(naam);
          else if (bestaand.has(naam)) dubbel.push(naam);
          else (bestaand.add(naam), aantal++);
        }
      }
    }
    expect(aantal).to.be.greaterThan(40);
    expect(dubbel).to.deep.equal([]);
  });

  it('splits a script into batches on GO lines, and a batch into statements on ; outside strings, names and comments', () => {
    const script = "CREATE TABLE a (x int);\nGO\n-- a comment; with a semicolon\nINSERT INTO a VALUES (1); /* GO; */ SELECT 'x;y' AS [p;q];\n  go  \n\n";
    const batches = splitsBatches(script);
    expect(batches).to.have.length(2);
    expect(splitsStatements(batches[1]!)).to.deep.equal(['INSERT INTO a VALUES (1)', "SELECT 'x;y' AS [p;q]"]);
    expect(splitsBatches('-- only a comment\nGO\n')).to.deep.equal([]);
    expect(migrations.map((m) => m.bestand)).to.deep.equal(['001-schema.sql', '002-inzage.sql', '003-uren-registratie.sql', '004-engine-kandidaten.sql', '005-message-id-binair.sql', '006-inzage-zoeken.sql']);
  });

  it('keeps dates as date, moments as datetime2 and flags as bit', () => {
    const sql = readFileSync(`${ROOT}src/store/mssql/migrations/001-schema.sql`, 'utf8');
    for (const [column, type] of [
      ['geboortedatum', 'date'],
      ['datum_registratie', 'date'],
      ['tijdstip', 'datetime2(3)'],
      ['woont_in_azc', 'bit'],
      ['bsn', 'char(9)'],
    ] as const) {
      expect(sql, column).to.match(new RegExp(`^\\s+${column}\\s+${type.replace(/[()]/g, '\\$&')}\\s`, 'm'));
    }
    expect(sql).not.to.match(/\bvarchar\(8\)|\bchar\(8\)/i);
  });
});
