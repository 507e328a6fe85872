/**
 * An independent client, Python zeep (Debian's python3-zeep), builds itself from the WSDL the
 * sandbox serves and calls every operation of the registry. Without python3-zeep the tests report
 * themselves pending with the install hint; in CI (CI=true), where .ci/run installs it, a missing
 * zeep fails instead, so that CI always runs them.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { ROOT } from '../../src/config.js';
import { OPERATIONS } from '../../src/operations/index.js';
import { startSandbox, type Sandbox } from '../support/sandbox.js';
import { scenario, voorbeeldUitvoer } from './scenario.js';

const run = promisify(execFile);
/** Debian's python, not a pyenv one on PATH: python3-zeep installs there. */
const PYTHON = '/usr/bin/python3';
const INSTALL_HINT = 'needs Debian python3-zeep: apt-get install python3-zeep';

function zeepAvailable(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import zeep'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const available = zeepAvailable();
if (!available && process.env.CI) throw new Error(`CI runs the zeep interop tests: ${INSTALL_HINT}`);

describe(`zeep client built from the served WSDL${available ? '' : ` (pending: ${INSTALL_HINT})`}`, function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  before(async function () {
    if (!available) this.skip();
    sandbox = await startSandbox();
  });
  after(async () => sandbox?.close());

  /** Runs the calls in order in one zeep client. */
  const zeep = async (oin: string, calls: Array<[string, Record<string, unknown>]>): Promise<any[]> => {
    const script = `${ROOT}test/interop/python/scenario.py`;
    const { stdout } = await run(PYTHON, [script, `${sandbox.endpoint}?wsdl`, oin, JSON.stringify(calls)]);
    return JSON.parse(stdout);
  };

  it('calls every operation with the gemeente in the Body and reads each answer', async () => {
    const steps = scenario('999917791');
    expect([...new Set(steps.map(([op]) => op))].sort()).to.deep.equal(OPERATIONS.map((op) => op.naam).sort());
    const answers = await zeep('00000001000000000014', steps.map(([op, args]) => [op, args]));
    steps.forEach(([, , check], i) => check(answers[i]));
  });

  it('gets AS 602 with the data of a deceased person', async () => {
    const [answer] = await zeep('00000001000000000014', [['OpvragenPersoon', { Gemeentecode: '0014', Bsn: '999902258' }]]);
    expect(answer.Verwerkt).to.equal(true);
    expect(answer.Meldingen.Melding).to.deep.equal([{ Soort: 'AS', Nummer: 602, Tekst: 'Persoon is volgens BRP overleden', Groep: null, Veld: null }]);
    expect(answer.Persoon.Personalia.Bsn).to.equal('999902258');
  });

  it('runs voorbeeld.py, the documented example: the PIP read goes back unchanged (FS 640), and a fault is typed', async () => {
    const { stdout, stderr } = await run(PYTHON, [`${ROOT}test/interop/python/voorbeeld.py`, sandbox.endpoint]);
    expect(stderr).to.equal('');
    expect(stdout).to.equal(
      voorbeeldUitvoer('Fault soap:Client: Foutcode 0002 (OIN mag niet handelen voor deze gemeente)'),
    );
  });

  it('gets fault 0002 for a gemeente the OIN may not act for, and 0004 for a malformed gemeentecode', async () => {
    const [notAllowed, malformed] = await zeep('00000001000000000014', [
      ['OpvragenPersoon', { Gemeentecode: '0363', Bsn: '999901333' }],
      ['OpvragenPersoon', { Gemeentecode: 'abcd', Bsn: '999901333' }],
    ]);
    expect(notAllowed.fault).to.deep.equal({ code: 'soap:Client', message: 'OIN mag niet handelen voor deze gemeente', foutcode: '0002' });
    expect(malformed.fault.foutcode).to.equal('0004');
  });
});
