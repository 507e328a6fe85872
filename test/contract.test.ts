/** The served contract: the WSDL with its real address, its schemas at URLs the server serves. */
import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'chai';
import libxml from 'libxmljs2';
import { ROOT } from '../src/config.js';
import { startSandbox, type Sandbox } from './support/sandbox.js';

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
    const doc = libxml.parseXml(readFileSync(`${ROOT}wsdl/CvsKoppeling_Wi2021_v1.wsdl`, 'utf8'));
    const ns = { wsdl: 'http://schemas.xmlsoap.org/wsdl/', soap: 'http://schemas.xmlsoap.org/wsdl/soap/' };
    const ops = doc.find<libxml.Element>('//wsdl:portType/wsdl:operation', ns);
    expect(ops.length).to.be.greaterThan(0);
    for (const op of ops) {
      for (const io of op.find<libxml.Element>('wsdl:input|wsdl:output', ns)) {
        const action = io.attrs().find((a) => a.name() === 'Action' && a.namespace()?.href() === 'http://www.w3.org/2007/05/addressing/metadata');
        expect(action?.value(), `${op.attr('name')?.value()} ${io.name()}`).to.match(/^http:\/\/www\.duo\.nl\/cvs-koppeling\/wi2021_v1\//);
      }
    }
    expect(doc.get<libxml.Element>('//soap:binding', ns)?.attr('style')?.value()).to.equal('document');
    for (const body of doc.find<libxml.Element>('//soap:body', ns)) expect(body.attr('use')?.value()).to.equal('literal');
  });

  it('serves every schema the WSDL imports, with includes that resolve to the server again', async () => {
    const seen = new Set<string>();
    const queue = [`${sandbox.endpoint}?wsdl`];
    while (queue.length > 0) {
      const url = queue.shift()!;
      const res = await get(url);
      expect(res.status, url).to.equal(200);
      libxml.parseXml(res.text);
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
});
