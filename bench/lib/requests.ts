/**
 * The requests the bench sends: the fixtures' own requests (fixtures/<Operation>/), filled in for
 * the address of the gateway they go to, and the bench dataset: the sandbox dataset plus a pool of
 * persons for the processed-mutation scenario.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isValidBsn } from '../../src/domain/bsn.js';
import type { Datum } from '../../src/domain/datum.js';
import { loadCases, requestBody, type FixtureCase } from '../../src/fixtures/replay.js';

export interface GatewayRequest {
  readonly headers: Record<string, string>;
  readonly body: string;
}

const MESSAGE_ID = /<wsa:MessageID>[^<]*<\/wsa:MessageID>/;
const BSN = /<ib:Bsn>[^<]*<\/ib:Bsn>/;

let cases: FixtureCase[] | undefined;

/** A fixture request (`<group>/<name>`), with its HTTP headers, addressed to `endpoint`. */
export function fixtureRequest(root: string, id: string, today: Datum, endpoint: string): GatewayRequest {
  cases ??= loadCases(join(root, 'fixtures'));
  const c = cases.find((x) => `${x.group}/${x.name}` === id);
  if (!c) throw new Error(`fixture ${id} not found under fixtures/`);
  return { headers: c.headers, body: requestBody(c, today, endpoint).toString('utf8') };
}

/**
 * A body maker that gives every request a fresh wsa:MessageID (urn:uuid:…), and when `bsns` is
 * given, the next BSN of that list in turn.
 */
export function freshBodies(body: string, bsns?: readonly string[]): () => string {
  if (!MESSAGE_ID.test(body)) throw new Error('the request has no wsa:MessageID to replace');
  const [head, tail] = body.split(MESSAGE_ID) as [string, string];
  if (!bsns || bsns.length === 0) return () => `${head}<wsa:MessageID>urn:uuid:${randomUUID()}</wsa:MessageID>${tail}`;
  if (!BSN.test(tail)) throw new Error('the request has no ib:Bsn to replace');
  const [mid, end] = tail.split(BSN) as [string, string];
  let next = 0;
  return () => {
    const bsn = bsns[next++ % bsns.length]!;
    return `${head}<wsa:MessageID>urn:uuid:${randomUUID()}</wsa:MessageID>${mid}<ib:Bsn>${bsn}</ib:Bsn>${end}`;
  };
}

/** Replaces the text of the first element `<ib:name>` (which must exist). */
export function setElement(body: string, name: string, value: string): string {
  const re = new RegExp(`<ib:${name}>[^<]*</ib:${name}>`);
  if (!re.test(body)) throw new Error(`the request has no ib:${name}`);
  return body.replace(re, `<ib:${name}>${value}</ib:${name}>`);
}

/** Inserts `<ib:name>value</ib:name>` after the element `<ib:after>`. */
export function insertAfter(body: string, after: string, name: string, value: string): string {
  const re = new RegExp(`(<ib:${after}>[^<]*</ib:${after}>)`);
  if (!re.test(body)) throw new Error(`the request has no ib:${after}`);
  return body.replace(re, `$1\n      <ib:${name}>${value}</ib:${name}>`);
}

/**
 * Writes the bench dataset to `file`: the sandbox dataset with `pool` more persons, copies of the
 * fixture person "uren-participatie" (a PIP of 0014, no uren yet) under new BSNs and labels. The
 * processed-mutation scenario spreads its DoorgevenUren over them, so that no single dossier grows
 * by thousands of rows during the run (that is the large-dossier scenario's business). Returns the
 * pool's BSNs.
 */
export function writeBenchDataset(root: string, file: string, pool: number): string[] {
  const dataset = JSON.parse(readFileSync(join(root, 'fixtures', 'dataset.json'), 'utf8')) as { personen: Array<Record<string, unknown>> };
  const template = dataset.personen.find((p) => p.label === 'uren-participatie');
  if (!template) throw new Error('fixtures/dataset.json has no person labelled uren-participatie');
  const taken = new Set(dataset.personen.map((p) => String(p.bsn)));
  const bsns: string[] = [];
  // Nine digits from 99998000x upwards that pass the elfproef and are not in the dataset.
  for (let stem = 99_980_000; bsns.length < pool && stem < 99_999_999; stem++) {
    for (let check = 0; check < 10; check++) {
      const bsn = `${stem}${check}`;
      if (isValidBsn(bsn) && !taken.has(bsn)) {
        bsns.push(bsn);
        break;
      }
    }
  }
  bsns.forEach((bsn, i) => {
    dataset.personen.push({
      ...template,
      label: `bench-pool-${i + 1}`,
      toelichting: 'bench/: a person of the processed-mutation pool (DoorgevenUren type 2).',
      bsn,
      voornamen: 'Bench',
      achternaam: `Testpersoon-Pool${i + 1}`,
    });
  });
  writeFileSync(file, JSON.stringify(dataset));
  return bsns;
}

/** The number of elements in an XML text (its start tags). */
export function elementCount(xml: string): number {
  return (xml.match(/<[A-Za-z]/g) ?? []).length;
}
