/** What the XML core's tests share (test/unit/libxml2.test.ts, test/libxml2.test.ts). */
import { readFileSync } from 'node:fs';
import { diag } from 'libxml2-wasm';
import { ROOT } from '../../src/config.js';

export const ENDPOINT = 'https://gateway.test/cvs-koppeling/wi2021_v1';
export const overzicht = readFileSync(`${ROOT}fixtures/OpvragenPersoon/01-volledig-overzicht.request.xml`, 'utf8');

/** The full-overview fixture request, addressed to `endpoint`. */
export const verzoek = (endpoint: string) => Buffer.from(overzicht.replace('{{endpoint}}', endpoint));

/** The documents made while diag was on that nobody disposed (collected or not). */
export function nietVrijgegeven(): number {
  const rapport = diag.report() as Record<string, { totalInstances: number }> | undefined;
  return rapport?.['XmlDocument']?.totalInstances ?? 0;
}
