/** The inzage trail: every read and change of a person is recorded by afnemer, with the BSN's pseudonym only. */
import type Database from 'better-sqlite3';
import { expect } from 'chai';
import { pseudoniem } from '../src/log/pseudoniem.js';
import { call } from './support/client.js';
import { startSandbox, type Sandbox } from './support/sandbox.js';
import { inzagesVan } from './support/inzages.js';

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
    const inzages = await inzagesVan(sandbox.store, sleutel);
    expect(inzages.map((i) => [i.oin, i.gemeente, i.operatie, i.messageId, i.verwerkt])).to.deep.equal([
      ['00000001000000000014', '0014', 'OpvragenPersoon', lezen.messageId, true],
      ['00000003000000000001', '0014', 'OpvragenPipHistorie', vendor.messageId, true],
      ['00000001000000000014', '0014', 'IntrekkenPip', geweigerd.messageId, geweigerd.text('//ib:Verwerkt') === 'true'],
    ]);
    expect(JSON.stringify(inzages)).not.to.include('999905107');
    expect(await sandbox.store.ruimInzagesOp(new Date(Date.now() + 1000).toISOString())).to.be.greaterThan(2);
    expect(await inzagesVan(sandbox.store, sleutel)).to.deep.equal([]);
  });

  it("writes a change's record in the change's transaction: a change whose record cannot be written is not made", async () => {
    const db = (sandbox.store as unknown as { db: Database.Database }).db;
    const namen = async () => (await sandbox.store.contactpersonen('0014')).map((c) => c.naam);
    const groep = (naam: string) => `<ib:Contactpersoon><ib:Naam>${naam}</ib:Naam><ib:Email>inzage@gemeente.test</ib:Email></ib:Contactpersoon>`;
    db.exec("CREATE TRIGGER inzage_geweigerd BEFORE INSERT ON inzage BEGIN SELECT RAISE(ABORT, 'the trail is full'); END");
    let geweigerd;
    try {
      geweigerd = await call(sandbox.endpoint, 'OpvoerenContactpersoon', groep('Ingrid Inzage'));
    } finally {
      db.exec('DROP TRIGGER inzage_geweigerd');
    }
    expect(geweigerd.status).to.equal(500);
    expect(await namen()).not.to.include('Ingrid Inzage');
    // Nothing of it was kept: the same MessageID is a new change now, not a repeat.
    const opnieuw = await call(sandbox.endpoint, 'OpvoerenContactpersoon', groep('Ingrid Inzage'), { messageId: geweigerd.messageId });
    expect(opnieuw.text('//ib:Verwerkt')).to.equal('true');
    expect(await namen()).to.include('Ingrid Inzage');
    // One record under that MessageID: the processed change's, none of the refused attempt.
    expect(db.prepare('SELECT operatie, verwerkt FROM inzage WHERE message_id = ?').all(geweigerd.messageId)).to.deep.equal([{ operatie: 'OpvoerenContactpersoon', verwerkt: 1 }]);
  });
});
