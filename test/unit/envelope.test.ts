/** The envelope phase's WS-Addressing checks: wsa:To is this endpoint; replies only on the back-channel. */
import { expect } from 'chai';
import { parseEnvelope } from '../../src/soap/envelope.js';
import { faultOf } from '../support/fault.js';

const ENDPOINT = 'http://127.0.0.1:8080/cvs-koppeling/wi2021_v1';
const request = (to: string, extra = '') =>
  Buffer.from(`<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:wsa="http://www.w3.org/2005/08/addressing"
    xmlns:ib="http://www.duo.nl/cvs-koppeling/wi2021_v1"><soap:Header><wsa:To>${to}</wsa:To><wsa:Action>a</wsa:Action>
    <wsa:MessageID>urn:uuid:1</wsa:MessageID>${extra}</soap:Header><soap:Body><ib:OpvragenPersoon/></soap:Body></soap:Envelope>`);

describe('envelope: WS-Addressing', () => {
  it('takes a wsa:To that names this endpoint, however the scheme, host and default port are written', () => {
    for (const to of [ENDPOINT, 'HTTP://127.0.0.1:8080/cvs-koppeling/wi2021_v1', 'http://localhost/x'.replace('localhost/x', '127.0.0.1:8080/cvs-koppeling/wi2021_v1')]) {
      expect(parseEnvelope(request(to), ENDPOINT).to).to.equal(to);
    }
    expect(parseEnvelope(request('https://gateway.test/cvs-koppeling/wi2021_v1'), 'https://GATEWAY.test:443/cvs-koppeling/wi2021_v1').action).to.equal('a');
  });

  it('refuses a wsa:To of another address with fault 0005, without repeating it', () => {
    for (const to of ['http://127.0.0.1:8080/cvs-koppeling/wi2021_v2', 'http://127.0.0.1:8081/cvs-koppeling/wi2021_v1', 'urn:999901333', 'niet een url']) {
      const f = faultOf(() => parseEnvelope(request(to), ENDPOINT));
      expect([f.code, f.element]).to.deep.equal(['0005', 'To']);
      expect(f.omschrijving).not.to.include(to);
    }
  });

  it('accepts the anonymous ReplyTo and FaultTo, and refuses any other with fault 0001', () => {
    const anon = '<wsa:Address>http://www.w3.org/2005/08/addressing/anonymous</wsa:Address>';
    expect(parseEnvelope(request(ENDPOINT, `<wsa:ReplyTo>${anon}</wsa:ReplyTo><wsa:FaultTo>${anon}</wsa:FaultTo>`), ENDPOINT).messageId).to.equal('urn:uuid:1');
    for (const name of ['ReplyTo', 'FaultTo']) {
      for (const address of ['http://cvs.test/antwoord', 'http://www.w3.org/2005/08/addressing/none', '']) {
        const f = faultOf(() => parseEnvelope(request(ENDPOINT, `<wsa:${name}><wsa:Address>${address}</wsa:Address></wsa:${name}>`), ENDPOINT));
        expect([f.code, f.element, f.relatesTo]).to.deep.equal(['0001', name, 'urn:uuid:1']);
      }
    }
  });

  it('ignores a header block of its own kind unless it must be understood', () => {
    const gemeente = (mu: string) => `<ib:Gemeente ${mu}><ib:Gemeentecode>0014</ib:Gemeentecode></ib:Gemeente>`;
    expect(parseEnvelope(request(ENDPOINT, gemeente('')), ENDPOINT).action).to.equal('a');
    expect(faultOf(() => parseEnvelope(request(ENDPOINT, gemeente('soap:mustUnderstand="1"')), ENDPOINT)).code).to.equal('0010');
  });
});
