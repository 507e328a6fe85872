/**
 * `npm run inzage`: the inzage trail of real requests to the sandbox, answered by the tool as its
 * own process on the same store file, as a table, CSV and JSON, with its criteria, its checks of
 * what it is given and its exit codes; and a trail too long to hold in memory, read a slice at a time.
 */
import { execFile, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { ROOT } from '../src/config.js';
import { addDays, todayInNetherlands } from '../src/domain/datum.js';
import { pseudoniem } from '../src/log/pseudoniem.js';
import type { Inzage } from '../src/store/port.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { call, type Call } from './support/client.js';
import { inBestand, type Sandbox } from './support/sandbox.js';
import { inzagesVan } from './support/inzages.js';

const PERSOON = '999905107';
const ANDER = '999918321';
/** A valid BSN of no one the trail knows. */
const NIEMAND = '999990019';
const GRONINGEN = '00000001000000000014';
const LEVERANCIER = '00000003000000000001';
const NAMEN: Record<string, string> = { [GRONINGEN]: 'Gemeente Groningen (test)', [LEVERANCIER]: 'CVS-leverancier (test), namens Groningen en Almere' };

interface Uitkomst {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/** The tool as its own process, with the test's environment less every CVS_* setting, plus `env`; stdout is a pipe. */
function inzage(args: string[], env: Record<string, string>, node: string[] = []): Promise<Uitkomst> {
  const schoon = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CVS_')));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...node, '--import', 'tsx', 'src/cli/inzage.ts', ...args],
      { cwd: ROOT, env: { ...schoon, ...env }, maxBuffer: 256 * 1024 * 1024 },
      (err, out, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, out, err: stderr }),
    );
  });
}

/** RFC 4180: records of fields, quoted fields with doubled quotes and line breaks, CRLF between records. */
function leesCsv(tekst: string): string[][] {
  const records: string[][] = [];
  let veld = '';
  let record: string[] = [];
  let i = 0;
  while (i < tekst.length) {
    if (tekst[i] === '"') {
      i++;
      for (;;) {
        if (tekst[i] === '"' && tekst[i + 1] === '"') (veld += '"'), (i += 2);
        else if (tekst[i] === '"') break;
        else if (i >= tekst.length) throw new Error('a quoted field does not end');
        else veld += tekst[i++];
      }
      i++;
    }
    if (tekst.startsWith('\r\n', i)) {
      records.push([...record, veld]);
      (record = []), (veld = ''), (i += 2);
    } else if (tekst[i] === ',') {
      record.push(veld);
      (veld = ''), i++;
    } else if (i < tekst.length) {
      if (tekst[i] === '"' || tekst[i] === '\n' || tekst[i] === '\r') throw new Error(`not RFC 4180 at ${i}`);
      veld += tekst[i++];
    }
  }
  if (veld !== '' || record.length > 0) throw new Error('the last record does not end with CRLF');
  return records;
}

