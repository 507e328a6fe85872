/**
 * What a log line must never hold: a BSN, name, e-mail address or phone number of any fixture
 * person or contactpersoon, every valid BSN a fixture request sends, nor anything shaped like a BSN
 * outside the pseudonym and the OIN. Every sandbox checks the lines its gateway logged when it
 * closes (support/sandbox.ts); test/privacy.test.ts checks a replay of every fixture.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../src/config.js';
import { isValidBsn } from '../../src/domain/bsn.js';

interface Persoonsgegevens {
  /** Values that may not appear anywhere in a line. */
  readonly waarden: ReadonlySet<string>;
  /** Names, as whole words ("Cas" is a name, "OverdragenCaseload" does not contain it). */
  readonly namen: readonly RegExp[];
}

let gegevens: Persoonsgegevens | undefined;

/** What a log line's messageId may be (log/pseudoniem.ts): a UUID as clients send it, or a pseudonym. */
const MESSAGE_ID_IN_LOG = /^(?:urn:uuid:|uuid:)?[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}$|^pseudoniem:[a-p]{24}$/i;

/** Every value that identifies a person: from the dataset, and every valid BSN a fixture request sends. */
export function persoonsgegevens(): Persoonsgegevens {
  if (gegevens) return gegevens;
  const dataset = JSON.parse(readFileSync(`${ROOT}fixtures/dataset.json`, 'utf8'));
  const waarden = new Set<string>();
  const namen = new Set<string>();
  for (const p of dataset.personen) {
    waarden.add(p.bsn);
    namen.add(p.achternaam);
    if (p.voornamen) namen.add(p.voornamen);
  }
  for (const c of dataset.contactpersonen) {
    namen.add(c.naam);
    waarden.add(c.email);
    if (c.telefoonnummer) waarden.add(c.telefoonnummer);
  }
  for (const group of readdirSync(`${ROOT}fixtures`, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const file of readdirSync(join(`${ROOT}fixtures`, group.name)).filter((f) => f.endsWith('.request.xml'))) {
      for (const m of readFileSync(join(`${ROOT}fixtures`, group.name, file), 'latin1').matchAll(/<ib:Bsn>(\d{9})<\/ib:Bsn>/g)) {
        if (isValidBsn(m[1])) waarden.add(m[1]!);
      }
    }
  }
  const patronen = [...namen].map((n) => new RegExp(`(?<![\\p{L}\\p{N}])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u'));
  gegevens = { waarden, namen: patronen };
  return gegevens;
}

/**
 * What each log line that holds personal data holds, by kind and line number, never the value
 * itself (a failing test must not print it either). Empty when every line is clean.
 */
export function persoonsgegevensIn(regels: readonly string[]): string[] {
  const { waarden, namen } = persoonsgegevens();
  const gevonden: string[] = [];
  regels.forEach((regel, i) => {
    for (const waarde of waarden) if (regel.includes(waarde)) gevonden.push(`line ${i + 1}: a personal value (${waarde.length} characters)`);
    for (const naam of namen) if (naam.test(regel)) gevonden.push(`line ${i + 1}: a name`);
    // Nor anything shaped like a BSN in any field. The MessageID is a UUID, whose random hex digits
    // may run to nine, or a pseudonym, written in letters; the BSN pseudonym is hex by nature.
    const { bsnPseudoniem: _p, oin: _oin, messageId, ...rest } = JSON.parse(regel) as Record<string, unknown>;
    if (messageId !== undefined && !MESSAGE_ID_IN_LOG.test(String(messageId))) gevonden.push(`line ${i + 1}: a MessageID that is neither a UUID nor a pseudonym`);
    if (/(?<!\d)\d{9}(?!\d)/.test(JSON.stringify(rest))) gevonden.push(`line ${i + 1}: nine digits in a row`);
  });
  return gevonden;
}
