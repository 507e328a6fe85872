/**
 * A real SOAP client, node-soap, built from the WSDL the sandbox serves (and the schemas it
 * imports from there), calls OpvragenPersoon for fixture persons.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import * as soap from 'soap';
import { expectVolledigOverzicht } from '../support/overzicht.js';
import { startSandbox, TODAY, type Sandbox } from '../support/sandbox.js';
import { addDays } from '../../src/domain/datum.js';

const WSA = 'http://www.w3.org/2005/08/addressing';
const IB = 'http://www.duo.nl/schemas/cvs-koppeling/wi2021_v1';
const ACTION_PREFIX = 'http://www.duo.nl/cvs-koppeling/wi2021_v1/';

describe('node-soap client built from the served WSDL', () => {
  let sandbox: Sandbox;
  let client: soap.Client;

  before(async () => {
    sandbox = await startSandbox();
    client = await soap.createClientAsync(`${sandbox.endpoint}?wsdl`);
  });
  after(async () => sandbox.close());

  /** node-soap has no WS-Addressing of its own: the headers go in by hand. */
  async function invoke(operation: string, args: Record<string, string>, gemeente = '0014', oin = '00000001000000000014') {
    client.clearSoapHeaders();
    const messageId = `urn:uuid:${randomUUID()}`;
    client.addSoapHeader(`<wsa:To xmlns:wsa="${WSA}">${sandbox.endpoint}</wsa:To>`);
    client.addSoapHeader(`<wsa:Action xmlns:wsa="${WSA}">${ACTION_PREFIX}${operation}</wsa:Action>`);
    client.addSoapHeader(`<wsa:MessageID xmlns:wsa="${WSA}">${messageId}</wsa:MessageID>`);
    client.addSoapHeader(`<wsa:From xmlns:wsa="${WSA}"><wsa:Address>urn:test?OIN=${oin}</wsa:Address></wsa:From>`);
    client.addSoapHeader(`<ib:Gemeente xmlns:ib="${IB}"><ib:Gemeentecode>${gemeente}</ib:Gemeentecode></ib:Gemeente>`);
    const [result, raw] = await client[`${operation}Async`](args);
    return { result, raw: raw as string, messageId };
  }
  const opvragen = (bsn: string, gemeente?: string, oin?: string) => invoke('OpvragenPersoon', { Bsn: bsn }, gemeente, oin);

  it('describes the operations from the WSDL', () => {
    const port = client.describe().CvsKoppelingWi2021Service_v1.CvsKoppelingWi2021Port_v1;
    expect(Object.keys(port).sort()).to.deep.equal(['IntrekkenPip', 'OpvoerenPip', 'OpvragenPersoon', 'OpvragenPipHistorie', 'WijzigenPip']);
    expect(port.OpvragenPersoon.output).to.have.keys('Verwerkt', 'Meldingen', 'Persoon');
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

  it('gives a PIP, reads it, changes it and reads its historie', async () => {
    const bsn = '999917420';
    const opvoeren = await invoke('OpvoerenPip', {
      Bsn: bsn,
      DatumDagtekening: addDays(TODAY, -3),
      Leerroute: 'B',
      GeschatteUrenIntensiteit: '500',
      ToestemmingNietVrijstellendeOpleiding: 'J',
    });
    expect(opvoeren.result.Verwerkt).to.equal(true);
    expect(opvoeren.result.Pip).to.include({ Leerroute: 'B', Niveau: 'B1', GeschatteUrenIntensiteit: 500, Definitief: false });

    const persoon = await opvragen(bsn);
    expect(persoon.result.Persoon.Pip).to.include({ DatumDagtekeningPip: addDays(TODAY, -3), DatumRegistratiePip: TODAY, Gemeente: '0014' });
    expect(persoon.result.Persoon.TermijnPip).to.equal(undefined);

    const wijzigen = await invoke('WijzigenPip', {
      Bsn: bsn,
      DatumDagtekening: addDays(TODAY, -1),
      Leerroute: 'B',
      Niveau: 'A2',
      GeschatteUrenIntensiteit: '550',
    });
    expect(wijzigen.result.Verwerkt).to.equal(true);
    expect(wijzigen.result.Meldingen.Melding).to.deep.equal([{ Soort: 'AS', Nummer: 605, Tekst: 'Niveau wijkt af van het default niveau', Veld: 'Niveau' }]);

    const historie = await invoke('OpvragenPipHistorie', { Bsn: bsn });
    const versies = historie.result.PipHistorie.PipVersie;
    expect(versies.map((v: { Versie: number; Niveau: string; GeschatteUrenIntensiteit: number }) => [v.Versie, v.Niveau, v.GeschatteUrenIntensiteit])).to.deep.equal([
      [2, 'A2', 550],
      [1, 'B1', 500],
    ]);
  });
});
