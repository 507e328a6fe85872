/**
 * Writes the documented response of every fixture case that has none yet (`--all`: of every case),
 * from a sandbox run (`npx tsx test/support/record.ts`). Every case is sent, in the order the suite
 * replays them, so that a case added in the middle of a sequence meets the store as the suite will.
 * Review each written file before committing it: the suite treats these files as the truth.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ROOT } from '../../src/config.js';
import { loadCases, normalise, send, tokeniseDates } from '../../src/fixtures/replay.js';
import { startSandbox, TODAY } from './sandbox.js';

const all = process.argv.includes('--all');
const sandbox = await startSandbox();
try {
  for (const c of loadCases(`${ROOT}fixtures`)) {
    const reply = await send(sandbox.endpoint, c, TODAY);
    if (existsSync(c.responseFile) && !all) continue;
    // A date the request writes as JJJJMMDD (not as {{vandaag…}}) is absolute: it stays so in the answer.
    const literal = new Set([...readFileSync(c.requestFile, 'latin1').matchAll(/<ib:Datum\w*>(\d{8})</g)].map((m) => m[1]!));
    writeFileSync(c.responseFile, tokeniseDates(normalise(reply.body), TODAY, literal));
    process.stdout.write(`wrote ${c.group}/${c.name}.response.xml (${reply.status})\n`);
  }
} finally {
  await sandbox.close();
}
