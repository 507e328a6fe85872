/** The served contract: the WSDL with its real address, its schemas at URLs the server serves. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'chai';
import { ROOT } from '../src/config.js';
import { bijlage42, type MeldingDef } from '../src/meldingen/catalogus.js';
import { OPERATIONS } from '../src/operations/index.js';
import { NS } from '../src/soap/ns.js';
import { startSandbox, type Sandbox } from './support/sandbox.js';
import { element, elementen, leesXml, tekst } from './support/xml.js';

const XS = { xs: 'http://www.w3.org/2001/XMLSchema' };
const XMLLINT_HINT = "needs xmllint: apt-get install libxml2-utils";

function xmllintAvailable(): boolean {
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const xmllint = xmllintAvailable();
if (!xmllint && process.env.CI) throw new Error(`CI checks the schemas with xmllint: ${XMLLINT_HINT}`);

describe('the served contract', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(async () => sandbox.close());

  const get = async (url: string) => {
    const res = await fetch(url);
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };

  it('serves the WSDL at ?wsdl with the real endpoint address', async () => {
    const wsdl = await get(`${sandbox.endpoint}?wsdl`);
    expect(wsdl.status).to.equal(200);
    expect(wsdl.type).to.equal('text/xml; charset=utf-8');
    expect(wsdl.text).to.include(`<soap:address location="${sandbox.endpoint}"/>`);
    expect(wsdl.text).to.include(`schemaLocation="${sandbox.endpoint}?xsd=Wi2021_v1.xsd"`);
    expect((await get(`${sandbox.endpoint}?WSDL`)).text).to.equal(wsdl.text);
  });

  it('states a wsam:Action for every input and output, and SOAP 1.1 document/literal', () => {
    const doc = leesXml(readFileSync(`${ROOT}wsdl/CvsKoppeling_Wi2021_v1.wsdl`, 'utf8'));
    const ns = { wsdl: 'http://schemas.xmlsoap.org/wsdl/', soap: 'http://schemas.xmlsoap.org/wsdl/soap/' };
    const ops = elementen(doc, '//wsdl:portType/wsdl:operation', ns);
    expect(ops.length).to.be.greaterThan(0);
    for (const op of ops) {
      for (const io of elementen(op, 'wsdl:input|wsdl:output', ns)) {
        const action = io.attrs.find((a) => a.name === 'Action' && a.namespaceUri === 'http://www.w3.org/2007/05/addressing/metadata');
        expect(action?.value, `${op.attr('name')?.value} ${io.name}`).to.match(/^http:\/\/www\.duo\.nl\/cvs-koppeling\/wi2021_v1\//);
      }
    }
    expect(element(doc, '//soap:binding', ns)?.attr('style')?.value).to.equal('document');
    for (const body of elementen(doc, '//soap:body', ns)) expect(body.attr('use')?.value).to.equal('literal');
  });

  it('serves every schema the WSDL imports, with includes that resolve to the server again', async () => {
    const seen = new Set<string>();
    const queue = [`${sandbox.endpoint}?wsdl`];
    while (queue.length > 0) {
      const url = queue.shift()!;
      const res = await get(url);
      expect(res.status, url).to.equal(200);
      leesXml(res.text);
      for (const m of res.text.matchAll(/schemaLocation="([^"]+)"/g)) {
        const next = m[1]!.replace(/&amp;/g, '&');
        expect(next.startsWith(`${sandbox.endpoint}?xsd=`), next).to.equal(true);
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    expect([...seen].map((u) => u.split('=')[1]).sort()).to.deep.equal(readdirSync(`${ROOT}xsd`).sort());
  });

  it('answers 404 for an unknown schema or path, and 405 for other methods', async () => {
    expect((await get(`${sandbox.endpoint}?xsd=../package.json`)).status).to.equal(404);
    expect((await get(`${sandbox.endpoint}?xsd=Onbekend.xsd`)).status).to.equal(404);
    expect((await get(sandbox.endpoint.replace('wi2021_v1', 'anders'))).status).to.equal(404);
    expect((await fetch(sandbox.endpoint, { method: 'PUT' })).status).to.equal(405);
  });

  it('answers /health and /ready', async () => {
    const base = new URL(sandbox.endpoint).origin;
    expect(JSON.parse((await get(`${base}/health`)).text)).to.deep.equal({ status: 'ok' });
    expect(JSON.parse((await get(`${base}/ready`)).text)).to.deep.equal({ status: 'ready' });
  });

  it('documents every element, type, group and code of every XSD', () => {
    const missing: string[] = [];
    let documented = 0;
    for (const file of readdirSync(`${ROOT}xsd`)) {
      const doc = leesXml(readFileSync(`${ROOT}xsd/${file}`, 'utf8'));
      const items = elementen(doc, '//xs:element[@name] | //xs:complexType[@name] | //xs:simpleType[@name] | //xs:group[@name] | //xs:enumeration', XS);
      documented += items.length;
      for (const el of items) {
        const text = element(el, 'xs:annotation/xs:documentation', XS)?.content.trim();
        if (!text) missing.push(`${file}: ${el.name} ${el.attr('name')?.value ?? el.attr('value')?.value}`);
      }
    }
    expect(missing).to.deep.equal([]);
    expect(documented).to.be.greaterThan(100);
  });

  it('documents every WSDL operation with its appendix 4.2 section and every melding of that section it answers with', async () => {
    const doc = leesXml((await get(`${sandbox.endpoint}?wsdl`)).text);
    const ns = { wsdl: 'http://schemas.xmlsoap.org/wsdl/' };
    for (const op of OPERATIONS) {
      const text = element(doc, `//wsdl:portType/wsdl:operation[@name="${op.naam}"]/wsdl:documentation`, ns)!.content;
      expect(text, op.naam).to.include(`Bijlage 4.2 ${op.handeling}: ${bijlage42[op.handeling].titel}`);
      const rijen = Object.entries(bijlage42[op.handeling].meldingen as Record<string, MeldingDef>);
      for (const [key, m] of rijen) {
        const regel = `${m.soort} ${m.nummer} ${m.tekst}`;
        if (!op.meldingen || op.meldingen.includes(key)) expect(text, op.naam).to.include(regel);
        else expect(text, op.naam).not.to.include(regel);
      }
    }
  });

  describe(`xmllint${xmllint ? '' : ` (pending: ${XMLLINT_HINT})`}`, () => {
    before(function () {
      if (!xmllint) this.skip();
    });
    for (const file of readdirSync(`${ROOT}xsd`)) {
      it(`accepts ${file} as a schema (xmllint --noout --schema)`, () => {
        // A schema that does not compile makes xmllint exit with 5 whatever the instance; the
        // instance here is an empty request element, which validates or not without a schema error.
        const out = execFileSync('sh', ['-c', `echo '<OpvragenPersoon xmlns="${NS.ib}"/>' | xmllint --noout --schema "$0" - 2>&1; echo "exit $?"`, `${ROOT}xsd/${file}`]).toString();
        expect(out).not.to.match(/failed to compile|Schemas parser error/);
        expect(out).to.match(/exit [01]$|exit 3$/m);
      });
    }
  });
});
