/**
 * The store contract suite: what the Store port promises, run against every adapter. Each adapter
 * has a small spec file that calls `storeContract` with a factory (sqlite.test.ts; the SQL Server
 * adapter adds its own). The suite loads the fixtures' dataset and asserts dossiers, afnemers,
 * transactions, the audit record, and what concurrent writers get: two instances on one database
 * writing the same person lose no update and get no error.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { ROOT } from '../../src/config.js';
import { laadDatasetBestand } from '../../src/dataset/laden.js';
import { addDays } from '../../src/domain/datum.js';
import { volgendeUrenVersie, type PipVersie } from '../../src/domain/dossier.js';
import type { Dataset, Inzage, InzageCriteria, InzageRegel, Store } from '../../src/store/port.js';
import { INZAGE_PLAK } from '../../src/store/inzage-sql.js';
import type { SignalenFilter } from '../../src/domain/signalen.js';
import { filterSignalen } from '../../src/rules/signalen.js';
import { draaiSignaalEngine } from '../../src/jobs/signaal-engine.js';
import { inzagesVan } from '../support/inzages.js';

const TODAY = '20261129';
const mutatie = (messageId: string) => ({ oin: '00000001000000000014', gemeente: '0014', messageId, operatie: 'Test', tijdstip: '2026-11-29T10:00:00Z' });

/** Records in the order of their MessageIDs and moments: for comparing sets of them. */
const opBericht = (a: Inzage, b: Inzage) => a.messageId.localeCompare(b.messageId) || a.tijdstip.localeCompare(b.tijdstip) || a.oin.localeCompare(b.oin);

export interface StoreAdapter {
  /** A store on a new, empty database. */
  open(): Promise<Store>;
  /** A second instance on the same database as `store` (another gateway instance). */
  second(store: Store): Promise<Store>;
  /** Removes what `open` made, after its stores are closed. */
  cleanup?(): Promise<void>;
}

