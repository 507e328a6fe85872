/**
 * An independent client, Python zeep (Debian python3-zeep, which .ci/run installs), builds itself
 * from the WSDL the sandbox serves and calls the operations.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { ROOT } from '../../src/config.js';
import { addDays } from '../../src/domain/datum.js';
import { expectVolledigOverzicht } from '../support/overzicht.js';
import { startSandbox, TODAY, type Sandbox } from '../support/sandbox.js';

const run = promisify(execFile);

describe('zeep client built from the served WSDL', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(async () => sandbox.close());

  /** Runs the calls in order in one zeep client (Debian's python, not a pyenv one on PATH). */
  const zeep = async (gemeente: string, oin: string, calls: Array<[string, Record<string, string>]>): Promise<any[]> => {
    const script = `${ROOT}test/interop/zeep_client.py`;
    const { stdout } = await run('/usr/bin/python3', [script, `${sandbox.endpoint}?wsdl`, gemeente, oin, JSON.stringify(calls)]);
    return JSON.parse(stdout);
  };
  const groningen = (calls: Array<[string, Record<string, string>]>) => zeep('0014', '00000001000000000014', calls);

  it('gets the documented overview of a fixture person', async () => {
    const [answer] = await groningen([['OpvragenPersoon', { Bsn: '999901333' }]]);
    expectVolledigOverzicht(answer);
  });

  it('gets AS 602 with the data of a deceased person', async () => {
    const [answer] = await groningen([['OpvragenPersoon', { Bsn: '999902258' }]]);
    expect(answer.Verwerkt).to.equal(true);
    expect(answer.Meldingen.Melding).to.deep.equal([{ Soort: 'AS', Nummer: 602, Tekst: 'Persoon is volgens BRP overleden', Groep: null, Veld: null }]);
    expect(answer.Persoon.Personalia.Bsn).to.equal('999902258');
  });

  it('gets fault 0002 for a gemeente the OIN may not act for', async () => {
    const [answer] = await zeep('0363', '00000001000000000014', [['OpvragenPersoon', { Bsn: '999901333' }]]);
    expect(answer.fault).to.deep.equal({ code: 'soap:Client', message: 'OIN mag niet handelen voor deze gemeente', foutcode: '0002' });
  });

  it('gives a PIP, reads it, changes it and reads its historie', async () => {
    const bsn = '999917791';
    const [opvoeren, persoon, wijzigen, historie] = await groningen([
      ['OpvoerenPip', { Bsn: bsn, DatumDagtekening: addDays(TODAY, -3), Leerroute: 'Z', Alfabetisering: 'A' }],
      ['OpvragenPersoon', { Bsn: bsn }],
      ['WijzigenPip', { Bsn: bsn, DatumDagtekening: addDays(TODAY, -1), Leerroute: 'B', Niveau: 'B1', Alfabetisering: 'NVT' }],
      ['OpvragenPipHistorie', { Bsn: bsn }],
    ]);
    expect(opvoeren.Verwerkt).to.equal(true);
    expect(opvoeren.Pip).to.include({ Leerroute: 'Z', DatumDagtekeningInitielePip: addDays(TODAY, -3), Definitief: false });
    expect(persoon.Persoon.Pip).to.include({ Leerroute: 'Z', Alfabetisering: 'A', Gemeente: '0014' });
    expect(wijzigen.Verwerkt).to.equal(true);
    expect(wijzigen.Pip).to.include({ Leerroute: 'B', Niveau: 'B1', DatumDagtekeningPip: addDays(TODAY, -1), DatumDagtekeningInitielePip: addDays(TODAY, -3) });
    expect(historie.PipHistorie.PipVersie.map((v: { Versie: number; Leerroute: string }) => [v.Versie, v.Leerroute])).to.deep.equal([
      [2, 'B'],
      [1, 'Z'],
    ]);
  });
});
