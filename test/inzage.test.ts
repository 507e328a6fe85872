/** The inzage trail: every read and change of a person is recorded by afnemer, with the BSN's pseudonym only. */
import { expect } from 'chai';
import { pseudoniem } from '../src/log/pseudoniem.js';
import { call } from './support/client.js';
import { startSandbox, type Sandbox } from './support/sandbox.js';

describe('inzage trail', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(async () => sandbox.close());

  it('records who read or changed whom, when and by which message, and expires', async () => {
    const lezen = await call(sandbox.endpoint, 'OpvragenPersoon', [['Bsn', '999905107']]);
    const vendor = await call(sandbox.endpoint, 'OpvragenPipHistorie', [['Bsn', '999905107']], { oin: '00000003000000000001' });
    const geweigerd = await call(sandbox.endpoint, 'IntrekkenPip', [['Bsn', '999905107']]);
    const sleutel = pseudoniem('999905107', sandbox.config.pseudonymKey);
    const inzages = await sandbox.store.inzages(sleutel);
    expect(inzages.map((i) => [i.oin, i.gemeente, i.operatie, i.messageId, i.verwerkt])).to.deep.equal([
      ['00000001000000000014', '0014', 'OpvragenPersoon', lezen.messageId, true],
      ['00000003000000000001', '0014', 'OpvragenPipHistorie', vendor.messageId, true],
      ['00000001000000000014', '0014', 'IntrekkenPip', geweigerd.messageId, geweigerd.text('//ib:Verwerkt') === 'true'],
    ]);
    expect(JSON.stringify(inzages)).not.to.include('999905107');
    expect(await sandbox.store.ruimInzagesOp(new Date(Date.now() + 1000).toISOString())).to.be.greaterThan(2);
    expect(await sandbox.store.inzages(sleutel)).to.deep.equal([]);
  });
});
