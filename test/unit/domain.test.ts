import { expect } from 'chai';
import { isValidBsn } from '../../src/domain/bsn.js';
import { addDays, addMonths, addYears, expandDateTokens, isDatum, resolveDatum, systemClock, todayInNetherlands } from '../../src/domain/datum.js';

describe('BSN (FS 603)', () => {
  it('accepts nine digits that pass the elfproef', () => {
    for (const bsn of ['999901333', '999900006', '111222333', '012345672']) expect(isValidBsn(bsn), bsn).to.equal(true);
  });
  it('refuses a wrong check digit, other lengths, non-digits, empty and 000000000', () => {
    for (const bsn of ['999901334', '12345', '9999013330', '99990133a', ' 99990133', '', '000000000', undefined]) {
      expect(isValidBsn(bsn), String(bsn)).to.equal(false);
    }
  });
});

describe('dates (JJJJMMDD)', () => {
  it('knows real calendar dates', () => {
    expect(isDatum('20240229')).to.equal(true);
    expect(isDatum('20230229')).to.equal(false);
    expect(isDatum('20231301')).to.equal(false);
    expect(isDatum('20230100')).to.equal(false);
    expect(isDatum('2023-01-01')).to.equal(false);
  });
  it('adds days, months and years without a DST or month-end slip', () => {
    expect(addDays('20240331', 1)).to.equal('20240401');
    expect(addDays('20241027', 1)).to.equal('20241028');
    expect(addMonths('20240131', 1)).to.equal('20240229');
    expect(addYears('20240229', 1)).to.equal('20250228');
    expect(addDays(addYears('20220206', 3), -1)).to.equal('20250205');
  });
  it('resolves relative dates as datasets and fixtures write them', () => {
    expect(resolveDatum('vandaag', '20261129')).to.equal('20261129');
    expect(resolveDatum('vandaag-400', '20261129')).to.equal('20251025');
    expect(resolveDatum('vandaag+14d', '20261129')).to.equal('20261213');
    expect(resolveDatum('vandaag-499+3j-1', '20261129')).to.equal(addDays(addYears(addDays('20261129', -499), 3), -1));
    expect(resolveDatum('gisteren', '20261129')).to.equal(undefined);
    expect(expandDateTokens('<D>{{vandaag-1}}</D>', '20260101')).to.equal('<D>20251231</D>');
  });
  it('takes today in the Netherlands, not in UTC', () => {
    expect(todayInNetherlands(new Date('2026-06-30T22:30:00Z'))).to.equal('20260701');
    expect(todayInNetherlands(new Date('2026-12-31T22:59:00Z'))).to.equal('20261231');
  });
  it('gives the system clock\'s today from a value kept per minute, which turns with the Dutch day', () => {
    const echt = Date.now;
    try {
      let nu = Date.parse('2026-12-31T22:59:59.999Z');
      Date.now = () => nu;
      const clock = systemClock();
      expect(clock()).to.equal('20261231');
      nu += 1; // 23:00 UTC is midnight in Amsterdam in winter
      expect(clock()).to.equal('20270101');
      nu = Date.parse('2027-06-30T21:59:59.999Z');
      expect(clock()).to.equal('20270630');
      nu += 1; // 22:00 UTC is midnight in summer
      expect(clock()).to.equal('20270701');
    } finally {
      Date.now = echt;
    }
  });
});
