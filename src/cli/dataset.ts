/**
 * Writes a dataset of any size: `npm run dataset -- --persons 100000 [--out FILE]`. The fixture
 * dataset with that many persons more, copies of its own (dataset/genereer.ts), for measuring the
 * gateway and its signaal engine at DUO's scale: `CVS_DATASET=FILE CVS_DATABASE=FILE.sqlite npm start`.
 */
import { writeFileSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ROOT } from '../config.js';
import { vergroot, type DatasetJson } from '../dataset/genereer.js';

const { values } = parseArgs({ options: { persons: { type: 'string' }, out: { type: 'string' } }, strict: true });
const personen = Number(values.persons);
if (!Number.isInteger(personen) || personen < 0 || personen > 5_000_000) {
  process.stderr.write('usage: npm run dataset -- --persons <0 to 5000000> [--out <file>]\n');
  process.exit(2);
}
const out = values.out ?? `dataset-${personen}.json`;
const dataset = JSON.parse(readFileSync(`${ROOT}fixtures/dataset.json`, 'utf8')) as DatasetJson;
const groot = vergroot(dataset, personen);
writeFileSync(out, JSON.stringify(groot));
process.stdout.write(`${out}: ${groot.personen.length} persons (the fixture dataset's ${dataset.personen.length} and ${personen} copies)\n`);