/** An ISO moment as the Dutch clock showed it, as the test reads it: JJJJ-MM-DD UU:MM:SS. */
function nederlands(moment: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(moment))
      .map((d) => [d.type, d.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

const KOP = ['tijdstip', 'oin', 'afnemer', 'gemeente', 'operatie', 'resultaat', 'messageid'];

describe('npm run inzage: who looked at my data', function () {
  this.timeout(120_000);
  let sandbox: Sandbox;
  let env: Record<string, string>;
  /** The requests about PERSOON, in the order they were made. */
  let verzoeken: Array<{ call: Call; oin: string; gemeente: string; operatie: string }>;
  let anderVerzoek: Call;
  /** The trail's moment of each request, by MessageID (the gateway's clock, read from the store). */
  const momenten = new Map<string, string>();
  const stderr: string[] = [];

  /** Runs the tool against the sandbox's store, and keeps its stderr for the privacy check. */
  async function draai(args: string[], extra: Record<string, string> = {}): Promise<Uitkomst> {
    const u = await inzage(args, { ...env, ...extra });
    stderr.push(u.err);
    return u;
  }

  /** The rows the tool should print for `verzoeken`: time in Dutch time, name from `namen`. */
  const rijen = (lijst: typeof verzoeken, namen: Record<string, string> = NAMEN) =>
    lijst.map((v) => [
      nederlands(momenten.get(v.call.messageId)!),
      v.oin,
      namen[v.oin] ?? '',
      v.gemeente,
      v.operatie,
      v.call.text('//ib:Verwerkt') === 'false' || v.call.status !== 200 ? 'niet verwerkt' : 'verwerkt',
      v.call.messageId,
    ]);

  before(async () => {
    sandbox = await inBestand();
    env = { CVS_DATABASE: sandbox.config.database };
    const doe = async (operatie: string, bsn: string, oin = GRONINGEN, gemeente = '0014', messageId?: string) => {
      const c = await call(sandbox.endpoint, operatie, [['Bsn', bsn]], { oin, gemeente, ...(messageId ? { messageId } : {}) });
      // One moment each: the order of time is the order of the requests.
      await sleep(3);
      return { call: c, oin, gemeente, operatie };
    };
    verzoeken = [];
    // A MessageID is the afnemer's text: this one needs CSV's quotes.
    verzoeken.push(await doe('OpvragenPersoon', PERSOON, GRONINGEN, '0014', `urn:avg:"inzage",${randomUUID()}`));
    anderVerzoek = (await doe('OpvragenPersoon', ANDER)).call;
    verzoeken.push(await doe('OpvragenPipHistorie', PERSOON, LEVERANCIER));
    verzoeken.push(await doe('OpvragenPersoon', PERSOON, LEVERANCIER, '0034'));
    verzoeken.push(await doe('IntrekkenPip', PERSOON));
    // Again: there is no PIP to withdraw now, and the refused change is in the trail too, as not processed.
    verzoeken.push(await doe('IntrekkenPip', PERSOON));
    for (const b of [PERSOON, ANDER]) {
      for (const i of await inzagesVan(sandbox.store, pseudoniem(b, sandbox.config.pseudonymKey))) momenten.set(i.messageId, i.tijdstip);
    }
    expect(momenten.size).to.equal(6);
    expect(verzoeken.map((v) => v.call.text('//ib:Verwerkt') ?? String(v.call.status))).to.deep.equal(['true', 'true', 'false', 'true', 'false']);
  });

  after(async () => sandbox.close());

  it("writes a person's reads and changes as CSV when stdout is no terminal: a header, then one record a line in order of time", async () => {
    const u = await draai(['--bsn', PERSOON]);
    expect(u.code).to.equal(0);
    expect(leesCsv(u.out)).to.deep.equal([KOP, ...rijen(verzoeken)]);
    expect(u.err).to.equal('inzage: 5 records\n');
  });

  it('writes the same as JSON, its moments in UTC as the trail keeps them', async () => {
    const u = await draai(['--bsn', PERSOON, '--format', 'json']);
    expect(u.code).to.equal(0);
    expect(JSON.parse(u.out)).to.deep.equal(
      verzoeken.map((v, n) => ({
        tijdstip: momenten.get(v.call.messageId),
        oin: v.oin,
        afnemer: NAMEN[v.oin],
        gemeente: v.gemeente,
        operatie: v.operatie,
        verwerkt: rijen(verzoeken)[n]![5] === 'verwerkt',
        messageId: v.call.messageId,
      })),
    );
  });

  it('writes the same as a table, each column aligned under its header', async () => {
    const u = await draai(['--bsn', PERSOON, '--format', 'table']);
    expect(u.code).to.equal(0);
    const [kop, streep, ...regels] = u.out.trimEnd().split('\n');
    // Each column starts where its header does; the rule under the header spans each column.
    const begin = KOP.map((k) => kop!.indexOf(k));
    expect(begin.every((b, i) => i === 0 ? b === 0 : b > begin[i - 1]!)).to.equal(true);
    expect(streep!.split('  ').map((s) => s.length)).to.deep.equal(begin.slice(1).map((b, i) => b - begin[i]! - 2).concat(streep!.length - begin[6]!));
    const cellen = (r: string) => begin.map((b, i) => r.slice(b, begin[i + 1]).trimEnd());
    expect(regels.map(cellen)).to.deep.equal(rijen(verzoeken));
    expect(regels.every((r) => !r.endsWith(' '))).to.equal(true);
  });

  it('writes the table by default on a terminal (script(1) gives it one)', function () {
    if (spawnSync('script', ['--version']).error) {
      if (process.env.CI) throw new Error('CI runs this test: apt-get install bsdutils');
      this.skip();
    }
    const schoon = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CVS_')));
    const r = spawnSync('script', ['-qec', `${process.execPath} --import tsx src/cli/inzage.ts --messageid ${verzoeken[1]!.call.messageId}`, '/dev/null'], {
      cwd: ROOT,
      env: { ...schoon, ...env },
      encoding: 'utf8',
    });
    expect(r.status).to.equal(0);
    const regels = r.stdout.replaceAll('\r\n', '\n').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('inzage:'));
    expect(regels[0]!.split(/\s+/)).to.deep.equal(KOP);
    expect(regels[1]).to.match(/^-+( +-+){6}$/);
    expect(regels.slice(2).map((l) => l.split(/ {2,}/))).to.deep.equal(rijen(verzoeken.slice(1, 2)));
  });

  it('combines the criteria: an afnemer, a MessageID, an afnemer of a person', async () => {
    const csv = async (args: string[]) => {
      const u = await draai(args);
      expect(u.code, args.join(' ')).to.equal(0);
      return leesCsv(u.out).slice(1);
    };
    const gevallen: Array<[string[], string[][]]> = [
      // The afnemer's reads of every person.
      [['--oin', GRONINGEN], rijen([verzoeken[0]!, { call: anderVerzoek, oin: GRONINGEN, gemeente: '0014', operatie: 'OpvragenPersoon' }, verzoeken[3]!, verzoeken[4]!])],
      [['--bsn', PERSOON, '--oin', LEVERANCIER], rijen(verzoeken.slice(1, 3))],
      [['--messageid', verzoeken[2]!.call.messageId], rijen([verzoeken[2]!])],
      [['--messageid', verzoeken[2]!.call.messageId, '--bsn', ANDER], []],
      [['--oin', '00000009999999999999'], []],
    ];
    const gevonden = await Promise.all(gevallen.map(([args]) => csv(args)));
    expect(gevonden).to.deep.equal(gevallen.map(([, rijen]) => rijen));
  });

  it('takes a window of Dutch days (--tot included) or of moments', async () => {
    const csv = async (args: string[]) => {
      const u = await draai(['--bsn', PERSOON, ...args]);
      expect(u.code, args.join(' ')).to.equal(0);
      return leesCsv(u.out).slice(1);
    };
    const vandaag = todayInNetherlands(new Date(momenten.get(verzoeken[0]!.call.messageId)!));
    const iso = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}`;
    const alle = rijen(verzoeken);
    const moment = (n: number) => momenten.get(verzoeken[n]!.call.messageId)!;
    const gevallen: Array<[string[], string[][]]> = [
      [['--van', vandaag, '--tot', vandaag], alle],
      [['--van', iso(vandaag), '--tot', iso(vandaag)], alle],
      [['--van', addDays(vandaag, 1)], []],
      [['--tot', addDays(vandaag, -1)], []],
      // Moments: --van from that moment, --tot up to and including it.
      [['--van', moment(1), '--tot', moment(2)], alle.slice(1, 3)],
      [['--van', new Date(Date.parse(moment(2)) + 1).toISOString().replace('Z', '+00:00')], alle.slice(3)],
    ];
    const gevonden = await Promise.all(gevallen.map(([args]) => csv(args)));
    expect(gevonden).to.deep.equal(gevallen.map(([, rijen]) => rijen));
  });

  it('answers for a person without records with the header alone, and exit code 0', async () => {
    const csv = await draai(['--bsn', NIEMAND]);
    expect([csv.code, csv.out, csv.err]).to.deep.equal([0, `${KOP.join(',')}\r\n`, 'inzage: 0 records\n']);
    const json = await draai(['--bsn', NIEMAND, '--format', 'json']);
    expect([json.code, JSON.parse(json.out)]).to.deep.equal([0, []]);
    const tabel = await draai(['--bsn', NIEMAND, '--format', 'table']);
    expect(tabel.code).to.equal(0);
    expect(tabel.out.trimEnd().split('\n').map((l) => l.split(/ {2,}/))).to.deep.equal([KOP, KOP.map((k) => '-'.repeat(k.length))]);
  });

  it('checks the BSN by the elfproef, and every other criterion, with exit code 2 and a message that repeats no value', async () => {
    const fout = async (args: string[], extra: Record<string, string> = {}) => {
      const u = await draai(args, extra);
      expect(u.code, args.join(' ')).to.equal(2);
      expect(u.out, args.join(' ')).to.equal('');
      return u.err.split('\n')[0];
    };
    // Side by side: each is a process of its own.
    const gevallen: Array<[string[], string]> = [
      [['--bsn', '999905108'], 'inzage: --bsn is not a BSN: nine digits that pass the elfproef'],
      [['--bsn', '12345'], 'inzage: --bsn is not a BSN: nine digits that pass the elfproef'],
      [[PERSOON], 'inzage: every value needs its option (--bsn, --messageid, --oin, --van, --tot, --format)'],
      [['--bsm', PERSOON], 'inzage: an option it does not know'],
      [['--bsn'], 'inzage: an option lacks its value'],
      [[], 'inzage: give at least one of --bsn, --messageid and --oin'],
      [['--van', '20260101'], 'inzage: give at least one of --bsn, --messageid and --oin'],
      [['--oin', '1234'], 'inzage: --oin is not an OIN: twenty digits'],
      [['--messageid', 'x'.repeat(256)], 'inzage: --messageid must be 1 to 255 characters'],
      [['--bsn', PERSOON, '--van', '20260230'], 'inzage: --van is not a real date'],
      [['--bsn', PERSOON, '--tot', '2026-12-07T10:00:00'], 'inzage: --tot is not a date (JJJJMMDD, JJJJ-MM-DD) or an ISO 8601 moment with its zone'],
      [['--bsn', PERSOON, '--van', '20261202', '--tot', '20261201'], 'inzage: --van is after --tot'],
      [['--bsn', PERSOON, '--van', '00010101'], 'inzage: --van lies outside the years 1900 to 9998'],
      [['--bsn', PERSOON, '--tot', '9999-12-31'], 'inzage: --tot lies outside the years 1900 to 9998'],
      [['--bsn', PERSOON, '--format', 'xml'], 'inzage: --format is table, csv or json'],
    ];
    const meldingen = await Promise.all(gevallen.map(([args]) => fout(args)));
    expect(meldingen).to.deep.equal(gevallen.map(([, melding]) => melding));
  });

  it('reads the store the gateway reads, and says so when the environment names none (exit 2) or it cannot be read (exit 1)', async () => {
    const geen = await inzage(['--bsn', PERSOON], {});
    stderr.push(geen.err);
    expect([geen.code, geen.out]).to.deep.equal([2, '']);
    expect(geen.err).to.equal("inzage: set CVS_DATABASE to the gateway's store file, or CVS_MSSQL_URL (or CVS_MSSQL_SERVER and the rest) to its SQL Server\n");
    const dir = mkdtempSync(join(tmpdir(), 'cvs-inzage-'));
    try {
      const weg = await draai(['--bsn', PERSOON], { CVS_DATABASE: join(dir, 'geen.sqlite') });
      expect([weg.code, weg.out, weg.err]).to.deep.equal([2, '', `inzage: CVS_DATABASE: there is no file ${join(dir, 'geen.sqlite')}\n`]);
      writeFileSync(join(dir, 'kapot.sqlite'), 'this is not a database, but long enough to be read as a header of one'.repeat(20));
      const kapot = await draai(['--bsn', PERSOON], { CVS_DATABASE: join(dir, 'kapot.sqlite') });
      expect([kapot.code, kapot.out]).to.deep.equal([1, '']);
      expect(kapot.err).to.match(/^inzage: the store cannot be opened: file is not a database\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("takes the afnemers' names from the afnemers file when the gateway has one (CVS_AFNEMERS), and shows an OIN it does not know without a name", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvs-inzage-'));
    try {
      const bestand = join(dir, 'afnemers.json');
      const naam = '=Gemeente Groningen, "afdeling Inburgering"';
      writeFileSync(bestand, JSON.stringify({ afnemers: [{ oin: GRONINGEN, naam, gemeenten: [{ gemeente: '0014', rol: 'muteren' }] }] }));
      const u = await draai(['--bsn', PERSOON], { CVS_AFNEMERS: bestand });
      expect(u.code).to.equal(0);
      // A field a spreadsheet would take for a formula gets an apostrophe first.
      expect(leesCsv(u.out)).to.deep.equal([KOP, ...rijen(verzoeken, { [GRONINGEN]: `'${naam}` })]);
      const json = await draai(['--bsn', PERSOON, '--format', 'json'], { CVS_AFNEMERS: bestand });
      expect((JSON.parse(json.out) as Array<{ afnemer: string }>).map((r) => r.afnemer)).to.deep.equal(verzoeken.map((v) => (v.oin === GRONINGEN ? naam : '')));
      writeFileSync(bestand, '{"afnemers": [{}]}');
      const fout = await draai(['--bsn', PERSOON], { CVS_AFNEMERS: bestand });
      expect([fout.code, fout.out]).to.deep.equal([2, '']);
      expect(fout.err).to.match(/^inzage: .*afnemers\.json is not a valid afnemers file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('wrote no BSN to stderr, whatever it was asked (the tests above)', () => {
    expect(stderr.length).to.be.greaterThan(15);
    const alles = stderr.join('\n');
    for (const bsn of [PERSOON, ANDER, NIEMAND, '999905108']) expect(alles).not.to.include(bsn);
  });
});

describe('npm run inzage on a long trail', function () {
  this.timeout(120_000);

  it('reads the 100,000 records of one person a slice at a time, in a heap (64 MB) the whole trail would not fit in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvs-inzage-'));
    const filename = join(dir, 'store.sqlite');
    try {
      const store = new SqliteStore({ filename });
      const sleutel = pseudoniem(PERSOON, 'cvs-koppeling-sandbox-pseudonym-key');
      const begin = Date.parse('2026-01-01T00:00:00.000Z');
      // Long MessageIDs (the column holds 255): read whole, the trail needs a heap of over 96 MB.
      const record = (n: number): Inzage => ({
        tijdstip: new Date(begin + n * 1000).toISOString(),
        oin: GRONINGEN,
        gemeente: '0014',
        operatie: 'OpvragenPersoon',
        bsnPseudoniem: sleutel,
        messageId: `urn:uuid:${String(n).padStart(12, '0')}:${'x'.repeat(230)}`,
        verwerkt: true,
      });
      for (let n = 0; n < 100_000; n += 5000) await Promise.all(Array.from({ length: 5000 }, (_, i) => store.registreerInzage(record(n + i))));
      await store.close();
      const u = await inzage(['--bsn', PERSOON, '--format', 'json'], { CVS_DATABASE: filename }, ['--max-old-space-size=64']);
      expect(u.err).to.equal('inzage: 100000 records\n');
      expect(u.code).to.equal(0);
      const gevonden = JSON.parse(u.out) as Array<{ messageId: string }>;
      expect(gevonden.length).to.equal(100_000);
      expect(gevonden.every((r, n) => r.messageId === record(n).messageId)).to.equal(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
