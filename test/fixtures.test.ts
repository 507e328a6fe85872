/**
 * Replays every fixture request against the running sandbox and compares the exact response,
 * ignoring only the fresh wsa:MessageID.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import libxml from 'libxmljs2';
import { ROOT } from '../src/config.js';
import { bijlage42 } from '../src/meldingen/catalogus.js';
import { expected, loadCases, normalise, send } from '../src/fixtures/replay.js';
import { startSandbox, TODAY, type Sandbox } from './support/sandbox.js';

const cases = loadCases(`${ROOT}fixtures`);
const fullSchema = libxml.parseXml(readFileSync(`${ROOT}xsd/Wi2021_v1.xsd`, 'utf8'), { baseUrl: `${ROOT}xsd/` });

/** The response element of a SOAP reply, as a document of its own. */
function responseElement(body: string): libxml.Document {
  const doc = libxml.parseXml(body);
  const el = doc.get<libxml.Element>('/soap:Envelope/soap:Body/*', { soap: 'http://schemas.xmlsoap.org/soap/envelope/' })!;
  return libxml.parseXml(el.clone().toString(false));
}

describe('fixtures replayed against the sandbox', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(async () => sandbox.close());

  it('has fixtures for every operation folder and for faults', () => {
    expect(cases.filter((c) => c.group === 'OpvragenPersoon')).to.have.length.greaterThan(10);
    expect(cases.filter((c) => c.group === 'faults')).to.have.length.greaterThan(20);
  });

  for (const c of cases) {
    it(`${c.group}/${c.name}`, async () => {
      const reply = await send(sandbox.endpoint, c, TODAY);
      const want = expected(c, TODAY);
      expect(normalise(reply.body)).to.equal(want);
      expect(reply.contentType).to.equal('text/xml; charset=utf-8');
      const isFault = want.includes('<soap:Fault>');
      expect(reply.status).to.equal(isFault ? 500 : 200);
      if (!isFault) {
        const doc = responseElement(reply.body);
        expect(doc.validate(fullSchema), JSON.stringify(doc.validationErrors.map((e) => e.message))).to.equal(true);
      }
    });
  }

  it('still serves a normal request after every bad one', async () => {
    const ok = cases.find((c) => c.name === '01-volledig-overzicht')!;
    const reply = await send(sandbox.endpoint, ok, TODAY);
    expect(reply.status).to.equal(200);
    expect(normalise(reply.body)).to.equal(expected(ok, TODAY));
  });

  it('covers every melding of appendix 4.2 a with a fixture', () => {
    const answers = cases.filter((c) => c.group === 'OpvragenPersoon').map((c) => readFileSync(c.responseFile, 'utf8'));
    for (const [key, def] of Object.entries(bijlage42.a.meldingen)) {
      const shown = answers.some(
        (a) => a.includes(`<Soort>${def.soort}</Soort>`) && a.includes(`<Nummer>${def.nummer}</Nummer>`) && a.includes(`<Tekst>${def.tekst}</Tekst>`),
      );
      expect(shown, `no fixture answers with ${def.soort} ${def.nummer} (${key})`).to.equal(true);
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
      'geen-wsa-action', 'geen-wsa-messageid', 'soapaction-verschilt', 'onbekend-element', 'header-na-body', 'bsn-twee-keer', 'te-groot']) {
      expect(names.some((n) => n.includes(kind)), kind).to.equal(true);
    }
  });
});
