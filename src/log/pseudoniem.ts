/**
 * A BSN never reaches a log line. Logs carry a keyed pseudonym instead (HMAC-SHA256 with a
 * configured secret), so that operators can follow one person across lines; `npm run pseudonym`
 * computes it for a BSN when there is a lawful reason to look one up.
 *
 * A MessageID is the caller's to choose, and some put a BSN or a name in it. The log carries it
 * as sent only when it is a UUID (`urn:uuid:…`, `uuid:…` or bare, as clients send them); any
 * other MessageID is logged as `pseudoniem:<24 letters>`, the keyed pseudonym of the whole value,
 * which `npm run pseudonym -- --messageid <value>` computes from what the vendor quotes. So every
 * MessageID can be found in the log.
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
    p = hmac(bsn, key);
    if (perSleutel.size >= MAX_ONTHOUDEN) perSleutel.clear();
    perSleutel.set(bsn, p);
  }
  return p;
}

function hmac(value: string, key: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex').slice(0, 24);
}

const UUID = /^(?:urn:uuid:|uuid:)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The MessageID as a log line carries it: as sent when it is a UUID, else its pseudonym. A UUID's
 * twelve-digit group can hold a run that passes the elfproef by chance (about 3% of random UUIDs
 * do); that is a coincidence of random digits, not a BSN, and it stays as sent.
 */
export function messageIdVoorLog(messageId: string, key: string): string {
  if (UUID.test(messageId)) return messageId;
  // Written in the letters a-p instead of hex digits, so that no pseudonym looks like a number to
  // a scan of the logs for BSNs.
  return `pseudoniem:${hmac(messageId, key).replace(/[0-9a-f]/g, (c) => String.fromCharCode(97 + parseInt(c, 16)))}`;
}
