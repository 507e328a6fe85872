/**
 * The validator slices the schemas per operation; these tests hold that a slice accepts and
 * refuses what the full schema does, and that its faults name the element, not the value.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import libxml from 'libxmljs2';
import { ROOT } from '../../src/config.js';
import { loadCases } from '../../src/fixtures/replay.js';
import { OPERATIONS } from '../../src/operations/index.js';
import { faultOf } from '../support/fault.js';
import { RequestValidator } from '../../src/soap/xsd.js';

const IB = 'http://www.duo.nl/cvs-koppeling/wi2021_v1';
const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';

describe('XSD validation', () => {
  const names = OPERATIONS.map((op) => op.naam);
  const validator = new RequestValidator(`${ROOT}xsd`, names);
  const full = libxml.parseXml(readFileSync(`${ROOT}xsd/Wi2021_v1.xsd`, 'utf8'), { baseUrl: `${ROOT}xsd/` });

  it('slices OpvragenPersoon down to its request and the types it uses', () => {
    const slice = validator.schemaFor('OpvragenPersoon');
    expect(slice).to.include('name="OpvragenPersoon"').and.to.include('name="Gemeentecode"').and.to.include('name="Bsn"');
    expect(slice).not.to.include('OpvragenPersoonResponse');
    expect(slice).not.to.include('documentation');
  });

  it('accepts and refuses every fixture body exactly as the full schema does, for every operation', () => {
    const compared = new Set<string>();
    for (const c of loadCases(`${ROOT}fixtures`)) {
      const text = readFileSync(c.requestFile, 'utf8');
      if (text.includes('<!DOCTYPE')) continue; // refused before validation
      let doc: libxml.Document;
      try {
        doc = libxml.parseXml(text, { nonet: true });
      } catch {
        continue;
      }
      const el = doc.get<libxml.Element>('/soap:Envelope/soap:Body/ib:*', { soap: SOAP, ib: IB });
      if (!el || !names.includes(el.name())) continue;
      if (el.parent() instanceof libxml.Element && (el.parent() as libxml.Element).childNodes().filter((n) => n.type() === 'element').length > 1) {
        continue; // a Body with two elements is refused before validation
      }
      const alone = libxml.parseXml(el.clone().toString(false));
      const fullVerdict = alone.validate(full);
      let sliceVerdict = true;
      try {
        validator.validate(el.name(), el);
      } catch {
        sliceVerdict = false;
      }
      expect(sliceVerdict, `${c.group}/${c.name}`).to.equal(fullVerdict);
      compared.add(el.name());
    }
    expect([...compared].sort()).to.deep.equal([...names].sort());
  });

  it('refuses a wrong order, naming the element and what was expected', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xsd-'));
    writeFileSync(join(dir, 'Common_v1.xsd'), readFileSync(`${ROOT}xsd/Common_v1.xsd`));
    writeFileSync(
      join(dir, 'Test_v1.xsd'),
      `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="${IB}" xmlns:ib="${IB}" targetNamespace="${IB}" elementFormDefault="qualified">
         <xs:include schemaLocation="Common_v1.xsd"/>
         <xs:element name="Testen"><xs:complexType><xs:sequence>
           <xs:element name="Bsn" type="ib:Bsn" minOccurs="0"/>
           <xs:element name="Datum" type="ib:Datum" minOccurs="0"/>
         </xs:sequence></xs:complexType></xs:element>
       </xs:schema>`,
    );
    const v = new RequestValidator(dir, ['Testen']);
    const el = libxml.parseXml(`<ib:Testen xmlns:ib="${IB}"><ib:Datum>x</ib:Datum><ib:Bsn>999901333</ib:Bsn></ib:Testen>`).root()!;
    const f = faultOf(() => v.validate('Testen', el));
    expect(f.code).to.equal('0004');
    expect(f.element).to.equal('Bsn');
    expect(f.omschrijving).to.equal('Element Bsn wordt hier niet verwacht');
  });

  it('refuses an xsi:type that names no type derived from the element\'s own (SOAP::Lite\'s default), and takes the element\'s own type', () => {
    const verzoek = (type: string) =>
      libxml.parseXml(
        `<ib:OpvragenPersoon xmlns:ib="${IB}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><ib:Gemeentecode>0014</ib:Gemeentecode><ib:Bsn xsi:type="${type}">999901333</ib:Bsn></ib:OpvragenPersoon>`,
      ).root()!;
    const f = faultOf(() => validator.validate('OpvragenPersoon', verzoek('xsd:string')));
    expect([f.code, f.element, f.omschrijving]).to.deep.equal(['0004', 'Bsn', 'Element Bsn heeft een xsi:type dat niet van zijn type in het XSD is afgeleid; laat xsi:type weg']);
    expect(validator.validate('OpvragenPersoon', verzoek('ib:Bsn')).name()).to.equal('OpvragenPersoon');
  });

  it('never repeats a value from the request in its fault', () => {
    const el = libxml.parseXml(`<ib:OpvragenPersoon xmlns:ib="${IB}"><ib:Gemeentecode>0014</ib:Gemeentecode><ib:Bsn>999901333999901333999901333</ib:Bsn></ib:OpvragenPersoon>`).root()!;
    const f = faultOf(() => validator.validate('OpvragenPersoon', el));
    expect(f.omschrijving).to.equal('Waarde van element Bsn voldoet niet aan het XSD');
    expect(f.message).not.to.include('999901333');
  });

  it('validates the Body element where it stands in the envelope, and refuses to validate one of two siblings instead of crashing', () => {
    const doc = libxml.parseXml(
      `<s:Envelope xmlns:s="${SOAP}" xmlns:ib="${IB}"><s:Body><ib:OpvragenPersoon><ib:Gemeentecode>0014</ib:Gemeentecode><ib:Bsn>999901333</ib:Bsn></ib:OpvragenPersoon></s:Body></s:Envelope>`,
    );
    const el = doc.get<libxml.Element>('//ib:OpvragenPersoon', { ib: IB })!;
    expect(validator.validate('OpvragenPersoon', el)).to.equal(el);
    (el.parent() as libxml.Element).addChild(new libxml.Element(doc, "Tweede"));
    expect(() => validator.validate('OpvragenPersoon', el)).to.throw(TypeError, 'only element');
  });
});
