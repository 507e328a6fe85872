/**
 * The rules of DoorgevenUren (appendix 4.2 h) around a move, on dossiers built in the test: the
 * uren window of PIB 3.6.10.1 counts 4 weeks from the move date, while the window of PIB 3.6.6.2
 * (relevance, FS 617) still counts from the new gemeente's PIP. Pure functions, no store.
 */
import { expect } from 'chai';
import type { Caller } from '../../src/domain/caller.js';
import { addDays } from '../../src/domain/datum.js';
import type { Dossier, PipVersie } from '../../src/domain/dossier.js';
import { code } from '../../src/meldingen/catalogus.js';
import { doorgevenUren, urenVensterNaVerhuizingGesloten, type UrenVerzoek } from '../../src/rules/doorgeven-uren.js';
import { controleerPersoon, isRelevantVoorGemeente } from '../../src/rules/persoon.js';
import { testDossier, testPipVersie } from '../support/dossier.js';

const TODAY = '20261129';
const MUTATIEFORMULIER = 'Na verhuizing kunt u na 4 weken alleen met het mutatieformulier van DUO uren doorgeven';

function pip(versie: number, gemeente: string, dagtekening: number): PipVersie {
  return testPipVersie({ versie, gemeente, datumDagtekeningInitieel: addDays(TODAY, -300), datumDagtekening: addDays(TODAY, dagtekening) });
}

/** Moved from 0014 to 0363 `verhuisd` days ago (negative); 0014's PIP of 300 days ago, then the versions in `nieuw`. */
const verhuisd = (verhuisd: number, nieuw: PipVersie[] = [], over: Partial<Dossier['persoon']> = {}): Dossier =>
  testDossier(
    { woongemeente: '0363', datumStartPlicht: addDays(TODAY, -400), verhuizing: { van: '0014', naar: '0363', datum: addDays(TODAY, verhuisd) }, ...over },
    { pip: [pip(1, '0014', -300), ...nieuw] },
  );

const caller = (gemeente: string): Caller => ({ oin: `0000000100000000${gemeente}`, gemeente, rol: 'muteren' });
const verzoek: UrenVerzoek = { bsn: '999901333', typeUren: '2', datumTot: TODAY, urenDeelname: '12' };
const uren = (d: Dossier | undefined, gemeente = '0014', today = TODAY, v: UrenVerzoek = verzoek) =>
  doorgevenUren(v, d, caller(gemeente), today, new Map());
const codes = (d: Dossier | undefined, gemeente = '0014', today = TODAY, v: UrenVerzoek = verzoek) =>
  uren(d, gemeente, today, v).meldingen.map((m) => (m.nummer === 999 ? `FS999 ${m.tekst}` : code(m)));

