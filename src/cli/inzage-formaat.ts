/**
 * How `npm run inzage` writes the records it finds (cli/inzage.ts): an aligned table for a
 * terminal, CSV (RFC 4180) for a spreadsheet or a letter, or JSON. Each writer takes the records a
 * slice at a time and returns text to write, so that no format holds the trail in memory; the
 * table learns its column widths in a first pass over the same search.
 */
import { tijdInNederland } from '../domain/datum.js';
import type { InzageRegel } from '../store/port.js';

export const FORMATEN = ['table', 'csv', 'json'] as const;
export type Formaat = (typeof FORMATEN)[number];

/** A record as the output shows it: with the afnemer's name ('' for an OIN the afnemers source does not know). */
export interface Regel {
  readonly inzage: InzageRegel;
  readonly afnemer: string;
}

/** The columns of the table and of the CSV, in order. */
export const KOLOMMEN = ['tijdstip', 'oin', 'afnemer', 'gemeente', 'operatie', 'resultaat', 'messageid'] as const;

/** A record's cells, its time as the Dutch clock showed it. */
export function cellen({ inzage: i, afnemer }: Regel): string[] {
  return [tijdInNederland(i.tijdstip), i.oin, afnemer, i.gemeente, i.operatie, i.verwerkt ? 'verwerkt' : 'niet verwerkt', i.messageId];
}

/** One writer: the text before the first record, of each slice, and after the last. */
export interface Schrijver {
  begin(): string;
  regels(regels: readonly Regel[]): string;
  einde(): string;
}

/** A field as RFC 4180 quotes it; one that a spreadsheet would take for a formula gets a leading apostrophe first. */
export function csvVeld(v: string): string {
  const veilig = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(veilig) ? `"${veilig.replaceAll('"', '""')}"` : veilig;
}

const csvRegel = (velden: readonly string[]) => `${velden.map(csvVeld).join(',')}\r\n`;

export function csv(): Schrijver {
  return {
    begin: () => csvRegel(KOLOMMEN),
    regels: (regels) => regels.map((r) => csvRegel(cellen(r))).join(''),
    einde: () => '',
  };
}

/** A JSON array, one record a line: its moment in UTC as the trail keeps it. */
export function json(): Schrijver {
  let eerste = true;
  return {
    begin: () => '[',
    regels: (regels) =>
      regels
        .map(({ inzage: i, afnemer }) => {
          const tekst = JSON.stringify({ tijdstip: i.tijdstip, oin: i.oin, afnemer, gemeente: i.gemeente, operatie: i.operatie, verwerkt: i.verwerkt, messageId: i.messageId });
          const scheiding = eerste ? '\n' : ',\n';
          eerste = false;
          return scheiding + tekst;
        })
        .join(''),
    einde: () => (eerste ? ']\n' : '\n]\n'),
  };
}

/** A cell as a terminal shows it: control characters (a MessageID is the afnemer's text) as '?'. */
const zichtbaar = (v: string) => v.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

/** The widths of the table's columns, measured over every record (the first pass). */
export class Breedtes {
  readonly breedtes: number[] = KOLOMMEN.map((k) => k.length);

  meet(regels: readonly Regel[]): void {
    for (const r of regels) cellen(r).forEach((c, i) => (this.breedtes[i] = Math.max(this.breedtes[i]!, zichtbaar(c).length)));
  }
}

/** The table: columns two spaces apart, a rule under the header. */
export function tabel({ breedtes }: Breedtes): Schrijver {
  const regel = (velden: readonly string[]) =>
    `${velden
      .map((v, i) => zichtbaar(v).padEnd(breedtes[i]!))
      .join('  ')
      .trimEnd()}\n`;
  return {
    begin: () => regel(KOLOMMEN) + regel(breedtes.map((b) => '-'.repeat(b))),
    regels: (regels) => regels.map((r) => regel(cellen(r))).join(''),
    einde: () => '',
  };
}
