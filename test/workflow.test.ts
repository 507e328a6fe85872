/**
 * The GitHub workflow that runs the SQL Server store against real SQL Servers
 * (.github/workflows/sqlserver.yml) cannot run on this project's own machine, which has no Docker:
 * here it is validated against GitHub's schema with action-validator, and held to what the suite
 * reads from it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ROOT } from '../src/config.js';

const VALIDATOR = join(ROOT, 'node_modules', '.bin', 'action-validator');
const WORKFLOWS = join(ROOT, '.github', 'workflows');

/** action-validator's exit status and output for a file. */
function valideer(bestand: string): { status: number; uit: string } {
  try {
    return { status: 0, uit: execFileSync(VALIDATOR, [bestand], { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (e) {
    const f = e as { status: number; stdout?: string; stderr?: string };
    return { status: f.status, uit: `${f.stdout ?? ''}${f.stderr ?? ''}` };
  }
}

describe('GitHub workflows (.github/workflows)', () => {
  it('are valid workflows by GitHub\'s schema', () => {
    const bestanden = readdirSync(WORKFLOWS).filter((f) => f.endsWith('.yml'));
    expect(bestanden).to.include('sqlserver.yml');
    for (const f of bestanden) expect(valideer(join(WORKFLOWS, f)), f).to.deep.include({ status: 0 });
  });

  it('is checked for real: a workflow without runs-on is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvs-workflow-'));
    try {
      const kapot = join(dir, 'kapot.yml');
      writeFileSync(kapot, readFileSync(join(WORKFLOWS, 'sqlserver.yml'), 'utf8').replace(/^ {4}runs-on: .*\n/m, ''));
      expect(valideer(kapot).status).to.not.equal(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs the SQL Server tests on SQL Server 2019 and 2022, with READ_COMMITTED_SNAPSHOT on and off, by the settings the tests read', () => {
    const yml = readFileSync(join(WORKFLOWS, 'sqlserver.yml'), 'utf8');
    expect(yml).to.match(/versie: \['2019', '2022'\]/);
    expect(yml).to.match(/rcsi: \['ON', 'OFF'\]/);
    expect(yml).to.include('image: mcr.microsoft.com/mssql/server:${{ matrix.versie }}-latest');
    expect(yml).to.match(/CVS_MSSQL_URL: Server=localhost,1433;/);
    expect(yml).to.include('CVS_TEST_READ_COMMITTED_SNAPSHOT: ${{ matrix.rcsi }}');
    expect(yml).to.match(/^ {8}run: npm test$/m);
    const tests = readFileSync(join(ROOT, 'test', 'store', 'mssql.test.ts'), 'utf8');
    expect(tests).to.include('process.env.CVS_TEST_READ_COMMITTED_SNAPSHOT');
    expect(tests).to.include('process.env.CVS_MSSQL_URL');
  });
});
