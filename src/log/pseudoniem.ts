/**
 * A BSN never reaches a log line. Logs carry a keyed pseudonym instead (HMAC-SHA256 with a
 * configured secret), so that operators can follow one person across lines; `npm run pseudonym`
 * computes it for a BSN when there is a lawful reason to look one up.
 */
import { createHmac } from 'node:crypto';

export function pseudoniem(bsn: string, key: string): string {
  return createHmac('sha256', key).update(bsn, 'utf8').digest('hex').slice(0, 24);
}
