/** The embedded Store adapter: the port's promises about dossiers, transactions and mutations. */
import { expect } from 'chai';
import { ROOT } from '../../src/config.js';
import { laadDatasetBestand } from '../../src/dataset/laden.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';

const TODAY = '20261129';
const mutatie = (messageId: string) => ({ oin: '00000001000000000014', gemeente: '0014', messageId, operatie: 'Test', tijdstip: '2026-11-29T10:00:00Z' });

describe('SqliteStore', () => {
  let store: SqliteStore;
  beforeEach(async () => {
    store = new SqliteStore();
    await store.importeer(laadDatasetBestand(`${ROOT}fixtures/dataset.json`, TODAY));
  });
  afterEach(async () => store.close());

  it('reads a whole dossier back as the dataset gave it', async () => {
    const d = (await store.dossier('999901333'))!;
    expect(d.persoon.achternaam).to.equal('Testpersoon-Volledig');
    expect(d.pip).to.have.length(2);
    expect(d.aanbod.map((a) => [a.instelling, a.ingetrokken])).to.deep.equal([
      ['BOW0001', false],
      ['TSI0001', true],
      ['BOW0001', false],
      ['BOW0002', false],
    ]);
    expect(d.contactpersonen).to.deep.equal([
      { gemeente: '0014', volgnummer: 1, naam: 'Connie Contact', email: 'c.contact@groningen.test', telefoonnummer: '050-1234567' },
    ]);
    expect(d.signalen.map((s) => s.status)).to.deep.equal(['A', 'A', 'B', 'N']);
    expect(await store.dossier('999906069')).to.equal(undefined);
  });

  it('knows the afnemers and their roles per gemeente', async () => {
    const vendor = (await store.afnemer('00000003000000000001'))!;
    expect([...vendor.entries()]).to.deep.equal([
      ['0014', 'muteren'],
      ['0034', 'raadplegen'],
    ]);
    expect(await store.afnemer('00000001999999999999')).to.equal(undefined);
  });

  it('is not empty once a dataset is loaded', async () => {
    expect(await store.isEmpty()).to.equal(false);
    const empty = new SqliteStore();
    expect(await empty.isEmpty()).to.equal(true);
    await empty.close();
  });

  it('stores nothing of a transaction that fails', async () => {
    let failure: unknown;
    try {
      await store.transaction(async (tx) => {
        await tx.registreerMutatie(mutatie('urn:uuid:a'), '999901333');
        throw new Error('rule failed');
      });
    } catch (err) {
      failure = err;
    }
    expect((failure as Error).message).to.equal('rule failed');
    const ids = await store.transaction(async (tx) => tx.registreerMutatie(mutatie('urn:uuid:b'), '999901333'));
    expect(ids).to.equal(2); // the import's mutatie is 1; the failed one left no row behind
  });

  it('runs concurrent transactions one after the other, none lost', async () => {
    const order: string[] = [];
    const work = (name: string) =>
      store.transaction(async (tx) => {
        order.push(`${name}:start`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        await tx.registreerMutatie(mutatie(`urn:uuid:${name}`), '999901333');
        order.push(`${name}:end`);
        return name;
      });
    expect(await Promise.all([work('x'), work('y'), work('z')])).to.deep.equal(['x', 'y', 'z']);
    expect(order).to.deep.equal(['x:start', 'x:end', 'y:start', 'y:end', 'z:start', 'z:end']);
  });
});
