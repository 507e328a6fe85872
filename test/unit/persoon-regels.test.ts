/** The person checks of docs/design.md "Order of checks", on dossiers built in the test: pure
 * functions, no store. */
import { expect } from 'chai';
import { addDays } from '../../src/domain/datum.js';
import type { Dossier, PipVersie } from '../../src/domain/dossier.js';
import { code } from '../../src/meldingen/catalogus.js';
import { controleerBsn, controleerPersoon, isRelevantVoorGemeente } from '../../src/rules/persoon.js';
import { testDossier, testPipVersie } from '../support/dossier.js';

const TODAY = '20261129';

function pip(versie: number, gemeente: string, dagtekening: number, initieel = versie === 1): PipVersie {
  return testPipVersie({ versie, initieel, gemeente, datumDagtekeningInitieel: addDays(TODAY, -500), datumDagtekening: addDays(TODAY, dagtekening) });
}

const dossier = (over: Partial<Dossier['persoon']> = {}, pipVersies: PipVersie[] = []): Dossier =>
  testDossier({ datumStartPlicht: addDays(TODAY, -600), ...over }, { pip: pipVersies });

const codes = (h: 'a' | 'b' | 'c', d: Dossier | undefined, gemeente = '0014') =>
  controleerPersoon(h, d, gemeente, TODAY).map(code);

describe('person checks (docs/design.md, order of checks)', () => {
  it('FS 603 names the Bsn element', () => {
    expect(controleerBsn('a', '1')).to.deep.equal({ soort: 'FS', nummer: 603, tekst: 'BSN is ongeldig', veld: 'Bsn' });
    expect(controleerBsn('j', '1')?.tekst).to.equal('BSN is ongeldig.');
    expect(controleerBsn('a', '999901333')).to.equal(undefined);
  });

  it('stops at the first failing precondition, in the order 642, 636, 617, 602, 655', () => {
    expect(codes('a', undefined)).to.deep.equal(['FS642']);
    expect(codes('a', dossier({ wet: 'WI2013', woongemeente: '0363' }))).to.deep.equal(['FS636']);
    expect(codes('a', dossier({ woongemeente: '0363', overlijdensdatum: TODAY }))).to.deep.equal(['FS617']);
    expect(codes('b', dossier({ overlijdensdatum: TODAY, datumStartPlicht: undefined }))).to.deep.equal(['FS602']);
    expect(codes('a', dossier({ datumStartPlicht: undefined }))).to.deep.equal(['FS655']);
  });

  it('gives a read AS 602 and goes on; a mutation stops at FS 602', () => {
    expect(codes('a', dossier({ overlijdensdatum: TODAY }))).to.deep.equal(['AS602']);
    expect(codes('a', dossier({ overlijdensdatum: TODAY, datumStartPlicht: undefined }))).to.deep.equal(['AS602', 'FS655']);
    expect(codes('b', dossier({ overlijdensdatum: TODAY }))).to.deep.equal(['FS602']);
  });

  it('applies FS 674 and FS 675 only where the appendix lists them', () => {
    const ingetrokken = dossier({ datumEindePlicht: addDays(TODAY, -40), redenEindePlicht: 'Vertrek uit Nederland langer dan een jaar' });
    expect(codes('b', ingetrokken)).to.deep.equal(['FS674']);
    expect(codes('a', ingetrokken)).to.deep.equal([]);
    const recentIngetrokken = dossier({ datumEindePlicht: addDays(TODAY, -20), redenEindePlicht: 'Overig' });
    expect(codes('b', recentIngetrokken)).to.deep.equal([]);
    const voldaan = dossier({ datumEindePlicht: addDays(TODAY, -1), redenEindePlicht: 'Inburgeringsplicht voldaan' });
    expect(codes('c', voldaan)).to.deep.equal(['FS675']);
    expect(codes('a', voldaan)).to.deep.equal([]);
  });

  it('gives FS 674 from the day after the day one month before today, also at the end of a month', () => {
    const op = (einde: string, today: string) =>
      controleerPersoon('b', dossier({ datumEindePlicht: einde, redenEindePlicht: 'Overig' }), '0014', today).map(code);
    expect(op('20261029', '20261129')).to.deep.equal([]);
    expect(op('20261028', '20261129')).to.deep.equal(['FS674']);
    // 31 March: one month before is the last day of February.
    expect(op('20270228', '20270331')).to.deep.equal([]);
    expect(op('20270227', '20270331')).to.deep.equal(['FS674']);
    expect(op('20280229', '20280331')).to.deep.equal([]);
    expect(op('20280228', '20280331')).to.deep.equal(['FS674']);
  });

  describe('FS 617: relevant for the gemeente', () => {
    it('when the person lives there, but not at a COA location', () => {
      expect(isRelevantVoorGemeente(dossier(), '0014', TODAY)).to.equal(true);
      expect(isRelevantVoorGemeente(dossier({ woontInAzc: true }), '0014', TODAY)).to.equal(false);
    });
    it('when COA linked the person to it', () => {
      expect(isRelevantVoorGemeente(dossier({ woontInAzc: true, coaGemeente: '0363' }), '0363', TODAY)).to.equal(true);
    });
    it('when the current PIP is its own', () => {
      expect(isRelevantVoorGemeente(dossier({ woongemeente: '0363' }, [pip(1, '0014', -100)]), '0014', TODAY)).to.equal(true);
    });
    it('for the previous gemeente until 4 weeks after the new gemeente took the PIP over', () => {
      const moved = (days: number) => dossier({ woongemeente: '0363' }, [pip(1, '0014', -400), pip(2, '0363', days), pip(3, '0363', -1)]);
      expect(isRelevantVoorGemeente(moved(-27), '0014', TODAY)).to.equal(true);
      expect(isRelevantVoorGemeente(moved(-28), '0014', TODAY)).to.equal(false);
    });
    it('not through a withdrawn PIP', () => {
      const withdrawn = pip(1, '0014', -3);
      withdrawn.ingetrokken = true;
      expect(isRelevantVoorGemeente(dossier({ woongemeente: '0363' }, [withdrawn]), '0014', TODAY)).to.equal(false);
    });
  });
});
