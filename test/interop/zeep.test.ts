/**
 * An independent client, Python zeep (Debian python3-zeep, which .ci/run installs), builds itself
 * from the WSDL the sandbox serves and calls OpvragenPersoon.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { ROOT } from '../../src/config.js';
import { expectVolledigOverzicht } from '../support/overzicht.js';
import { startSandbox, type Sandbox } from '../support/sandbox.js';

const run = promisify(execFile);

describe('zeep client built from the served WSDL', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(async () => sandbox.close());

  // Debian's zeep, not a pyenv python that may be first on PATH.
  const zeep = async (...args: string[]) => {
    const { stdout } = await run('/usr/bin/python3', [`${ROOT}test/interop/zeep_client.py`, `${sandbox.endpoint}?wsdl`, ...args]);
    return JSON.parse(stdout);
  };

  it('gets the documented overview of a fixture person', async () => {
    const answer = await zeep('0014', '00000001000000000014', '999901333');
    expectVolledigOverzicht(answer);
  });

  it('gets AS 602 with the data of a deceased person', async () => {
    const answer = await zeep('0014', '00000001000000000014', '999902258');
    expect(answer.Verwerkt).to.equal(true);
    expect(answer.Meldingen.Melding).to.deep.equal([{ Soort: 'AS', Nummer: 602, Tekst: 'Persoon is volgens BRP overleden', Groep: null, Veld: null }]);
    expect(answer.Persoon.Personalia.Bsn).to.equal('999902258');
  });

  it('gets fault 0002 for a gemeente the OIN may not act for', async () => {
    const answer = await zeep('0363', '00000001000000000014', '999901333');
    expect(answer.fault).to.deep.equal({ code: 'soap:Client', message: 'OIN mag niet handelen voor deze gemeente', foutcode: '0002' });
  });
});
