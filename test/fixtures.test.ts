/**
 * Replays every fixture request against the running sandbox and compares the exact response,
 * ignoring only the fresh wsa:MessageID.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { ROOT } from '../src/config.js';
import { alleMeldingen } from '../src/meldingen/catalogus.js';
import { OPERATIONS, operationsByAction } from '../src/operations/index.js';
import { expected, loadCases, normalise, send } from '../src/fixtures/replay.js';
import { startSandbox, TODAY, type Sandbox } from './support/sandbox.js';
import { element, leesXml, volledigSchema } from './support/xml.js';

const cases = loadCases(`${ROOT}fixtures`);
/** Validates the response element of a SOAP reply where it stands against the full schema: libxml2's message, or undefined. */
function schemaFout(body: string): string | undefined {
  const doc = leesXml(body);
  try {
    volledigSchema().validate(element(doc, '/soap:Envelope/soap:Body/*', { soap: 'http://schemas.xmlsoap.org/soap/envelope/' })!);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  } finally {
    doc.dispose();
  }
}

describe('fixtures replayed against the sandbox', () => {
  it('has a fixture folder for every registered operation, and no folder for anything else', () => {
    const names = OPERATIONS.map((op) => op.naam);
    for (const name of names) expect(cases.filter((c) => c.group === name), name).to.have.length.greaterThan(4);
    const others = [...new Set(cases.map((c) => c.group))].filter((g) => !names.includes(g));
    expect(others.filter((g) => g !== 'faults' && !g.startsWith('scenario-')), 'folders that name no operation').to.deep.equal([]);
    expect(cases.filter((c) => c.group === 'faults')).to.have.length.greaterThan(20);
  });

  /**
   * A folder's cases are steps on one store, in name order (a scenario-* folder builds on its earlier
   * steps): each folder gets a sandbox of its own, and a case first sends the cases before it in its
   * folder that did not go yet, so that it also stands alone (`--grep scenario-pip/03`).
   */
  for (const groep of [...new Set(cases.map((c) => c.group))]) {
    describe(groep, () => {
      const stappen = cases.filter((c) => c.group === groep);
      let sandbox: Sandbox;
      let verstuurd = 0;
      before(async () => {
        sandbox = await startSandbox();
      });
      after(async () => sandbox?.close());

      /** Sends the steps before step `tot` that did not go yet, each answered as documented. */
      const eerdereStappen = async (tot: number) => {
        for (; verstuurd < tot; verstuurd++) {
          const eerder = stappen[verstuurd]!;
          const reply = await send(sandbox.endpoint, eerder, TODAY);
          expect(normalise(reply.body), `${groep}/${eerder.name}, sent first`).to.equal(expected(eerder, TODAY));
        }
      };

      stappen.forEach((c, i) => {
        it(`${c.group}/${c.name}`, async () => {
          await eerdereStappen(i);
          verstuurd = i + 1;
          const reply = await send(sandbox.endpoint, c, TODAY);
          const want = expected(c, TODAY);
          expect(normalise(reply.body)).to.equal(want);
          expect(reply.contentType).to.equal('text/xml; charset=utf-8');
          const isFault = want.includes('<soap:Fault>');
          expect(reply.status).to.equal(isFault ? 500 : 200);
          if (!isFault) {
            expect(schemaFout(reply.body)).to.equal(undefined);
          }
        });
      });

      if (groep === 'faults') {
        it('still serves a normal request after every bad one', async () => {
          await eerdereStappen(stappen.length);
          // A read whose answer no fixture changes: a BSN ISI does not know.
          const ok = cases.find((c) => c.group === 'OpvragenPersoon' && c.name === '12-fs642-niet-in-isi')!;
          const reply = await send(sandbox.endpoint, ok, TODAY);
          expect(reply.status).to.equal(200);
          expect(normalise(reply.body)).to.equal(expected(ok, TODAY));
        });
      }
    });
  }

  // The answers are written relative to today, and must hold on any day the suite runs. On these
  // days relative dates meet months of each length, a year's end and a leap day: an answer that
  // depends on the day (a date three months after another, say, as the signaal engine dates SS127)
  // differs on some of them.
  for (const dag of ['20270131', '20270228', '20270430', '20270531', '20270831', '20271231', '20280229', '20280301']) {
    it(`replay every one as documented on ${dag} too`, async () => {
      const opDag = await startSandbox({}, dag);
      try {
        const anders: string[] = [];
        for (const c of cases) {
          const reply = await send(opDag.endpoint, c, dag);
          if (normalise(reply.body) !== expected(c, dag)) anders.push(`${c.group}/${c.name}`);
        }
        expect(anders).to.deep.equal([]);
      } finally {
        await opDag.close();
      }
    });
  }

  /** Rows no fixture can reach, each with the test that does. */
  const BEREIKT_IN_TEST: Record<string, string> = {
    'i foutOpslaan': 'test/contactpersonen.test.ts: the store refuses the write',
  };

  it('has, for every melding of every handeling built so far, a fixture answered with exactly that melding', () => {
    const byAction = operationsByAction();
    /** Per handeling, the meldingen of each answer as "FS603 BSN is ongeldig". */
    const answers = new Map<string, string[][]>();
    for (const c of cases) {
      const action = /<wsa:Action>([^<]*)<\/wsa:Action>/.exec(readFileSync(c.requestFile, 'latin1'))?.[1];
      const op = action ? byAction.get(action) : undefined;
      if (!op) continue;
      const meldingen = [...readFileSync(c.responseFile, 'utf8').matchAll(/<Soort>(\w+)<\/Soort>\s*<Nummer>(\d+)<\/Nummer>\s*<Tekst>([^<]*)<\/Tekst>/g)].map(
        (m) => `${m[1]}${m[2]} ${m[3]}`,
      );
      answers.set(op.handeling, [...(answers.get(op.handeling) ?? []), meldingen]);
    }
    expect([...answers.keys()].sort()).to.deep.equal([...new Set(OPERATIONS.map((op) => op.handeling))].sort());
    for (const { handeling, key, def } of alleMeldingen().filter((m) => answers.has(m.handeling) && !BEREIKT_IN_TEST[`${m.handeling} ${m.key}`])) {
      const tekst = def.tekst
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/<(?:veldnaam|Veldnaam|veld)>/g, '[A-Za-z]+')
        .replace(/Groep n/g, 'Groep \\d+')
        .replace(/&[12]/g, '.+');
      const row = new RegExp(`^${def.soort}${def.nummer} ${tekst}$`);
      const alone = answers.get(handeling)!.some((m) => m.length > 0 && m.every((x) => row.test(x)));
      expect(alone, `no fixture answers with only ${def.soort} ${def.nummer} ${key} of appendix 4.2 ${handeling}`).to.equal(true);
    }
  });

  it('covers every class of bad input with a fault fixture', () => {
    const codes = new Set(
      cases.filter((c) => c.group === 'faults').map((c) => /<Foutcode>(\d{4})<\/Foutcode>/.exec(readFileSync(c.responseFile, 'utf8'))?.[1]),
    );
    for (const code of ['0001', '0002', '0003', '0004', '0005', '0006', '0007', '0009', '0010']) {
      expect(codes.has(code), `fault ${code}`).to.equal(true);
    }
    const names = cases.filter((c) => c.group === 'faults').map((c) => c.name);
    for (const kind of ['geen-xml', 'doctype', 'externe-entiteit', 'billion-laughs', 'soap12', 'utf-16', 'iso-8859-1', 'geen-wsa-to',
      'geen-wsa-action', 'geen-wsa-messageid', 'soapaction-verschilt', 'onbekend-element', 'header-na-body', 'bsn-twee-keer', 'te-groot',
      'wsa-to-ander-adres', 'replyto-niet-anoniem', 'faultto-niet-anoniem', 'gemeentecode-te-kort', 'gemeentecode-letters', 'geen-gemeentecode',
      'gemeente-in-header']) {
      expect(names.some((n) => n.includes(kind)), kind).to.equal(true);
    }
  });
});
