/**
 * A real SOAP client, node-soap, built from the WSDL the sandbox serves (and the schemas it
 * imports from there), calls every operation of the registry with the gemeente in the Body.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { expect } from 'chai';
import * as soap from 'soap';
import { ROOT } from '../../src/config.js';
import { OPERATIONS } from '../../src/operations/index.js';
import { ACTION_PREFIX } from '../../src/soap/ns.js';
import { startSandbox, type Sandbox } from '../support/sandbox.js';
import { scenario, voorbeeldUitvoer } from './scenario.js';

const WSA = 'http://www.w3.org/2005/08/addressing';

describe('node-soap client built from the served WSDL', () => {
  let sandbox: Sandbox;
  let client: soap.Client;

  before(async () => {
    sandbox = await startSandbox();
    client = await soap.createClientAsync(`${sandbox.endpoint}?wsdl`);
  });
  after(async () => sandbox.close());

  /** node-soap has no WS-Addressing of its own: the headers go in by hand. Nothing else goes in the header. */
  async function invoke(operation: string, args: Record<string, unknown>, oin = '00000001000000000014') {
    client.clearSoapHeaders();
    const messageId = `urn:uuid:${randomUUID()}`;
    client.addSoapHeader(`<wsa:To xmlns:wsa="${WSA}">${sandbox.endpoint}</wsa:To>`);
    client.addSoapHeader(`<wsa:Action xmlns:wsa="${WSA}">${ACTION_PREFIX}${operation}</wsa:Action>`);
    client.addSoapHeader(`<wsa:MessageID xmlns:wsa="${WSA}">${messageId}</wsa:MessageID>`);
    client.addSoapHeader(`<wsa:From xmlns:wsa="${WSA}"><wsa:Address>urn:test?OIN=${oin}</wsa:Address></wsa:From>`);
    const [result, raw] = await client[`${operation}Async`](args);
    return { result, raw: raw as string, messageId };
  }

  it('describes exactly the registered operations, each request starting with Gemeentecode', () => {
    const port = client.describe().CvsKoppelingWi2021Service_v1.CvsKoppelingWi2021Port_v1;
    expect(Object.keys(port).sort()).to.deep.equal(OPERATIONS.map((op) => op.naam).sort());
    for (const op of OPERATIONS) expect(Object.keys(port[op.naam].input)[0], op.naam).to.equal('Gemeentecode');
    expect(port.OpvragenPersoon.output).to.have.keys('Verwerkt', 'Meldingen', 'Persoon');
  });

  it('calls every operation with the gemeente in the Body and reads each answer', async () => {
    const steps = scenario('999917420');
    expect([...new Set(steps.map(([op]) => op))].sort()).to.deep.equal(OPERATIONS.map((op) => op.naam).sort());
    for (const [operation, args, check] of steps) {
      const { result, raw, messageId } = await invoke(operation, args);
      expect(raw).to.include(`<wsa:RelatesTo>${messageId}</wsa:RelatesTo>`);
      check(result);
    }
  });

  it('runs voorbeeld.mjs, the documented example: the PIP read goes back unchanged (FS 640), and a fault is typed', async () => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [`${ROOT}test/interop/node/voorbeeld.mjs`, sandbox.endpoint]);
    expect(stderr).to.equal('');
    expect(stdout).to.equal(
      voorbeeldUitvoer('Fault soap:Client: Foutcode 0002 (OIN mag niet handelen voor deze gemeente)'),
    );
  });

  it('gets a melding as a normal answer', async () => {
    const { result } = await invoke('OpvragenPersoon', { Gemeentecode: '0014', Bsn: '999901334' });
    expect(result.Verwerkt).to.equal(false);
    expect(result.Meldingen.Melding).to.deep.include({ Soort: 'FS', Nummer: 603, Tekst: 'BSN is ongeldig', Veld: 'Bsn' });
    expect(result.Persoon).to.equal(undefined);
  });

  for (const [name, gemeente, foutcode] of [
    ['when not authorised for the gemeente', '0363', '0002'],
    ['from the XSD for a malformed gemeentecode', '14', '0004'],
  ] as const) {
    it(`gets a SOAP Fault with its Digikoppeling code ${name}`, async () => {
      try {
        await invoke('OpvragenPersoon', { Gemeentecode: gemeente, Bsn: '999901333' });
        expect.fail('expected a fault');
      } catch (err) {
        const fault = (err as { root?: { Envelope?: { Body?: { Fault?: { faultcode: string; detail: { Fout: { Foutcode: string } } } } } } }).root
          ?.Envelope?.Body?.Fault;
        expect(fault?.faultcode).to.equal('soap:Client');
        expect(fault?.detail.Fout.Foutcode).to.equal(foutcode);
      }
    });
  }
});
