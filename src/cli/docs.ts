/**
 * `npm run docs`: writes the contract reference, one HTML page (src/docs/reference.ts), to
 * docs/contract.html, or to the file given with `--out <file>`. The page is generated; git ignores
 * the default path.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../config.js';
import { buildReference, readSources } from '../docs/reference.js';
import { OPERATIONS } from '../operations/index.js';

const { values } = parseArgs({ options: { out: { type: 'string', default: `${ROOT}docs/contract.html` } } });
const file = resolve(values.out);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, buildReference(readSources(OPERATIONS, `${ROOT}xsd`)).html);
process.stdout.write(`wrote ${file} (${OPERATIONS.length} operations)\n`);
