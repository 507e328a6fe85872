/**
 * An independent client, PHP 8.2's SoapClient (Debian php-cli and php-soap), builds itself from the
 * WSDL the sandbox serves (`new SoapClient('<endpoint>?wsdl')`, no local copy, no WSDL cache) and
 * calls every operation of the registry, adding the WS-Addressing headers by hand as PHP users
 * must. It also runs test/interop/php/voorbeeld.php, the example the integrators' documentation
 * quotes. Without php or its soap extension the tests report themselves pending with the install
 * hint; in CI (CI=true) a missing one fails instead, so that CI always runs them.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { ROOT } from '../../src/config.js';
import { OPERATIONS } from '../../src/operations/index.js';
import { startSandbox, type Sandbox } from '../support/sandbox.js';
import { scenario, voorbeeldUitvoer } from './scenario.js';

const run = promisify(execFile);
const INSTALL_HINT = 'needs Debian php-cli and php-soap: apt-get install php-cli php-soap';
const SCRIPTS = `${ROOT}test/interop/php/`;
/** Every warning, notice and deprecation reported, on stderr, which must stay empty. */
const PHP_FLAGS = ['-d', 'display_errors=stderr', '-d', 'error_reporting=-1'];
const OIN = '00000001000000000014';

function phpAvailable(): boolean {
  try {
    const modules = execFileSync('php', ['-m'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return modules.split('\n').some((line) => line.trim() === 'soap');
  } catch {
    return false;
  }
}

const available = phpAvailable();
if (!available && process.env.CI) throw new Error(`CI runs the PHP interop tests: ${INSTALL_HINT}`);

describe(`PHP SoapClient built from the served WSDL${available ? '' : ` (pending: ${INSTALL_HINT})`}`, function () {
  this.timeout(30_000);
  let sandbox: Sandbox;
  before(async function () {
    if (!available) this.skip();
    sandbox = await startSandbox();
  });
  after(async () => sandbox?.close());

  /** Runs one script of test/interop/php/ and returns what it printed; it may print nothing to stderr. */
  const php = async (script: string, args: string[]): Promise<string> => {
    const { stdout, stderr } = await run('php', [...PHP_FLAGS, `${SCRIPTS}${script}`, ...args]);
    expect(stderr, `${script} on stderr`).to.equal('');
    return stdout;
  };

  /** Runs the calls in order in one SoapClient (scenario.php). */
  const soapClient = async (calls: Array<[string, Record<string, unknown>]>): Promise<any[]> =>
    JSON.parse(await php('scenario.php', [sandbox.endpoint, OIN, JSON.stringify(calls)]));

  it('lists a function for every operation of the registry, each request starting with Gemeentecode', async () => {
    const { functions, types } = JSON.parse(await php('describe.php', [sandbox.endpoint])) as { functions: string[]; types: string[] };
    expect([...functions].sort()).to.deep.equal(OPERATIONS.map(({ naam }) => `${naam}Response ${naam}(${naam} $parameters)`).sort());
    // "struct X {\n Type Name;\n ...}" -> X and its members as "Type Name".
    const structs = new Map<string, string[]>();
    for (const type of types) {
      const [, name, body] = /^struct (\w+) \{\n([^]*)\}$/.exec(type) ?? [];
      if (name && body) structs.set(name, [...body.matchAll(/^ (\w+ \w+);$/gm)].map((m) => m[1] ?? ''));
    }
    for (const { naam } of OPERATIONS) {
      expect(structs.get(naam)?.[0], naam).to.equal('Gemeentecode Gemeentecode');
      expect(structs.get(`${naam}Response`)?.slice(0, 2), `${naam}Response`).to.deep.equal(['boolean Verwerkt', 'Meldingen Meldingen']);
    }
  });

  it('calls every operation with the gemeente in the Body and reads each answer', async () => {
    const steps = scenario('999917791');
    expect([...new Set(steps.map(([op]) => op))].sort()).to.deep.equal(OPERATIONS.map((op) => op.naam).sort());
    const answers = await soapClient(steps.map(([op, args]) => [op, args]));
    expect(answers).to.have.length(steps.length);
    steps.forEach(([op, , check], i) => {
      expect(answers[i], `${i}: ${op}`).to.not.have.property('fault');
      check(answers[i]);
    });
  });

  it('gets fault 0002 for a gemeente the OIN may not act for, and 0004 for a malformed gemeentecode', async () => {
    const [notAllowed, malformed] = await soapClient([
      ['OpvragenPersoon', { Gemeentecode: '0363', Bsn: '999901333' }],
      ['OpvragenPersoon', { Gemeentecode: 'abcd', Bsn: '999901333' }],
    ]);
    expect(notAllowed.fault).to.deep.equal({ code: 'soap:Client', message: 'OIN mag niet handelen voor deze gemeente', foutcode: '0002' });
    expect(malformed.fault).to.include({ code: 'soap:Client', foutcode: '0004' });
  });

  it('runs voorbeeld.php, the documented example, with exactly the output it promises', async () => {
    expect(await php('voorbeeld.php', [sandbox.endpoint])).to.equal(
      voorbeeldUitvoer('SoapFault soap:Client: Foutcode 0002 (OIN mag niet handelen voor deze gemeente)'),
    );
  });

});
