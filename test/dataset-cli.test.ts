/** `npm run dataset`: the fixture dataset with any number of copies of its persons, a dataset the gateway loads. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ROOT } from '../src/config.js';
import { laadDatasetBestand } from '../src/dataset/laden.js';
import { isValidBsn } from '../src/domain/bsn.js';

describe('npm run dataset', () => {
  it('writes the fixture dataset with that many copies of its persons, each under a BSN of its own that passes the elfproef', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvs-dataset-'));
    try {
      const out = join(dir, 'groot.json');
      const fixtures = JSON.parse(readFileSync(`${ROOT}fixtures/dataset.json`, 'utf8')) as { personen: Array<{ bsn: string; label: string }> };
      const n = fixtures.personen.length * 2 + 7;
      const said = execFileSync(process.execPath, ['--import', 'tsx', `${ROOT}src/cli/dataset.ts`, '--persons', String(n), '--out', out], { encoding: 'utf8' });
      expect(said).to.include(`${fixtures.personen.length + n} persons`);
      const dataset = laadDatasetBestand(out, '20261129');
      expect(dataset.dossiers).to.have.length(fixtures.personen.length + n);
      const bsns = dataset.dossiers.map((d) => d.dossier.persoon.bsn);
      expect(new Set(bsns).size).to.equal(bsns.length);
      expect(bsns.every(isValidBsn)).to.equal(true);
      // Each fixture person twice more, the first seven three times: the same dossiers, in their proportions.
      const geschreven = JSON.parse(readFileSync(out, 'utf8')) as { personen: Array<{ label: string; toelichting: string }> };
      expect(geschreven.personen.filter((p) => p.toelichting === `A copy of ${fixtures.personen[0]!.label} (npm run dataset).`)).to.have.length(3);
      expect(geschreven.personen.filter((p) => p.toelichting === `A copy of ${fixtures.personen[7]!.label} (npm run dataset).`)).to.have.length(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a number of persons that is not one', () => {
    let status: number | undefined;
    try {
      execFileSync(process.execPath, ['--import', 'tsx', `${ROOT}src/cli/dataset.ts`, '--persons', 'veel'], { stdio: 'pipe' });
    } catch (e) {
      status = (e as { status: number }).status;
    }
    expect(status).to.equal(2);
  });
});
