/**
 * `npm run test:each`: every test file on its own, one after the other, in a mocha of its own with
 * the settings of .mocharc.json but only that file as spec. A file that passes only after another
 * one ran (state a previous file left behind, a log it scanned) fails here. Arguments narrow the
 * files to those whose path contains one of them (`npm run test:each -- interop store/sqlite`).
 * Prints one line per file and a summary; exits 1 when a file failed.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../../src/config.js';

const filters = process.argv.slice(2);
const files = readdirSync(join(ROOT, 'test'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => join('test', f))
  .filter((f) => filters.length === 0 || filters.some((filter) => f.includes(filter)))
  .sort();
const mocha = join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');

const failed: string[] = [];
for (const file of files) {
  const start = process.hrtime.bigint();
  const run = spawnSync(
    process.execPath,
    [mocha, '--no-config', '--node-option', 'import=tsx', '--timeout', '20000', '--exit', '--reporter', 'dot', file],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const seconds = (Number(process.hrtime.bigint() - start) / 1e9).toFixed(1);
  const summary = (run.stdout.match(/^\s*\d+ (passing|pending|failing).*$/gm) ?? []).map((s) => s.trim()).join(', ');
  if (run.status === 0) {
    console.log(`ok    ${relative('.', file)} (${seconds} s) ${summary}`);
  } else {
    failed.push(file);
    console.log(`FAIL  ${relative('.', file)} (${seconds} s, exit ${run.status ?? run.signal}) ${summary}`);
    console.log(`${run.stdout}${run.stderr}`.replace(/^/gm, '      '));
  }
}
console.log(`\n${files.length - failed.length} of ${files.length} test files pass alone${failed.length ? `; failing: ${failed.join(', ')}` : ''}`);
process.exitCode = failed.length ? 1 : 0;
