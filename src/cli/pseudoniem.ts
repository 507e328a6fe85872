/**
 * Prints the log pseudonym of a BSN: `npm run pseudonym -- 999990019`.
 * Uses CVS_PSEUDONYM_KEY, the key the gateway logs with.
 */
import { loadConfig } from '../config.js';
import { pseudoniem } from '../log/pseudoniem.js';

const bsn = process.argv[2];
if (!bsn || !/^\d{9}$/.test(bsn)) {
  process.stderr.write('usage: npm run pseudonym -- <bsn of 9 digits>\n');
  process.exit(2);
}
const config = loadConfig(process.env);
process.stdout.write(`${pseudoniem(bsn, config.pseudonymKey)}\n`);
