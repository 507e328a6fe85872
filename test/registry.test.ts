/**
 * The registry (src/operations/index.ts) is the one list of operations. The committed WSDL, its
 * actions and the XSD's request and response elements must name exactly the same set: an operation
 * in one and not in the other fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'chai';
import { ROOT } from '../src/config.js';
import { OPERATIONS } from '../src/operations/index.js';
import { ACTION_PREFIX, NS, WSDL_FILE } from '../src/soap/ns.js';
import { writeWsdl } from '../src/soap/wsdl.js';
import { element, elementen, leesXml, XmlElement } from './support/xml.js';

const WSDL = { wsdl: 'http://schemas.xmlsoap.org/wsdl/', soap: 'http://schemas.xmlsoap.org/wsdl/soap/', wsam: 'http://www.w3.org/2007/05/addressing/metadata' };
const XS = { xs: 'http://www.w3.org/2001/XMLSchema' };
const committed = readFileSync(`${ROOT}wsdl/${WSDL_FILE}`, 'utf8');
const names = OPERATIONS.map((op) => op.naam).sort();

describe('the registry of operations', () => {
  it('is what the committed WSDL says (npm run contract writes it)', () => {
    expect(committed, 'wsdl/ differs from the registry: run npm run contract').to.equal(writeWsdl(OPERATIONS));
  });

  it('names the same operations as the WSDL portType and binding, with their actions', () => {
    const doc = leesXml(committed);
    const ops = elementen(doc, '//wsdl:portType/wsdl:operation', WSDL);
    expect(ops.map((op) => op.attr('name')!.value).sort()).to.deep.equal(names);
    expect(elementen(doc, '//wsdl:binding/wsdl:operation', WSDL).map((op) => op.attr('name')!.value).sort()).to.deep.equal(names);
    for (const op of ops) {
      const name = op.attr('name')!.value;
      const action = (io: string) => element(op, `wsdl:${io}`, WSDL)!.attrs.find((a) => a.name === 'Action' && a.namespaceUri === WSDL.wsam)?.value;
      expect(action('input'), name).to.equal(`${ACTION_PREFIX}${name}`);
      expect(action('output'), name).to.equal(`${ACTION_PREFIX}${name}Response`);
      const soapAction = element(doc, `//wsdl:binding/wsdl:operation[@name="${name}"]/soap:operation`, WSDL)!.attr('soapAction')!.value;
      expect(soapAction).to.equal(`${ACTION_PREFIX}${name}`);
    }
  });

  it('has no header part in any binding: the header is WS-Addressing only (WUS WS007)', () => {
    const doc = leesXml(committed);
    expect(doc.find('//soap:header', WSDL)).to.have.length(0);
    expect(doc.find('//wsdl:part', WSDL).map((p) => (p as XmlElement).attr('name')!.value)).to.satisfy((parts: string[]) =>
      parts.every((p) => p === 'parameters' || p === 'Fout'),
    );
  });

  it('uses one URI base: schema namespace, WSDL namespace and action URIs', () => {
    const doc = leesXml(committed);
    expect(doc.root.attr('targetNamespace')!.value).to.equal(NS.ib);
    expect(ACTION_PREFIX).to.equal(`${NS.ib}/`);
    for (const file of readdirSync(`${ROOT}xsd`)) {
      expect(leesXml(readFileSync(`${ROOT}xsd/${file}`, 'utf8')).root.attr('targetNamespace')!.value, file).to.equal(NS.ib);
    }
  });

  it('has, for every operation, its request and response element in the XSD, and no other global element but Fout', () => {
    const globals: string[] = [];
    for (const file of readdirSync(`${ROOT}xsd`)) {
      const doc = leesXml(readFileSync(`${ROOT}xsd/${file}`, 'utf8'));
      globals.push(...elementen(doc, '/xs:schema/xs:element', XS).map((el) => el.attr('name')!.value));
    }
    expect(globals.sort()).to.deep.equal([...names.flatMap((n) => [n, `${n}Response`]), 'Fout'].sort());
  });

  it('starts every request element with the Gemeentecode, and every response element with Verwerkt and Meldingen', () => {
    const files = readdirSync(`${ROOT}xsd`).map((f) => leesXml(readFileSync(`${ROOT}xsd/${f}`, 'utf8')));
    const find = (xpath: string) => files.map((d) => element(d, xpath, XS)).find((el) => el !== null && el !== undefined);
    const kinderen = (name: string) =>
      elementen(find(`/xs:schema/xs:element[@name="${name}"]`)!, 'xs:complexType/xs:sequence/xs:element', XS).map((c) => `${c.attr('name')!.value}:${c.attr('type')!.value}`);
    for (const name of names) {
      expect(kinderen(name)[0], name).to.equal('Gemeentecode:ib:Gemeentecode');
      expect(kinderen(`${name}Response`).slice(0, 2), name).to.deep.equal(['Verwerkt:xs:boolean', 'Meldingen:ib:Meldingen']);
    }
  });
});