export function storeContract(name: string, adapter: StoreAdapter): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let dataset: Dataset;
    const extra: Store[] = [];
    beforeEach(async () => {
      store = await adapter.open();
      dataset = laadDatasetBestand(`${ROOT}fixtures/dataset.json`, TODAY);
      await store.importeer(dataset);
    });
    afterEach(async () => {
      for (const s of extra.splice(0)) await s.close();
      await store.close();
      await adapter.cleanup?.();
    });

    it('finds, counts and pages a gemeente\'s signalen in the store as filterSignalen defines it, for every criterion', async () => {
      // Signalen of every status, linked to a contactpersoon or not, over the engine's codes too.
      await draaiSignaalEngine(store, TODAY);
      let vergeleken = 0;
      for (const gemeente of ['0014', '0363']) {
        const alle = await store.signalen(gemeente);
        expect(alle.length, gemeente).to.be.greaterThan(3);
        const datums = [...new Set(alle.map((s) => s.datum))].sort();
        const midden = datums[Math.floor(datums.length / 2)]!;
        const basis: SignalenFilter = { status: [], pagina: 1, paginaGrootte: 20 };
        const filters: SignalenFilter[] = [
          basis,
          { ...basis, bsn: alle[0]!.bsn },
          { ...basis, bsn: '999990019' },
          { ...basis, contactpersoon: 1 },
          { ...basis, doelgroep: 'Asielstatushouder' },
          { ...basis, datumVan: midden },
          { ...basis, datumTot: midden },
          { ...basis, datumVan: midden, datumTot: midden },
          { ...basis, code: alle[alle.length - 1]!.code },
          { ...basis, status: ['N'] },
          { ...basis, status: ['B', 'A'] },
          { ...basis, paginaGrootte: 2 },
          { ...basis, pagina: 2, paginaGrootte: 2 },
          { ...basis, pagina: 99 },
          { ...basis, status: ['N'], doelgroep: 'Asielstatushouder', datumVan: datums[0]!, pagina: 1, paginaGrootte: 1 },
        ];
        for (const f of filters) {
          expect(await store.zoekSignalen(gemeente, f), `${gemeente} ${JSON.stringify(f)}`).to.deep.equal(filterSignalen(f, alle));
          vergeleken++;
        }
      }
      expect(vergeleken).to.equal(30);
    });

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
        { gemeente: '0014', volgnummer: 1, naam: 'Connie Contact', email: 'c.contact@groningen.test', telefoonnummer: '050-1234567', algemeen: true },
      ]);
      expect(d.signalen.map((s) => s.status)).to.deep.equal(['A', 'A', 'B', 'N']);
      expect(await store.dossier('999906069')).to.equal(undefined);
    });

    it("keeps a dataset signaal's status date and occasion, and a dataset link's date", async () => {
      // The signalen as the dataset gave them (the store numbers them itself), datumStatus and aanleiding included.
      const bsn = '999950290';
      const gegeven = dataset.dossiers.find((x) => x.dossier.persoon.bsn === bsn)!.dossier.signalen;
      expect(gegeven.map((s) => [s.code, s.datumStatus, s.aanleiding])).to.deep.equal([
        ['SS122', addDays(TODAY, -38), `verhuizing-${addDays(TODAY, -40)}`],
        ['SS121', undefined, `verhuizing-${addDays(TODAY, -40)}`],
        ['SS103', addDays(TODAY, -8), undefined],
      ]);
      const zonderId = (s: { id: number }) => ({ ...s, id: 0 });
      expect((await store.dossier(bsn))!.signalen.map(zonderId)).to.deep.equal(gegeven.map(zonderId));
      // The signaallijst has the day the status was set: SS139 and SS102 of 999901333 were set to A within the week.
      expect((await store.signalen('0014')).filter((s) => s.bsn === '999901333').map((s) => [s.code, s.status, s.datumStatus])).to.deep.equal([
        ['SS139', 'A', addDays(TODAY, -3)],
        ['SS102', 'A', addDays(TODAY, -5)],
        ['SS127', 'B', undefined],
        ['SS124', 'N', undefined],
      ]);
      // The occasion is the key the engine raises under: the same one again adds nothing, another one does.
      const signaal = { bsn, datum: addDays(TODAY, -40), aanleiding: `verhuizing-${addDays(TODAY, -40)}` };
      const engine = { oin: 'signaal-engine', gemeente: '0000', messageId: 'signaal-engine:test', operatie: 'SignaalEngine', tijdstip: '2026-11-29T10:00:00Z' };
      expect(await store.voegSignalenToe([{ ...signaal, gemeente: '0014', code: 'SS122' }, { ...signaal, gemeente: '0363', code: 'SS121' }], engine)).to.equal(0);
      expect(await store.voegSignalenToe([{ ...signaal, gemeente: '0014', code: 'SS122', aanleiding: `verhuizing-${addDays(TODAY, -41)}` }], engine)).to.equal(1);
      // A link with its date shows it; one without has none.
      expect(await store.caseload('0014', 2, true)).to.deep.equal([{ bsn: '999905107', achternaam: 'Testpersoon-Onderwijs', datumKoppeling: addDays(TODAY, -5) }]);
      const zonderDatum = await adapter.open();
      try {
        await zonderDatum.importeer({
          ...dataset,
          dossiers: dataset.dossiers.map((x) => ({ ...x, koppelingen: x.koppelingen.map(({ datumKoppeling: _, ...k }) => k) })),
        });
        expect(await zonderDatum.caseload('0014', 2, true)).to.deep.equal([{ bsn: '999905107', achternaam: 'Testpersoon-Onderwijs' }]);
      } finally {
        await zonderDatum.close();
      }
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
      const empty = await adapter.open();
      expect(await empty.isEmpty()).to.equal(true);
      await empty.close();
    });

    it('looks up the instellingen a request names, leaving unknown codes out, and lists them all by code', async () => {
      const found = await store.transaction((tx) => tx.instellingen(['BOW0001', 'ONBEKEND', 'TSI0001', 'BOW0001']));
      expect([...found.values()]).to.deep.equal([
        { code: 'BOW0001', naam: 'Taalschool Noord', soort: 'BOW' },
        { code: 'TSI0001', naam: 'Taalschakel College', soort: 'TSI' },
      ]);
      expect(await store.alleInstellingen()).to.deep.equal([...dataset.instellingen].sort((a, b) => a.code.localeCompare(b.code)));
    });

    it('appends aanbod, uren, MAP and PVT versions, withdrawals and removals included, and reads them back in order', async () => {
      const bsn = '999901333';
      const d = (await store.dossier(bsn))!;
      const aanbod = { ...d.aanbod[d.aanbod.length - 1]!, versie: d.aanbod.length + 1, ingetrokken: true };
      const uren = { ...d.uren[d.uren.length - 1]!, versie: volgendeUrenVersie(d), ingetrokken: true };
      await store.transaction(async (tx) => {
        const id = await tx.registreerMutatie(mutatie('urn:uuid:intrekken'), bsn);
        await tx.voegAanbodVersieToe(bsn, aanbod, id);
        await tx.voegUrenVersieToe(bsn, uren, id);
        await tx.voegAfrondingVersieToe('map', bsn, { versie: d.map.length + 1, gemeente: '0014' }, id);
        await tx.voegAfrondingVersieToe('pvt', bsn, { versie: d.pvt.length + 1, gemeente: '0014', datum: '20261101' }, id);
      });
      const na = (await store.dossier(bsn))!;
      expect(na.aanbod[na.aanbod.length - 1]).to.deep.equal(aanbod);
      // The withdrawal is the latest version of its registration: it takes the earlier one's place.
      expect(na.uren[na.uren.length - 1]).to.deep.equal(uren);
      expect(na.uren.slice(0, -1)).to.deep.equal(d.uren.slice(0, -1));
      expect(na.map).to.deep.equal([...d.map, { versie: d.map.length + 1, gemeente: '0014' }]);
      expect(na.pvt).to.deep.equal([...d.pvt, { versie: d.pvt.length + 1, gemeente: '0014', datum: '20261101' }]);
    });

    it('reads the latest version of each uren registration only, however many came before', async () => {
      const bsn = '999901333';
      const d = (await store.dossier(bsn))!;
      const laatste = d.uren[d.uren.length - 1]!;
      await store.transaction(async (tx) => {
        const id = await tx.registreerMutatie(mutatie('urn:uuid:uren-reeks'), bsn);
        for (let i = 1; i <= 30; i++) await tx.voegUrenVersieToe(bsn, { ...laatste, versie: volgendeUrenVersie(d) - 1 + i, aantalUren: i }, id);
      });
      const na = (await store.dossier(bsn))!;
      expect(na.uren).to.have.length(d.uren.length);
      expect(na.uren[na.uren.length - 1]).to.deep.equal({ ...laatste, versie: volgendeUrenVersie(d) + 29, aantalUren: 30 });
      expect(volgendeUrenVersie(na)).to.equal(volgendeUrenVersie(d) + 30);
    });

    it('keeps contactpersonen per gemeente: versions, the next volgnummer, links and their historie', async () => {
      const voor = await store.contactpersonen('0014');
      expect(voor.map((c) => [c.volgnummer, c.algemeen, c.caseload])).to.deep.equal([
        [1, true, 1],
        [2, false, 1],
      ]);
      await store.transaction(async (tx) => {
        const id = await tx.registreerMutatie(mutatie('urn:uuid:contact'), undefined);
        const volgnummer = await tx.volgendVolgnummer('0014');
        await tx.voegContactpersoonVersieToe({ gemeente: '0014', volgnummer, naam: 'Nina Nieuw', email: 'n@groningen.test', algemeen: false }, false, id);
        await tx.koppel('999901333', '0014', volgnummer, '20261101', id);
      });
      await store.transaction(async (tx) => {
        const id = await tx.registreerMutatie(mutatie('urn:uuid:weg'), undefined);
        await tx.koppel('999901333', '0014', undefined, '20261115', id);
        await tx.voegContactpersoonVersieToe({ gemeente: '0014', volgnummer: 3, naam: 'Nina Nieuw', email: 'n@groningen.test', algemeen: false }, true, id);
        expect(await tx.volgendVolgnummer('0014')).to.equal(4);
      });
      expect((await store.contactpersonen('0014')).map((c) => [c.volgnummer, c.caseload])).to.deep.equal([
        [1, 0],
        [2, 1],
      ]);
      expect(await store.caseload('0014', 3, false)).to.deep.equal([]);
      expect(await store.caseload('0014', 3, true)).to.deep.equal([
        { bsn: '999901333', achternaam: 'Testpersoon-Volledig', datumKoppeling: '20261101', datumIngetrokken: '20261115' },
      ]);
      expect(await store.caseload('0014', 1, true)).to.deep.equal([
        { bsn: '999901333', achternaam: 'Testpersoon-Volledig', datumKoppeling: addDays(TODAY, -398), datumIngetrokken: '20261101' },
      ]);
      expect((await store.contactpersonen('0363')).map((c) => c.gemeente)).to.satisfy((g: string[]) => g.every((x) => x === '0363'));
    });

    it('keeps every inzage record of many concurrent reads, each settled once it is stored', async () => {
      const inzage = (n: number) => ({
        tijdstip: `2026-11-29T10:00:${String(n % 60).padStart(2, '0')}Z`,
        oin: '00000001000000000014',
        gemeente: '0014',
        operatie: 'OpvragenPersoon',
        bsnPseudoniem: 'pseudoniem-contract',
        messageId: `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
        verwerkt: n % 2 === 0,
      });
      // A change in the queue first, so the records pile up behind it.
      const wijziging = store.transaction(async (tx) => tx.registreerMutatie(mutatie('urn:uuid:inzage-wachtrij'), '999901333'));
      const gelezen: number[] = [];
      await Promise.all(Array.from({ length: 40 }, (_, n) => store.registreerInzage(inzage(n)).then(async () => {
        // Settled means stored: this record is already readable.
        if ((await inzagesVan(store, 'pseudoniem-contract')).some((r) => r.messageId === inzage(n).messageId)) gelezen.push(n);
      })));
      await wijziging;
      expect(gelezen.sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 40 }, (_, n) => n));
      const opgeslagen = await inzagesVan(store, 'pseudoniem-contract');
      // As a set: concurrent inserts on SQL Server (each on a connection of its own) commit in any order.
      expect(opgeslagen.map((r) => r.messageId).sort()).to.deep.equal(Array.from({ length: 40 }, (_, n) => inzage(n).messageId));
      expect(opgeslagen.filter((r) => r.verwerkt)).to.have.length(20);
    });

    it("keeps a change's inzage record with the change, and neither when the change fails", async () => {
      const record = (messageId: string) => ({
        tijdstip: '2026-11-29T10:00:00Z', oin: '00000001000000000014', gemeente: '0014', operatie: 'WijzigenPip',
        bsnPseudoniem: 'pseudoniem-wijziging', messageId, verwerkt: true,
      });
      await store.transaction(async (tx) => {
        await tx.registreerMutatie(mutatie('urn:uuid:met-inzage'), '999918321');
        await tx.registreerInzage(record('urn:uuid:met-inzage'));
      });
      try {
        await store.transaction(async (tx) => {
          await tx.registreerInzage(record('urn:uuid:mislukt'));
          throw new Error('rule failed');
        });
      } catch {
        // the change failed, and its record with it
      }
      expect((await inzagesVan(store, 'pseudoniem-wijziging')).map((r) => r.messageId)).to.deep.equal(['urn:uuid:met-inzage']);
    });

    it("finds an AVG request's inzage records by person, MessageID and OIN in a window of time, in order of time, a slice at a time", async () => {
      // 2200 records: ties of three on one moment, two OINs, two persons, one MessageID repeated.
      const oins = ['00000001000000000014', '00000003000000000001'];
      const begin = Date.parse('2026-11-29T10:00:00.000Z');
      const record = (n: number): Inzage => ({
        tijdstip: new Date(begin + Math.floor(n / 3) * 1500).toISOString(),
        oin: oins[n % 2]!,
        gemeente: n % 2 === 0 ? '0014' : '0034',
        operatie: n % 5 === 0 ? 'WijzigenPip' : 'OpvragenPersoon',
        bsnPseudoniem: n % 11 === 10 ? 'pseudoniem-ander' : 'pseudoniem-avg',
        messageId: n % 250 === 7 ? 'urn:uuid:herhaald' : `urn:uuid:avg-${n}`,
        verwerkt: n % 7 !== 0,
      });
      const { bsnPseudoniem: _, ...zonderPersoon } = record(0);
      // And a read of the gemeente's own data, which has no person: the afnemer's search finds it.
      const alle = [...Array.from({ length: 2200 }, (_, n) => record(n)), { ...zonderPersoon, messageId: 'urn:uuid:zonder-persoon' }];
      for (let i = 0; i < alle.length; i += 100) await Promise.all(alle.slice(i, i + 100).map((r) => store.registreerInzage(r)));

      const zoek = async (c: InzageCriteria) => {
        const gevonden: InzageRegel[] = [];
        for (let na: InzageRegel | undefined, plakken = 0; ; plakken++) {
          const plak = await store.zoekInzages(c, na);
          expect(plak.length, 'a slice').to.be.at.most(INZAGE_PLAK);
          gevonden.push(...plak);
          if (plak.length < INZAGE_PLAK) return gevonden;
          expect(plakken, 'slices').to.be.below(10);
          na = plak[plak.length - 1];
        }
      };
      const moment = (n: number) => record(n).tijdstip;
      const criteria: InzageCriteria[] = [
        { bsnPseudoniem: 'pseudoniem-avg' },
        { bsnPseudoniem: 'pseudoniem-ander' },
        { bsnPseudoniem: 'pseudoniem-niemand' },
        { oin: oins[1] },
        { messageId: 'urn:uuid:herhaald' },
        { messageId: 'urn:uuid:avg-1234' },
        { messageId: 'urn:uuid:herhaald', oin: oins[1] },
        { bsnPseudoniem: 'pseudoniem-avg', oin: oins[0] },
        { bsnPseudoniem: 'pseudoniem-avg', messageId: 'urn:uuid:herhaald' },
        { bsnPseudoniem: 'pseudoniem-avg', vanaf: moment(600), tot: moment(1500) },
        { oin: oins[0], vanaf: moment(2000) },
        { oin: oins[0], tot: moment(30) },
        { bsnPseudoniem: 'pseudoniem-avg', vanaf: moment(900), tot: moment(900) },
      ];
      const verwacht = (c: InzageCriteria) =>
        alle.filter(
          (r) =>
            (c.bsnPseudoniem === undefined || r.bsnPseudoniem === c.bsnPseudoniem) &&
            (c.messageId === undefined || r.messageId === c.messageId) &&
            (c.oin === undefined || r.oin === c.oin) &&
            (c.vanaf === undefined || r.tijdstip >= c.vanaf) &&
            (c.tot === undefined || r.tijdstip < c.tot),
        );
      let gezien = 0;
      for (const c of criteria) {
        const gevonden = await zoek(c);
        const waar = JSON.stringify(c);
        // Each record once, and in order of time; of one moment, in the order the trail has them.
        expect(gevonden.map(({ id: _, ...r }) => r).sort(opBericht), waar).to.deep.equal([...verwacht(c)].sort(opBericht));
        expect(new Set(gevonden.map((r) => r.id)).size, waar).to.equal(gevonden.length);
        for (let i = 1; i < gevonden.length; i++) {
          const [a, b] = [gevonden[i - 1]!, gevonden[i]!];
          expect(a.tijdstip < b.tijdstip || (a.tijdstip === b.tijdstip && a.id < b.id), `${waar} #${i}`).to.equal(true);
        }
        gezien += gevonden.length;
      }
      // The person's 2000 records took three slices; the windows cut where they should.
      expect((await zoek(criteria[0]!)).length).to.equal(2000);
      expect((await zoek({ bsnPseudoniem: 'pseudoniem-avg', vanaf: moment(600), tot: moment(1500) })).map((r) => r.tijdstip)).to.satisfy(
        (t: string[]) => t[0] === moment(600) && t[t.length - 1]! < moment(1500),
      );
      expect(gezien).to.be.greaterThan(5000);
    });

    it("knows the afnemers' names the dataset gives, and no name for an unknown OIN", async () => {
      expect(await store.afnemerNaam('00000003000000000001')).to.equal('CVS-leverancier (test), namens Groningen en Almere');
      expect(await store.afnemerNaam('00000001000000000014')).to.equal('Gemeente Groningen (test)');
      expect(await store.afnemerNaam('00000001999999999999')).to.equal(undefined);
    });

    it('stores nothing of a transaction that fails', async () => {
      const before = await store.dossier('999918321');
      let failure: unknown;
      try {
        await store.transaction(async (tx) => {
          const id = await tx.registreerMutatie(mutatie('urn:uuid:a'), '999918321');
          await tx.voegPipVersieToe('999918321', { ...before!.pip[0]!, versie: before!.pip.length + 1 }, id);
          throw new Error('rule failed');
        });
      } catch (err) {
        failure = err;
      }
      expect((failure as Error).message).to.equal('rule failed');
      expect(await store.dossier('999918321')).to.deep.equal(before);
      expect(await store.mutaties('999918321')).to.deep.equal([]);
    });

    it('refuses a version that is not the next one', async () => {
      const d = (await store.dossier('999918321'))!;
      let failure: unknown;
      try {
        await store.transaction(async (tx) => {
          const id = await tx.registreerMutatie(mutatie('urn:uuid:dubbel'), '999918321');
          await tx.voegPipVersieToe('999918321', { ...d.pip[0]!, versie: d.pip.length }, id);
        });
      } catch (err) {
        failure = err;
      }
      expect(failure).to.be.instanceOf(Error);
      expect(await store.dossier('999918321')).to.deep.equal(d);
    });

    /** A change as the operations make it: read the dossier, decide, append the next version. */
    const wijzig = (s: Store, bsn: string, uren: number, messageId: string) =>
      s.transaction(async (tx) => {
        const d = (await tx.dossier(bsn))!;
        await sleep(2); // the rules take time; another writer is trying meanwhile
        const vorige = d.pip[d.pip.length - 1]!;
        const versie: PipVersie = { ...vorige, versie: d.pip.length + 1, initieel: false, geschatteUren: uren };
        const id = await tx.registreerMutatie(mutatie(messageId), bsn);
        await tx.voegPipVersieToe(bsn, versie, id);
        return versie.versie;
      });

    it('keeps every one of concurrent changes of one person, within one instance', async () => {
      const bsn = '999918321';
      const start = (await store.dossier(bsn))!.pip.length;
      const versies = await Promise.all([1, 2, 3, 4].map((n) => wijzig(store, bsn, 600 + n, `urn:uuid:een-${n}`)));
      expect([...versies].sort()).to.deep.equal([start + 1, start + 2, start + 3, start + 4]);
      const d = (await store.dossier(bsn))!;
      expect(d.pip.slice(start).map((v) => v.geschatteUren).sort()).to.deep.equal([601, 602, 603, 604]);
      expect(await store.mutaties(bsn)).to.have.length(4);
    });

    it('keeps every one of concurrent changes of one person by two instances on one database', async () => {
      const other = await adapter.second(store);
      extra.push(other);
      const bsn = '999918321';
      const start = (await store.dossier(bsn))!.pip.length;
      const writes = [1, 2, 3, 4, 5, 6].map((n) => wijzig(n % 2 ? store : other, bsn, 700 + n, `urn:uuid:twee-${n}`));
      const versies = await Promise.all(writes);
      expect([...versies].sort()).to.deep.equal([1, 2, 3, 4, 5, 6].map((n) => start + n));
      for (const s of [store, other]) {
        const d = (await s.dossier(bsn))!;
        expect(d.pip.map((v) => v.versie)).to.deep.equal([...Array(start + 6).keys()].map((i) => i + 1));
        expect(d.pip.slice(start).map((v) => v.geschatteUren).sort()).to.deep.equal([701, 702, 703, 704, 705, 706]);
      }
      expect((await other.mutaties(bsn)).map((m) => m.messageId).sort()).to.deep.equal([1, 2, 3, 4, 5, 6].map((n) => `urn:uuid:twee-${n}`));
    });
  });
}
