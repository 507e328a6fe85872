/**
 * The gateway's log, on its own traffic: every fixture request replayed against a sandbox of this
 * file's own, and the lines that sandbox's gateway logged hold no BSN, name, e-mail address or
 * phone number of any fixture person or contactpersoon, only keyed pseudonyms. (Every other
 * sandbox checks its own lines the same way when it closes: support/sandbox.ts.)
 */
import { expect } from 'chai';
import { ROOT, SANDBOX_PSEUDONYM_KEY } from '../src/config.js';
import { loadCases, send } from '../src/fixtures/replay.js';
import { pseudoniem } from '../src/log/pseudoniem.js';
import { persoonsgegevens, persoonsgegevensIn } from './support/privacy.js';
import { startSandbox, TODAY, type Sandbox } from './support/sandbox.js';

describe('logs', () => {
  const cases = loadCases(`${ROOT}fixtures`);
  let sandbox: Sandbox | undefined;
  let lines: string[] = [];
  before(async () => {
    sandbox = await startSandbox();
    for (const c of cases) await send(sandbox.endpoint, c, TODAY);
    lines = sandbox.logRegels();
  });
  after(async () => sandbox?.close());

  it('were written for every request, one JSON line each', () => {
    const requests = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
    expect(requests).to.have.length(cases.length);
    for (const r of requests) {
      expect(r).to.include.keys('time', 'level', 'httpStatus', 'durationMs');
      if (r.httpStatus === 200) expect(r).to.include.keys('messageId', 'operation', 'oin', 'gemeente', 'verwerkt', 'meldingen', 'storeMs');
      else expect(r).to.have.property('fault');
    }
  });

  it('hold no BSN, name, e-mail address or phone number', () => {
    const { waarden, namen } = persoonsgegevens();
    expect(waarden.size + namen.length).to.be.greaterThan(30);
    expect(persoonsgegevensIn(lines)).to.deep.equal([]);
  });

  it('follow a person by a keyed pseudonym instead', () => {
    const requests = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
    const wanted = pseudoniem('999901333', SANDBOX_PSEUDONYM_KEY);
    expect(requests.filter((r) => r.bsnPseudoniem === wanted).length).to.be.greaterThan(1);
  });
});