describe('DoorgevenUren after a move (PIB 3.6.10.1, appendix 4.2 h)', () => {
  it('processes uren of the old gemeente within 4 weeks after the move, while the new gemeente gave no PIP', () => {
    for (const dag of [0, -1, -14, -27]) {
      const besluit = uren(verhuisd(dag));
      expect(besluit.meldingen, `moved ${-dag} days ago`).to.deep.equal([]);
      expect(besluit.versie).to.include({ typeUren: '2', datumTot: TODAY, aantalUren: 12, gemeente: '0014' });
    }
  });

  it('answers the old gemeente the mutatieformulier addition from day 28 after the move on, though its own PIP is still the current one', () => {
    for (const dag of [-28, -29, -40, -400]) {
      const d = verhuisd(dag);
      expect(codes(d), `moved ${-dag} days ago`).to.deep.equal([`FS999 ${MUTATIEFORMULIER}`]);
      expect(uren(d).versie).to.equal(undefined);
      // Its own PIP is current: the person stays relevant for reads and the other handelingen.
      expect(isRelevantVoorGemeente(d, '0014', TODAY)).to.equal(true);
    }
    // The boundary: day 27 is inside, day 28 out, as the relevance window counts its 4 weeks.
    expect(urenVensterNaVerhuizingGesloten(verhuisd(-27), '0014', TODAY)).to.equal(false);
    expect(urenVensterNaVerhuizingGesloten(verhuisd(-28), '0014', TODAY)).to.equal(true);
    expect(codes(verhuisd(0), '0014', addDays(TODAY, 27))).to.deep.equal([]);
    expect(codes(verhuisd(0), '0014', addDays(TODAY, 28))).to.deep.equal([`FS999 ${MUTATIEFORMULIER}`]);
  });

  it('answers the mutatieformulier for uren after 4 weeks, while the new PIP of less than 4 weeks keeps the old gemeente relevant for the rest', () => {
    const d = verhuisd(-35, [pip(2, '0363', -10)]);
    expect(codes(d)).to.deep.equal([`FS999 ${MUTATIEFORMULIER}`]);
    // PIB 3.6.6.2 still counts from the new PIP: a read (appendix 4.2 a) and a MAP (4.2 f) pass the person checks.
    expect(isRelevantVoorGemeente(d, '0014', TODAY)).to.equal(true);
    expect(controleerPersoon('a', d, '0014', TODAY)).to.deep.equal([]);
    expect(controleerPersoon('f', d, '0014', TODAY)).to.deep.equal([]);
    // And when that PIP is 4 weeks old, FS 617 for those, still the addition for uren.
    const later = verhuisd(-60, [pip(2, '0363', -28)]);
    expect(controleerPersoon('a', later, '0014', TODAY).map(code)).to.deep.equal(['FS617']);
    expect(codes(later)).to.deep.equal([`FS999 ${MUTATIEFORMULIER}`]);
  });

  it('leaves the new gemeente alone: its uren count on its own PIP, before and after the 4 weeks', () => {
    for (const dag of [-10, -28, -40]) {
      expect(codes(verhuisd(dag, [pip(2, '0363', -5)]), '0363'), `moved ${-dag} days ago`).to.deep.equal([]);
      // Without a PIP of its own: FS 657, never the addition.
      expect(codes(verhuisd(dag), '0363')).to.deep.equal(['FS657']);
    }
    expect(urenVensterNaVerhuizingGesloten(verhuisd(-40), '0363', TODAY)).to.equal(false);
    // A third gemeente is not relevant at all.
    expect(codes(verhuisd(-40), '0034')).to.deep.equal(['FS617']);
  });

  it('checks the window in the place of FS 617: after FS 603, 642 and 636, before FS 602, 674 and 675', () => {
    expect(codes(verhuisd(-40), '0014', TODAY, { ...verzoek, bsn: '123' })).to.deep.equal(['FS603']);
    expect(codes(undefined)).to.deep.equal(['FS642']);
    expect(codes(verhuisd(-40, [], { wet: 'WI2013' }))).to.deep.equal(['FS636']);
    expect(codes(verhuisd(-40, [], { overlijdensdatum: addDays(TODAY, -2) }))).to.deep.equal([`FS999 ${MUTATIEFORMULIER}`]);
    expect(codes(verhuisd(-10, [], { overlijdensdatum: addDays(TODAY, -2) }))).to.deep.equal(['FS602']);
    // Inside the window the fields are checked as ever.
    expect(codes(verhuisd(-10), '0014', TODAY, { ...verzoek, datumTot: addDays(TODAY, 1) })).to.deep.equal([
      'FS999 Datum Tot: Datum mag niet in toekomst liggen.',
    ]);
  });

  it('keeps the window that counts from the new PIP for a move the dataset gives no date', () => {
    const zonderDatum = (dagtekening: number) => ({ ...verhuisd(0, [pip(2, '0363', dagtekening)]), persoon: { ...verhuisd(0).persoon, verhuizing: undefined } });
    expect(codes(zonderDatum(-27))).to.deep.equal([]);
    expect(codes(zonderDatum(-28))).to.deep.equal([`FS999 ${MUTATIEFORMULIER}`]);
  });
});
