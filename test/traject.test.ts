/**
 * MAP, PVT and uren end to end, where a fixture cannot show it: every registration is kept and the
 * last one counts, a removal is a version, and refused requests store nothing.
 */
import { expect } from 'chai';
import { addDays } from '../src/domain/datum.js';
import { actueleAfronding, actueleUren, volgendeUrenVersie } from '../src/domain/dossier.js';
import { call } from './support/client.js';
import { inBestand, TODAY, urenVersies, type Sandbox } from './support/sandbox.js';

describe('MAP, PVT and uren', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await inBestand();
  });
  after(async () => sandbox.close());

  it('keeps every uren registration; the latest per type counts, and the PIB total follows it', async () => {
    const bsn = '999901333';
    const voor = (await sandbox.store.dossier(bsn))!;
    const versiesVoor = urenVersies(sandbox, bsn).filter((v) => v.type_uren === '2').map((v) => v.versie);
    const type2 = actueleUren(voor).find((u) => u.typeUren === '2')!;
    const later = addDays(type2.datumTot, 1) > TODAY ? type2.datumTot : addDays(type2.datumTot, 1);
    const antwoord = await call(sandbox.endpoint, 'DoorgevenUren', [
      ['Bsn', bsn],
      [
        'Uren',
        [
          ['TypeUren', '2'],
          ['DatumTot', later],
          ['UrenDeelname', String(type2.aantalUren + 10)],
        ],
      ],
    ]);
    expect(antwoord.meldingen()).to.deep.equal([]);
    const na = (await sandbox.store.dossier(bsn))!;
    // The new registration replaces the earlier type 2 in the dossier; the store keeps both.
    expect(na.uren.filter((u) => u.typeUren !== '2')).to.deep.equal(voor.uren.filter((u) => u.typeUren !== '2'));
    expect(urenVersies(sandbox, bsn).filter((v) => v.type_uren === '2').map((v) => v.versie)).to.deep.equal([...versiesVoor, volgendeUrenVersie(voor)]);
    expect(actueleUren(na).find((u) => u.typeUren === '2')).to.include({ aantalUren: type2.aantalUren + 10, datumTot: later });
    const totaal = (d: typeof na) => actueleUren(d).filter((u) => u.typeUren !== '9').reduce((s, u) => s + u.aantalUren, 0);
    expect(Number(antwoord.text('//ib:TotaalUren'))).to.equal(totaal(na)).and.to.equal(totaal(voor) + 10);
  });

  it('removes a MAP registration as a new version, and refuses a second removal without storing anything', async () => {
    const bsn = '999901333';
    const voor = (await sandbox.store.dossier(bsn))!;
    const mutatiesVoor = (await sandbox.store.mutaties(bsn)).map((m) => m.operatie);
    expect(actueleAfronding(voor.map)).not.to.equal(undefined);
    const verwijderd = await call(sandbox.endpoint, 'VerwijderenMap', [['Bsn', bsn]]);
    expect(verwijderd.meldingen()).to.deep.equal([]);
    const na = (await sandbox.store.dossier(bsn))!;
    expect(na.map.slice(0, voor.map.length)).to.deep.equal(voor.map);
    expect(actueleAfronding(na.map)).to.equal(undefined);

    const nogmaals = await call(sandbox.endpoint, 'VerwijderenMap', [['Bsn', bsn]]);
    expect(nogmaals.meldingen()).to.deep.equal(['FS999']);
    expect(await sandbox.store.dossier(bsn)).to.deep.equal(na);
    // One mutation: the removal's; the refused second removal recorded none.
    expect((await sandbox.store.mutaties(bsn)).map((m) => m.operatie)).to.deep.equal([...mutatiesVoor, 'VerwijderenMap']);
  });

  it('refuses a change from an afnemer that may only read', async () => {
    const refused = await call(sandbox.endpoint, 'DoorgevenPvt', [['Bsn', '999905958'], ['DatumOndertekening', TODAY]], { gemeente: '0034', oin: '00000001000000000034' });
    expect([refused.status, refused.text('//ib:Foutcode')]).to.deep.equal([500, '0002']);
  });
});
