/**
 * What the log holds for a BSN or a MessageID, computed with CVS_PSEUDONYM_KEY, the key the
 * gateway logs with:
 *
 *   npm run pseudonym -- 999990019                  the BSN's pseudonym (the log's bsnPseudoniem)
 *   npm run pseudonym -- --messageid '<value>'      the log's messageId for that MessageID: the
 *                                                   value itself, or pseudoniem:<24 letters>
 */
import { loadConfig } from '../config.js';
import { messageIdVoorLog, pseudoniem } from '../log/pseudoniem.js';

const GEBRUIK = "usage: npm run pseudonym -- <bsn of 9 digits>\n       npm run pseudonym -- --messageid '<MessageID as the vendor sent it>'\n";

const [eerste, tweede, ...rest] = process.argv.slice(2);
let uit: (key: string) => string;
if (eerste === '--messageid' && tweede !== undefined && tweede !== '' && rest.length === 0) {
  uit = (key) => messageIdVoorLog(tweede, key);
} else if (eerste !== undefined && /^\d{9}$/.test(eerste) && tweede === undefined) {
  uit = (key) => pseudoniem(eerste, key);
} else {
  process.stderr.write(GEBRUIK);
  process.exit(2);
}
process.stdout.write(`${uit(loadConfig(process.env).pseudonymKey)}\n`);
