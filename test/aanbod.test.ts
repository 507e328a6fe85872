/**
 * The aanbod handelingen end to end, where a fixture cannot show it: what a withdrawal takes with
 * it, that a refused request stores nothing, concurrent requests for one instelling, and the audit
 * record.
 */
import { expect } from 'chai';
import { teksten } from './support/xml.js';
import { addDays } from '../src/domain/datum.js';
import { actueelAanbod, actueleUren, volgendeUrenVersie } from '../src/domain/dossier.js';
import { call } from './support/client.js';
import { inBestand, startSandbox, TODAY, urenVersies, type Sandbox } from './support/sandbox.js';

const groep = (instelling: string, inschrijving: string, start?: string) =>
  `<ib:Aanbod><ib:Instelling>${instelling}</ib:Instelling><ib:DatumInschrijving>${inschrijving}</ib:DatumInschrijving>${
    start ? `<ib:DatumStartOpleiding>${start}</ib:DatumStartOpleiding>` : ''
  }<ib:Alfabetisering>NVT</ib:Alfabetisering></ib:Aanbod>`;

describe('aanbod handelingen', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await inBestand();
  });
  after(async () => sandbox.close());

  it('withdraws the uren of types 6, 8 and 9 of the instelling with its aanbod, and keeps them as versions', async () => {
    const bsn = '999901333';
    const voor = (await sandbox.store.dossier(bsn))!;
    const urenBowOne = actueleUren(voor).filter((u) => u.instelling === 'BOW0001').map((u) => u.typeUren);
    expect(urenBowOne).to.deep.equal(['6', '8', '9']);

    const intrekken = await call(sandbox.endpoint, 'IntrekkenAanbod', `<ib:Bsn>${bsn}</ib:Bsn><ib:Cursusinstellingen><ib:Instelling>BOW0001</ib:Instelling></ib:Cursusinstellingen>`);
    expect(intrekken.meldingen()).to.deep.equal([]);
    expect(intrekken.text('//ib:Verwerkt')).to.equal('true');

    const na = (await sandbox.store.dossier(bsn))!;
    expect(actueelAanbod(na).map((a) => a.instelling)).to.deep.equal(['BOW0002']);
    expect(actueleUren(na).filter((u) => u.instelling === 'BOW0001')).to.deep.equal([]);
    expect(actueleUren(na).filter((u) => u.instelling === 'BOW0002').map((u) => u.typeUren)).to.deep.equal(['6']);
    // Each withdrawal is the latest version of its registration; the earlier versions stay.
    const ingetrokken = na.uren.filter((u) => u.instelling === 'BOW0001');
    expect(ingetrokken.map((u) => [u.typeUren, u.ingetrokken, u.versie > volgendeUrenVersie(voor) - 1])).to.deep.equal([
      ['6', true, true],
      ['8', true, true],
      ['9', true, true],
    ]);
    const versies = urenVersies(sandbox, bsn).filter((v) => v.instellingcode === 'BOW0001');
    expect(versies.map((v) => [v.type_uren, v.ingetrokken])).to.deep.equal([
      ['6', 0],
      ['8', 0],
      ['9', 0],
      ['6', 1],
      ['8', 1],
      ['9', 1],
    ]);
    const mutaties = await sandbox.store.mutaties(bsn);
    expect(mutaties.map((m) => [m.operatie, m.messageId])).to.deep.equal([['IntrekkenAanbod', intrekken.messageId]]);

    const persoon = await call(sandbox.endpoint, 'OpvragenPersoon', [['Bsn', bsn]]);
    expect(teksten(persoon.doc, '//*[local-name()="Uren"]/*[local-name()="Cursusinstelling"]')).to.deep.equal(['BOW0002']);
  });

  /** Gives `bsn`, an asielstatushouder of 0014 without a PIP, a PIP in the Z-route, dated two days ago. */
  const geefPip = async (bsn: string) => {
    const pip = await call(sandbox.endpoint, 'OpvoerenPip', [
      ['Bsn', bsn],
      [
        'Pip',
        [
          ['DatumDagtekeningPip', addDays(TODAY, -2)],
          ['Leerroute', 'Z'],
        ],
      ],
    ]);
    expect(pip.meldingen()).to.deep.equal([]);
  };

  it('stores nothing when one group of a request is refused', async () => {
    const bsn = '999917420';
    await geefPip(bsn);
    const voor = await sandbox.store.dossier(bsn);
    const refused = await call(sandbox.endpoint, 'OpvoerenAanbod', `<ib:Bsn>${bsn}</ib:Bsn>${groep('BOW0001', TODAY)}${groep('TSI0001', TODAY)}`);
    expect(refused.meldingen()).to.deep.equal(['FS646']);
    expect(refused.text('//ib:Groep')).to.equal('2');
    expect(await sandbox.store.dossier(bsn)).to.deep.equal(voor);
    expect((await sandbox.store.mutaties(bsn)).map((m) => m.operatie)).to.deep.equal(['OpvoerenPip']);
  });

  it('keeps one current aanbod per instelling when two requests race for it', async () => {
    const bsn = '999917791';
    await geefPip(bsn);
    const [a, b] = await Promise.all([0, 1].map(() => call(sandbox.endpoint, 'OpvoerenAanbod', `<ib:Bsn>${bsn}</ib:Bsn>${groep('BOW0002', TODAY)}`)));
    expect([a!.meldingen(), b!.meldingen()].map((m) => m.join()).sort()).to.deep.equal(['', 'FS999']);
    const dossier = (await sandbox.store.dossier(bsn))!;
    expect(actueelAanbod(dossier).map((x) => x.instelling)).to.deep.equal(['BOW0002']);
    expect(dossier.aanbod).to.have.length(1);
  });

  it('refuses a change from an afnemer that may only read', async () => {
    const refused = await call(sandbox.endpoint, 'IntrekkenAanbod', '<ib:Bsn>999905958</ib:Bsn>', { gemeente: '0034', oin: '00000001000000000034' });
    expect([refused.status, refused.text('//ib:Foutcode')]).to.deep.equal([500, '0002']);
  });
});
