import { expect } from 'chai';
import { leesXml, tekst } from '../support/xml.js';
import { answer, faultAnswer } from '../../src/soap/respond.js';
import { SoapFault } from '../../src/soap/fault.js';

describe('response writer', () => {
  it('escapes text, drops characters XML cannot carry and writes empty elements closed', () => {
    const xml = answer({ action: 'urn:a', relatesTo: 'urn:uuid:1' }, 'TestResponse', [], {
      Tekst: 'A & B <c> "d"',
      Leeg: '',
      Stuur: 'x\u0001y',
      Lijst: { Item: [] },
      Niets: undefined,
    });
    expect(xml).to.include('<Tekst>A &amp; B &lt;c&gt; "d"</Tekst>');
    expect(xml).to.include('<Leeg/>');
    expect(xml).to.include('<Stuur>xy</Stuur>');
    expect(xml).to.include('<Lijst/>');
    expect(xml).not.to.include('Niets');
    const doc = leesXml(xml);
    const ns = { ib: 'http://www.duo.nl/cvs-koppeling/wi2021_v1', wsa: 'http://www.w3.org/2005/08/addressing' };
    expect(tekst(doc, '//ib:Tekst', ns)).to.equal('A & B <c> "d"');
    expect(tekst(doc, '//ib:Verwerkt', ns)).to.equal('true');
    expect(tekst(doc, '//wsa:RelatesTo', ns)).to.equal('urn:uuid:1');
  });

  it('writes a fault with the WS-Addressing fault action and a Fout detail', () => {
    const doc = leesXml(faultAnswer(new SoapFault('0004', 'Element <X> & zo', 'X'), undefined));
    const ns = { soap: 'http://schemas.xmlsoap.org/soap/envelope/', ib: 'http://www.duo.nl/cvs-koppeling/wi2021_v1', wsa: 'http://www.w3.org/2005/08/addressing' };
    expect(tekst(doc, '//wsa:Action', ns)).to.equal('http://www.w3.org/2005/08/addressing/soap/fault');
    expect(doc.get('//wsa:RelatesTo', ns) ?? undefined).to.equal(undefined);
    expect(tekst(doc, '//soap:Fault/faultstring', ns)).to.equal('Element <X> & zo');
    expect(tekst(doc, '//soap:Fault/detail/ib:Fout/ib:Element', ns)).to.equal('X');
  });
});
