/**
 * The requests the bench sends: the fixtures' own requests (fixtures/<Operation>/), filled in for
 * the address of the gateway they go to, and the bench dataset: the sandbox dataset plus a pool of
 * persons for the processed-mutation scenario.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bsnBron, kopieer, type DatasetJson } from '../../src/dataset/genereer.js';
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

/** The pools of persons the bench spreads its requests over, by scenario: each a list of BSNs. */
export interface BenchPools {
  /** Copies of "uren-participatie" (a PIP of 0014, no uren yet): the processed DoorgevenUren. */
  readonly mutatie: readonly string[];
  /** Copies of "asielstatushouder-b1-route" (999901333, the richest overview): the overview reads. */
  readonly overzicht: readonly string[];
  /** Copies of "pip-wijzigen" (999911272): the WijzigenPip refused with FS 640. */
  readonly geweigerd: readonly string[];
}

/**
 * Writes the bench dataset to `file`: the sandbox dataset with `pool` more persons per scenario,
 * copies of a fixture person under new BSNs (and, for the mutation pool, new names). A scenario
 * spreads its requests over its pool, so that no dossier grows by thousands of rows during the run
 * (that is the large-dossier scenario's business), and no read is flattered by one hot person in
 * SQLite's page cache. The overview and refusal copies keep the names, so that their answers have
 * the same bytes as the fixture person's.
 */
export function writeBenchDataset(root: string, file: string, pool: number): BenchPools {
  const dataset = JSON.parse(readFileSync(join(root, 'fixtures', 'dataset.json'), 'utf8')) as DatasetJson;
  // From 99998000x upwards: apart from the BSNs of `npm run dataset`.
  const nieuweBsn = bsnBron(new Set(dataset.personen.map((p) => String(p.bsn))), 99_980_000);
  const pooled = (label: string, wat: string, namen: boolean): string[] => {
    const template = dataset.personen.find((p) => p.label === label);
    if (!template) throw new Error(`fixtures/dataset.json has no person labelled ${label}`);
    return kopieer(dataset, { ...template, toelichting: `bench/: a person of the ${wat} pool.` }, pool, nieuweBsn, `bench-${label}`, (i) =>
      namen ? { voornamen: 'Bench', achternaam: `Testpersoon-Pool${i + 1}` } : {},
    );
  };
  const pools: BenchPools = {
    mutatie: pooled('uren-participatie', 'processed-mutation (DoorgevenUren type 2)', true),
    overzicht: pooled('asielstatushouder-b1-route', 'overview', false),
    geweigerd: pooled('pip-wijzigen', 'refused-mutation (WijzigenPip, FS 640)', false),
  };
  writeFileSync(file, JSON.stringify(dataset));
  return pools;
}

/** The number of elements in an XML text (its start tags). */
export function elementCount(xml: string): number {
  return (xml.match(/<[A-Za-z]/g) ?? []).length;
}

/**
 * The largest request the parser limits let through (src/soap/prescan.ts: 10,000 elements, 1,000
 * children of one element; 256 KB of body): `overview` with a header block of ignored elements
 * (no mustUnderstand), nine groups of 1,000 children. The gateway parses all of it and answers the
 * overview.
 */
export function worstCaseRequest(overview: string): { body: string; elements: number } {
  const block = (text: string) => `<x:Uitbreiding xmlns:x="urn:bench:uitbreiding">${`<x:g>${`<x:e>${text}</x:e>`.repeat(1000)}</x:g>`.repeat(9)}</x:Uitbreiding>`;
  // Each element's text as long as keeps the whole under 250 KiB.
  const room = 250 * 1024 - Buffer.byteLength(overview) - Buffer.byteLength(block(''));
  const body = overview.replace('</soap:Header>', `${block('x'.repeat(Math.max(1, Math.floor(room / 9000))))}</soap:Header>`);
  if (body === overview) throw new Error('the overview request has no soap:Header');
  return { body, elements: elementCount(body) };
}
