/**
 * The validator slices the schemas per operation; these tests hold that a slice accepts and
 * refuses what the full schema does, and that its faults name the element, not the value.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ROOT } from '../../src/config.js';
import { loadCases } from '../../src/fixtures/replay.js';
import { OPERATIONS } from '../../src/operations/index.js';
import { faultOf } from '../support/fault.js';
import { RequestValidator } from '../../src/soap/xsd.js';
import { element, kinderen, leesXml, volledigSchema, type XmlDocument, XmlElement } from '../support/xml.js';

const IB = 'http://www.duo.nl/cvs-koppeling/wi2021_v1';
const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';

describe('XSD validation', () => {
  const names = OPERATIONS.map((op) => op.naam);
  const validator = new RequestValidator(`${ROOT}xsd`, names);

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
      let doc: XmlDocument;
      try {
        doc = leesXml(text);
      } catch {
        continue;
      }
      const el = element(doc, '/soap:Envelope/soap:Body/ib:*', { soap: SOAP, ib: IB });
      if (!el || !names.includes(el.name)) continue;
      if (el.parent instanceof XmlElement && kinderen(el.parent).length > 1) {
        continue; // a Body with two elements is refused before validation
      }
      let fullVerdict = true;
      try {
        volledigSchema().validate(el);
      } catch {
        fullVerdict = false;
      }
      let sliceVerdict = true;
      try {
        validator.validate(el.name, el);
      } catch {
        sliceVerdict = false;
      }
      expect(sliceVerdict, `${c.group}/${c.name}`).to.equal(fullVerdict);
      compared.add(el.name);
      doc.dispose();
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
    const el = leesXml(`<ib:Testen xmlns:ib="${IB}"><ib:Datum>x</ib:Datum><ib:Bsn>999901333</ib:Bsn></ib:Testen>`).root;
    const f = faultOf(() => v.validate('Testen', el));
    expect(f.code).to.equal('0004');
    expect(f.element).to.equal('Bsn');
    expect(f.omschrijving).to.equal('Element Bsn wordt hier niet verwacht');
  });

  it('refuses an xsi:type that names no type derived from the element\'s own (SOAP::Lite\'s default), and takes the element\'s own type', () => {
    const verzoek = (type: string) =>
      leesXml(
        `<ib:OpvragenPersoon xmlns:ib="${IB}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><ib:Gemeentecode>0014</ib:Gemeentecode><ib:Bsn xsi:type="${type}">999901333</ib:Bsn></ib:OpvragenPersoon>`,
      ).root;
    const f = faultOf(() => validator.validate('OpvragenPersoon', verzoek('xsd:string')));
    expect([f.code, f.element, f.omschrijving]).to.deep.equal(['0004', 'Bsn', 'Element Bsn heeft een xsi:type dat niet van zijn type in het XSD is afgeleid; laat xsi:type weg']);
    expect(validator.validate('OpvragenPersoon', verzoek('ib:Bsn')).name).to.equal('OpvragenPersoon');
  });

  it('never repeats a value from the request in its fault', () => {
    const el = leesXml(`<ib:OpvragenPersoon xmlns:ib="${IB}"><ib:Gemeentecode>0014</ib:Gemeentecode><ib:Bsn>999901333999901333999901333</ib:Bsn></ib:OpvragenPersoon>`).root;
    const f = faultOf(() => validator.validate('OpvragenPersoon', el));
    expect(f.omschrijving).to.equal('Waarde van element Bsn voldoet niet aan het XSD');
    expect(f.message).not.to.include('999901333');
  });

  it('validates the Body element where it stands in the envelope, also beside a sibling the envelope would refuse', () => {
    const doc = leesXml(
      `<s:Envelope xmlns:s="${SOAP}" xmlns:ib="${IB}"><s:Body><ib:OpvragenPersoon><ib:Gemeentecode>0014</ib:Gemeentecode><ib:Bsn>999901333</ib:Bsn></ib:OpvragenPersoon></s:Body></s:Envelope>`,
    );
    const el = element(doc, '//ib:OpvragenPersoon', { ib: IB })!;
    expect(validator.validate('OpvragenPersoon', el)).to.equal(el);
    // libxml2 2.9 crashed on this; 2.15 validates the one element, and in WebAssembly a defect would be an exception.
    (el.parent as XmlElement).addElement('Tweede');
    expect(validator.validate('OpvragenPersoon', el)).to.equal(el);
    const tweede = leesXml(
      `<s:Envelope xmlns:s="${SOAP}" xmlns:ib="${IB}"><s:Body><ib:OpvragenPersoon><ib:Gemeentecode>0014</ib:Gemeentecode><ib:Bsn>${'9'.repeat(21)}</ib:Bsn></ib:OpvragenPersoon><ib:Tweede/></s:Body></s:Envelope>`,
    );
    expect(faultOf(() => validator.validate('OpvragenPersoon', element(tweede, '//ib:OpvragenPersoon', { ib: IB })!)).code).to.equal('0004');
    doc.dispose();
    tweede.dispose();
  });
});
