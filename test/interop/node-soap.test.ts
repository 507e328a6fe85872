/**
 * A real SOAP client, node-soap, built from the WSDL the sandbox serves (and the schemas it
 * imports from there), calls OpvragenPersoon for fixture persons.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import * as soap from 'soap';
import { expectVolledigOverzicht } from '../support/overzicht.js';
import { startSandbox, type Sandbox } from '../support/sandbox.js';

const WSA = 'http://www.w3.org/2005/08/addressing';
const IB = 'http://www.duo.nl/schemas/cvs-koppeling/wi2021_v1';
const ACTION = 'http://www.duo.nl/cvs-koppeling/wi2021_v1/OpvragenPersoon';

describe('node-soap client built from the served WSDL', () => {
  let sandbox: Sandbox;
  let client: soap.Client;

  before(async () => {
    sandbox = await startSandbox();
    client = await soap.createClientAsync(`${sandbox.endpoint}?wsdl`);
  });
  after(async () => sandbox.close());

  async function opvragen(bsn: string, gemeente = '0014', oin = '00000001000000000014') {
    client.clearSoapHeaders();
    const messageId = `urn:uuid:${randomUUID()}`;
    client.addSoapHeader(`<wsa:To xmlns:wsa="${WSA}">${sandbox.endpoint}</wsa:To>`);
    client.addSoapHeader(`<wsa:Action xmlns:wsa="${WSA}">${ACTION}</wsa:Action>`);
    client.addSoapHeader(`<wsa:MessageID xmlns:wsa="${WSA}">${messageId}</wsa:MessageID>`);
    client.addSoapHeader(`<wsa:From xmlns:wsa="${WSA}"><wsa:Address>urn:test?OIN=${oin}</wsa:Address></wsa:From>`);
    client.addSoapHeader(`<ib:Gemeente xmlns:ib="${IB}"><ib:Gemeentecode>${gemeente}</ib:Gemeentecode></ib:Gemeente>`);
    const [result, raw] = await client.OpvragenPersoonAsync({ Bsn: bsn });
    return { result, raw: raw as string, messageId };
  }

  it('describes the operation from the WSDL', () => {
    const description = client.describe();
    expect(description.CvsKoppelingWi2021Service_v1.CvsKoppelingWi2021Port_v1).to.have.property('OpvragenPersoon');
  });

  it('gets the documented overview of a fixture person', async () => {
    const { result, raw, messageId } = await opvragen('999901333');
    expect(raw).to.include(`<wsa:RelatesTo>${messageId}</wsa:RelatesTo>`);
    expectVolledigOverzicht(result);
  });

  it('gets a melding as a normal answer', async () => {
    const { result } = await opvragen('999901334');
    expect(result.Verwerkt).to.equal(false);
    expect(result.Meldingen.Melding).to.deep.include({ Soort: 'FS', Nummer: 603, Tekst: 'BSN is ongeldig', Veld: 'Bsn' });
    expect(result.Persoon).to.equal(undefined);
  });

  it('gets a SOAP Fault with its Digikoppeling code when not authorised', async () => {
    try {
      await opvragen('999901333', '0363');
      expect.fail('expected a fault');
    } catch (err) {
      const fault = (err as { root?: { Envelope?: { Body?: { Fault?: { faultcode: string; detail: { Fout: { Foutcode: string } } } } } } }).root
        ?.Envelope?.Body?.Fault;
      expect(fault?.faultcode).to.equal('soap:Client');
      expect(fault?.detail.Fout.Foutcode).to.equal('0002');
    }
  });
});
