/**
 * An operator finds every request in the log by the MessageID the vendor quotes: a UUID as sent,
 * any other value by the pseudonym `npm run pseudonym -- --messageid` prints for it. No BSN or
 * name that a caller put in a MessageID reaches the log.
 */
import { spawnSync } from 'node:child_process';
import { expect } from 'chai';
import { ROOT } from '../src/config.js';
import { call } from './support/client.js';
import { startSandbox, type Sandbox } from './support/sandbox.js';

/** What the operator's command prints for the vendor's value, with the gateway's key. */
function zoekwaarde(sandbox: Sandbox, messageId: string): string {
  const cli = spawnSync(process.execPath, ['--import', 'tsx', `${ROOT}src/cli/pseudoniem.ts`, '--messageid', messageId], {
    env: { ...process.env, CVS_PSEUDONYM_KEY: sandbox.config.pseudonymKey },
    encoding: 'utf8',
  });
  expect(cli.status, cli.stderr).to.equal(0);
  return cli.stdout.trim();
}

function regels(sandbox: Sandbox, messageId: string): Array<Record<string, unknown>> {
  return sandbox
    .logRegels()
    .filter((l) => l.includes(messageId))
    .map((l) => JSON.parse(l));
}

describe('a MessageID in the log', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(() => sandbox.close());

  it('is the UUID as sent, also one with a long run of digits', async () => {
    const messageId = 'urn:uuid:a84f1ef3-4b1c-4c09-8f56-293271770314';
    await call(sandbox.endpoint, 'OpvragenPersoon', [['Bsn', '999901333']], { messageId });
    expect(zoekwaarde(sandbox, messageId)).to.equal(messageId);
    const [regel, ...rest] = regels(sandbox, messageId);
    expect(rest).to.deep.equal([]);
    expect(regel).to.include({ msg: 'request', messageId, operation: 'OpvragenPersoon', httpStatus: 200 });
  });

  it('is a pseudonym for any other value, found by the operator command, for an answer and for a fault', async () => {
    const log = sandbox.logRegels().length;
    const antwoord = 'urn:gemeente:0014:bsn:999901333:Testpersoon-Volledig';
    const fout = 'msg:9999/01333:Testpersoon';
    expect((await call(sandbox.endpoint, 'OpvragenPersoon', [['Bsn', '999901333']], { messageId: antwoord })).status).to.equal(200);
    // Not valid against the schema: fault 0004, which also names the MessageID it relates to.
    expect((await call(sandbox.endpoint, 'OpvragenPersoon', [['Bsn', '999901333'], ['Extra', '1']], { messageId: fout })).status).to.equal(500);

    const nieuw = sandbox.logRegels().slice(log).join('\n');
    for (const waarde of ['999901333', '9999/01333', 'Testpersoon']) expect(nieuw).not.to.include(waarde);
    const a = regels(sandbox, zoekwaarde(sandbox, antwoord));
    expect(a).to.have.length(1);
    expect(a[0]).to.include({ msg: 'request', operation: 'OpvragenPersoon', httpStatus: 200 });
    const f = regels(sandbox, zoekwaarde(sandbox, fout));
    expect(f).to.have.length(1);
    expect(f[0]).to.include({ msg: 'request', fault: '0004', httpStatus: 500 });
    expect(zoekwaarde(sandbox, antwoord)).to.match(/^pseudoniem:[a-p]{24}$/);
  });
});
