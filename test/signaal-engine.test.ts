/**
 * The signaal engine on a real store: SS102, SS126 and SS127 appear once each when today moves on,
 * a second run or a second instance on the same database adds nothing, and retention removes an
 * afgehandeld signaal after a week (recorded as a mutation). A dataset's signalen: one that names
 * its occasion stands for the engine's, and one with the date its status was set A is removed a
 * week after that date.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { telBeurten } from './support/beurten.js';
import { addDays, addMonths } from '../src/domain/datum.js';
import type { Dossier } from '../src/domain/dossier.js';
import { dueSignalen, ENGINE_PLAK, engineVenster } from '../src/domain/signalen.js';
import { laadDatasetBestand, leesDataset } from '../src/dataset/laden.js';
import { draaiSignaalEngine } from '../src/jobs/signaal-engine.js';
import { ROOT } from '../src/config.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { testDossier, testPipVersie } from './support/dossier.js';

const TODAY = '20261129';

const persoon = (bsn: string, over: Partial<Dossier['persoon']> = {}, pip: Dossier['pip'] = [], aanbod: Dossier['aanbod'] = []): Dossier =>
  testDossier({ bsn, datumStartPlicht: addDays(TODAY, -200), ...over }, { pip, aanbod });

const pip = (registratie: string, gemeente = '0014') =>
  testPipVersie({ versie: 1, gemeente, datumDagtekeningInitieel: addDays(registratie, -1), datumDagtekening: addDays(registratie, -1), datumRegistratie: registratie });

describe('signaal engine', () => {
  it('raises SS102 on the 14th day, SS126 after 10 weeks without PIP, SS127 after 3 months without aanbod', () => {
    const codes = (d: Dossier, today: string) => dueSignalen(d, today).map((s) => `${s.code}@${s.gemeente}:${s.datum}`);
    const opDag14 = persoon('999901333', {}, [pip(addDays(TODAY, -14))]);
    expect(codes(opDag14, TODAY)).to.deep.equal([`SS102@0014:${TODAY}`]);
    expect(codes(opDag14, addDays(TODAY, -1))).to.deep.equal([]);

    const zonderPip = persoon('999901370', { datumStartTermijnPip: addDays(TODAY, -71) });
    expect(codes(zonderPip, TODAY)).to.deep.equal([`SS126@0014:${TODAY}`]);
    expect(codes(zonderPip, addDays(TODAY, -1))).to.deep.equal([]);

    const registratie = addMonths(addDays(TODAY, -1), -3);
    expect(codes(persoon('999902258', {}, [pip(registratie)]), TODAY)).to.deep.equal([`SS102@0014:${addDays(registratie, 14)}`, `SS127@0014:${TODAY}`]);
    const metAanbod = persoon('999902258', {}, [pip(registratie)], [
      { versie: 1, instelling: 'BOW0001', instellingNaam: 'x', gemeente: '0014', datumInschrijving: registratie, ingetrokken: false },
    ]);
    expect(codes(metAanbod, TODAY).filter((c) => c.startsWith('SS127'))).to.deep.equal([]);
    expect(codes(persoon('999902258', { doelgroep: 'Gezinsmigrant en overige migrant' }, [pip(registratie)]), TODAY).filter((c) => c.startsWith('SS127'))).to.deep.equal([]);
  });

  it('raises SS120 or SS121 for the new gemeente and SS122 for the old one when a person moved', () => {
    const datum = addDays(TODAY, -5);
    const zonder = persoon('999904589', { woongemeente: '0363', verhuizing: { van: '0014', naar: '0363', datum } });
    expect(dueSignalen(zonder, TODAY).filter((s) => s.code !== 'SS126').map((s) => `${s.code}@${s.gemeente}`)).to.deep.equal(['SS120@0363', 'SS122@0014']);
    const met = persoon('999904589', { woongemeente: '0363', verhuizing: { van: '0014', naar: '0363', datum } }, [pip(addDays(TODAY, -100))]);
    expect(dueSignalen(met, TODAY).filter((s) => ['SS120', 'SS121', 'SS122'].includes(s.code)).map((s) => `${s.code}@${s.gemeente}`)).to.deep.equal([
      'SS121@0363',
      'SS122@0014',
    ]);
  });

  describe('on a store', () => {
    let dir: string;
    let store: SqliteStore;
    const dataset = (d: Dossier) => ({ afnemers: [], instellingen: [], contactpersonen: [], dossiers: [{ dossier: d, koppelingen: [] }] });
    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'cvs-engine-'));
      store = new SqliteStore({ filename: join(dir, 'store.sqlite') });
      await store.importeer(dataset(persoon('999901333', { datumStartTermijnPip: addDays(TODAY, -80) })));
    });
    afterEach(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('raises SS102, SS126 and SS127 once each as today moves on, however often and in how many instances it runs', async () => {
      // A second store on the same file, with a PIP registered 80 days before TODAY (SS102 on day 14, SS127 after 3 months).
      await store.close();
      rmSync(dir, { recursive: true, force: true });
      dir = mkdtempSync(join(tmpdir(), 'cvs-engine-'));
      store = new SqliteStore({ filename: join(dir, 'store.sqlite') });
      const registratie = addDays(TODAY, -80);
      await store.importeer({
        afnemers: [],
        instellingen: [],
        contactpersonen: [],
        dossiers: [
          { dossier: persoon('999901333', { datumStartTermijnPip: addDays(TODAY, -80) }), koppelingen: [] },
          { dossier: persoon('999901370', {}, [pip(registratie)]), koppelingen: [] },
        ],
      });
      const codes = async () => (await store.signalen('0014')).map((s) => `${s.code} ${s.bsn}`).sort();
      expect((await draaiSignaalEngine(store, addDays(registratie, 13))).nieuw).to.equal(0);
      expect(await codes()).to.deep.equal([]);
      expect((await draaiSignaalEngine(store, TODAY)).nieuw).to.equal(2);
      expect(await codes()).to.deep.equal(['SS102 999901370', 'SS126 999901333']);
      expect((await draaiSignaalEngine(store, TODAY)).nieuw).to.equal(0);

      const later = addDays(addMonths(registratie, 3), 1);
      const tweede = new SqliteStore({ filename: join(dir, 'store.sqlite') });
      try {
        const [a, b] = await Promise.all([draaiSignaalEngine(store, later), draaiSignaalEngine(tweede, later)]);
        expect(a.nieuw + b.nieuw).to.equal(1);
        const [c, d] = await Promise.all([draaiSignaalEngine(store, later), draaiSignaalEngine(tweede, later)]);
        expect(c.nieuw + d.nieuw).to.equal(0);
      } finally {
        await tweede.close();
      }
      expect(await codes()).to.deep.equal(['SS102 999901370', 'SS126 999901333', 'SS127 999901370']);
    });

    it('removes an afgehandeld signaal a week after it was set to A, and records the removal', async () => {
      await draaiSignaalEngine(store, TODAY);
      const [signaal] = await store.signalen('0014');
      await store.transaction(async (tx) => {
        const id = await tx.registreerMutatie({ oin: '00000001000000000014', gemeente: '0014', messageId: 'urn:uuid:a', operatie: 'WijzigenStatusSignalen', tijdstip: 'x' }, undefined);
        await tx.zetSignaalStatus(signaal!.id, 'A', TODAY, id);
      });
      expect((await draaiSignaalEngine(store, addDays(TODAY, 6))).verwijderd).to.equal(0);
      expect((await draaiSignaalEngine(store, addDays(TODAY, 7))).verwijderd).to.equal(1);
      expect(await store.signalen('0014')).to.deep.equal([]);
      // Removed, so the same occasion is not raised again.
      expect((await draaiSignaalEngine(store, addDays(TODAY, 8))).nieuw).to.equal(0);
    });

    it('removes a signaal still Nieuw after a quarter', async () => {
      await draaiSignaalEngine(store, TODAY);
      const [signaal] = await store.signalen('0014');
      expect((await draaiSignaalEngine(store, addMonths(signaal!.datum, 3))).verwijderd).to.equal(0);
      expect((await draaiSignaalEngine(store, addDays(addMonths(signaal!.datum, 3), 1))).verwijderd).to.equal(1);
    });
  });

  describe("with a dataset's signalen", () => {
    let dir: string;
    let store: SqliteStore;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'cvs-engine-'));
      store = new SqliteStore({ filename: join(dir, 'store.sqlite') });
    });
    afterEach(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    /** A dataset file's JSON (what is undefined left out): one person with the given signalen, loaded on TODAY. */
    const laad = (signalen: object[], over: object = {}) =>
      store.importeer(
        leesDataset(
          JSON.parse(JSON.stringify({
            afnemers: [],
            instellingen: [],
            personen: [
              {
                label: 'verhuisd',
                bsn: '999904589',
                achternaam: 'Test',
                geboortedatum: '19900101',
                wet: 'WI2021',
                woongemeente: '0363',
                doelgroep: 'Gezinsmigrant en overige migrant',
                inburgeringsplicht: { datumStart: 'vandaag-300' },
                verhuizing: { van: '0014', naar: '0363', datum: 'vandaag-10' },
                pip: [{ gemeente: '0014', datumDagtekening: 'vandaag-200', datumRegistratie: 'vandaag-198', leerroute: 'Z' }],
                signalen,
                ...over,
              },
            ],
          })),
          TODAY,
        ),
      );
    const lijst = async (gemeente: string) => (await store.signalen(gemeente)).map((s) => `${s.code} ${s.status} ${s.datum}`);
    const verhuisd = addDays(TODAY, -10);

    it('raises no second SS121 or SS122 beside the ones the dataset gives for the same move', async () => {
      await laad([
        { gemeente: '0014', code: 'SS122', datum: 'vandaag-10', status: 'B', datumStatus: 'vandaag-9', aanleiding: 'verhuizing-vandaag-10' },
        { gemeente: '0363', code: 'SS121', datum: 'vandaag-10', status: 'N', aanleiding: `verhuizing-${verhuisd}` },
      ]);
      expect((await draaiSignaalEngine(store, TODAY)).nieuw).to.equal(0);
      expect(await lijst('0014')).to.deep.equal([`SS122 B ${verhuisd}`]);
      expect(await lijst('0363')).to.deep.equal([`SS121 N ${verhuisd}`]);
    });

    it('raises its own beside a dataset signaal that names no occasion, or another one', async () => {
      await laad([
        { gemeente: '0014', code: 'SS122', datum: 'vandaag-10', status: 'B' },
        { gemeente: '0363', code: 'SS121', datum: 'vandaag-60', status: 'A', aanleiding: 'verhuizing-vandaag-60' },
      ]);
      expect((await draaiSignaalEngine(store, TODAY)).nieuw).to.equal(2);
      expect(await lijst('0014')).to.deep.equal([`SS122 B ${verhuisd}`, `SS122 N ${verhuisd}`]);
      expect(await lijst('0363')).to.deep.equal([`SS121 A ${addDays(TODAY, -60)}`, `SS121 N ${verhuisd}`]);
    });

    it('removes a dataset signaal set to A a week ago or longer, and keeps one set yesterday until its week is over', async () => {
      await laad(
        [
          { gemeente: '0014', code: 'SS139', datum: 'vandaag-60', status: 'A', datumStatus: 'vandaag-8' },
          { gemeente: '0014', code: 'SS102', datum: 'vandaag-40', status: 'A', datumStatus: 'vandaag-1' },
          { gemeente: '0014', code: 'SS127', datum: 'vandaag-20', status: 'A' },
        ],
        { verhuizing: undefined, woongemeente: '0014' },
      );
      expect((await draaiSignaalEngine(store, TODAY)).verwijderd).to.equal(1);
      expect(await lijst('0014')).to.deep.equal([`SS102 A ${addDays(TODAY, -40)}`, `SS127 A ${addDays(TODAY, -20)}`]);
      expect((await draaiSignaalEngine(store, addDays(TODAY, 5))).verwijderd).to.equal(0);
      expect((await draaiSignaalEngine(store, addDays(TODAY, 6))).verwijderd).to.equal(1);
      // Without the date its status was set, a dataset signaal is kept until a gemeente sets it again.
      expect((await draaiSignaalEngine(store, addDays(TODAY, 400))).verwijderd).to.equal(0);
      expect(await lijst('0014')).to.deep.equal([`SS127 A ${addDays(TODAY, -20)}`]);
    });
  });

  describe('at scale: only the candidates of its window, a slice at a time', () => {
    it('finds every person with a signaal due in its window, on every day of a year, for every person of the fixture dataset', () => {
      const dataset = laadDatasetBestand(`${ROOT}fixtures/dataset.json`, TODAY);
      let due = 0;
      for (let dag = addDays(TODAY, -200); dag <= addDays(TODAY, 200); dag = addDays(dag, 1)) {
        const { vanaf, tot } = engineVenster(dag);
        const binnen = (datum: string | undefined) => datum !== undefined && datum >= vanaf && datum <= tot;
        for (const { dossier: d } of dataset.dossiers) {
          if (dueSignalen(d, dag).length === 0) continue;
          due++;
          const gelegenheden = [...d.pip.map((v) => v.datumRegistratie), d.persoon.datumStartTermijnPip, d.persoon.verhuizing?.datum];
          expect(gelegenheden.some(binnen), `${d.persoon.bsn} on ${dag}`).to.equal(true);
        }
      }
      expect(due).to.be.greaterThan(100);
    });

    it('finds the edges of the window itself: a PIP registered 6 months and 4 days ago can still give SS127', () => {
      for (const today of ['20260301', '20260331', '20261231', '20280229', '20280831']) {
        // The earliest registration that gives a signaal today, found by trying each day.
        let vroegste: string | undefined;
        for (let reg = addDays(today, -400); reg <= today && !vroegste; reg = addDays(reg, 1)) {
          if (dueSignalen(persoon('999902258', {}, [pip(reg)]), today).length > 0) vroegste = reg;
        }
        expect(vroegste! >= engineVenster(today).vanaf, today).to.equal(true);
      }
    });

    it('reads no person outside its window, and lets requests in between two slices', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'cvs-engine-'));
      const store = new SqliteStore({ filename: join(dir, 'store.sqlite') });
      try {
        const n = ENGINE_PLAK * 2 + 50;
        const bsns = Array.from({ length: n }, (_, i) => String(100_000_000 + i * 10));
        // n persons without a PIP whose window to give one opened 71 days ago (SS126 today), and
        // as many whose window opened two years ago (their signaal long past its retention).
        const dossiers = [
          ...bsns.map((bsn) => persoon(bsn, { datumStartTermijnPip: addDays(TODAY, -71) })),
          ...bsns.map((bsn) => persoon(String(Number(bsn) + 5), { datumStartTermijnPip: addDays(TODAY, -730) })),
        ];
        await store.importeer({ afnemers: [], instellingen: [], contactpersonen: [], dossiers: dossiers.map((dossier) => ({ dossier, koppelingen: [] })) });
        const gelezen: string[] = [];
        const lees = store.dossier.bind(store);
        store.dossier = (bsn: string) => (gelezen.push(bsn), lees(bsn));
        const beurten = telBeurten();
        const uitkomst = await draaiSignaalEngine(store, TODAY);
        expect(uitkomst).to.deep.include({ gelezen: n, nieuw: n });
        expect(new Set(gelezen)).to.deep.equal(new Set(bsns));
        // Three slices at least (two full ones and the rest): the event loop turned between them.
        expect(beurten()).to.be.at.least(3);
        expect((await draaiSignaalEngine(store, TODAY)).nieuw).to.equal(0);
      } finally {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
