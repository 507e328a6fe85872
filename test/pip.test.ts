/**
 * The PIP handelingen end to end, where a fixture cannot show it: concurrent changes, that a
 * refused change stores nothing, what a withdrawal takes with it, and the audit record.
 */
import { expect } from 'chai';
import { addDays } from '../src/domain/datum.js';
import { actueelAanbod, actuelePip } from '../src/domain/dossier.js';
import { call } from './support/client.js';
import { startSandbox, TODAY, type Sandbox } from './support/sandbox.js';

describe('PIP handelingen', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(async () => sandbox.close());

  const wijzig = (bsn: string, dagen: number, uren: string) =>
    call(sandbox.endpoint, 'WijzigenPip', [
      ['Bsn', bsn],
      [
        'Pip',
        [
          ['DatumDagtekeningPip', addDays(TODAY, dagen)],
          ['Leerroute', 'B'],
          ['GeschatteUrenIntensiteit', uren],
        ],
      ],
    ]);

  it('keeps both of two concurrent WijzigenPip requests, one after the other', async () => {
    const bsn = '999918321';
    const [a, b] = await Promise.all([wijzig(bsn, -1, '610'), wijzig(bsn, -1, '620')]);
    expect([a.text('//ib:Verwerkt'), b.text('//ib:Verwerkt')]).to.deep.equal(['true', 'true']);
    const dossier = (await sandbox.store.dossier(bsn))!;
    expect(dossier.pip.map((v) => v.versie)).to.deep.equal([1, 2, 3]);
    expect(dossier.pip.slice(1).map((v) => v.geschatteUren).sort()).to.deep.equal([610, 620]);
    expect(actuelePip(dossier)).to.deep.equal(dossier.pip[2]);
    const mutaties = await sandbox.store.mutaties(bsn);
    expect(mutaties.map((m) => m.messageId).sort()).to.deep.equal([a.messageId, b.messageId].sort());
    expect(mutaties.every((m) => m.oin === '00000001000000000014' && m.gemeente === '0014' && m.operatie === 'WijzigenPip')).to.equal(true);

    const historie = await call(sandbox.endpoint, 'OpvragenPipHistorie', [['Bsn', bsn]]);
    expect(historie.doc.find('//*[local-name()="PipVersie"]').length).to.equal(3);
  });

  it('stores nothing when a change is refused, and gives one melding for one cause', async () => {
    const bsn = '999911272';
    const before = await sandbox.store.dossier(bsn);
    // Before the start of the plicht and before the current PIP: FS 638 explains it, no addition on top.
    const refused = await wijzig(bsn, -401, '600');
    expect(refused.meldingen()).to.deep.equal(['FS638']);
    expect(await sandbox.store.dossier(bsn)).to.deep.equal(before);
    expect(await sandbox.store.mutaties(bsn)).to.deep.equal([]);
  });

  it('withdraws the aanbiedingen with the PIP, and records who withdrew them', async () => {
    const bsn = '999914558';
    expect(actueelAanbod((await sandbox.store.dossier(bsn))!)).to.have.length(1);
    const intrekken = await call(sandbox.endpoint, 'IntrekkenPip', [['Bsn', bsn]]);
    expect(intrekken.text('//ib:Verwerkt')).to.equal('true');

    const dossier = (await sandbox.store.dossier(bsn))!;
    expect(actuelePip(dossier)).to.equal(undefined);
    expect(actueelAanbod(dossier)).to.deep.equal([]);
    expect(dossier.pip.map((v) => v.ingetrokken)).to.deep.equal([true]);
    expect(dossier.aanbod.map((a) => a.ingetrokken)).to.deep.equal([false, true]);
    expect(await sandbox.store.mutaties(bsn)).to.have.length(1);

    const persoon = await call(sandbox.endpoint, 'OpvragenPersoon', [['Bsn', bsn]]);
    expect(persoon.doc.find('//*[local-name()="Aanbod"]')).to.have.length(0);
    expect(persoon.doc.find('//*[local-name()="Pip"]')).to.have.length(0);
  });

  it('refuses a change from an afnemer that may only read', async () => {
    const refused = await call(sandbox.endpoint, 'IntrekkenPip', [['Bsn', '999905958']], { gemeente: '0034', oin: '00000001000000000034' });
    expect(refused.status).to.equal(500);
    expect(refused.text('//ib:Foutcode')).to.equal('0002');
  });
});
