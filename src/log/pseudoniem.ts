/**
 * A BSN never reaches a log line. Logs carry a keyed pseudonym instead (HMAC-SHA256 with a
 * configured secret), so that operators can follow one person across lines; `npm run pseudonym`
 * computes it for a BSN when there is a lawful reason to look one up.
 */
import { createHmac } from 'node:crypto';

/** Pseudonyms computed lately, per key (an HMAC object costs more than the digest); bounded. */
const onthouden = new Map<string, Map<string, string>>();
const MAX_ONTHOUDEN = 10_000;

export function pseudoniem(bsn: string, key: string): string {
  let perSleutel = onthouden.get(key);
  if (!perSleutel) onthouden.set(key, (perSleutel = new Map()));
  let p = perSleutel.get(bsn);
  if (p === undefined) {
    p = createHmac('sha256', key).update(bsn, 'utf8').digest('hex').slice(0, 24);
    if (perSleutel.size >= MAX_ONTHOUDEN) perSleutel.clear();
    perSleutel.set(bsn, p);
  }
  return p;
}
