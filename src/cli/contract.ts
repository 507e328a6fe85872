/**
 * `npm run contract`: writes wsdl/CvsKoppeling_Wi2021_v1.wsdl from the registry of operations.
 * The test suite fails while the committed file differs from what this writes.
 */
import { writeFileSync } from 'node:fs';
import { ROOT } from '../config.js';
import { OPERATIONS } from '../operations/index.js';
import { WSDL_FILE } from '../soap/ns.js';
import { writeWsdl } from '../soap/wsdl.js';

const file = `${ROOT}wsdl/${WSDL_FILE}`;
writeFileSync(file, writeWsdl(OPERATIONS));
process.stdout.write(`wrote ${file} (${OPERATIONS.length} operations)\n`);
