/**
 * Phase 8, respond: writes the SOAP 1.1 response. Every response, faults too, carries wsa:Action,
 * a fresh wsa:MessageID and wsa:RelatesTo (the request's MessageID, when the request got that far).
 *
 * The response is written directly as indented text. The content model is small (elements in
 * document order, text leaves, no attributes but namespace declarations), and xmlbuilder2 took
 * about 280 µs to build the full OpvragenPersoon overview, more than half of the whole request;
 * this writer takes a few percent of that and writes the same bytes.
 */
import { randomUUID } from 'node:crypto';
import type { Melding } from '../meldingen/catalogus.js';
import type { SoapFault } from './fault.js';
import { FAULT_ACTION, NS } from './ns.js';

/** Response content: element name -> value, in document order. Undefined values are left out. */
export type XmlContent = { [element: string]: XmlValue };
export type XmlValue = string | number | boolean | undefined | XmlContent | XmlValue[];

export interface Addressing {
  readonly action: string;
  readonly relatesTo?: string;
}

export function newMessageId(): string {
  return `urn:uuid:${randomUUID()}`;
}

const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const NEEDS_ESCAPE = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function escape(text: string): string {
  // Most values are dates, codes and numbers: one test instead of four replacements.
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(INVALID_XML_CHARS, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Writes `<name>` with its value at `depth`; `open` adds namespace declarations to its start tag. */
function write(out: string[], depth: number, name: string, value: XmlValue, open = ''): void {
  if (value === undefined) return;
  if (Array.isArray(value)) {
    for (const item of value) write(out, depth, name, item, open);
    return;
  }
  const indent = '  '.repeat(depth);
  if (typeof value !== 'object') {
    const text = escape(String(value));
    out.push(text === '' ? `${indent}<${name}${open}/>` : `${indent}<${name}${open}>${text}</${name}>`);
    return;
  }
  const start = out.length;
  out.push(`${indent}<${name}${open}>`);
  for (const [child, childValue] of Object.entries(value)) write(out, depth + 1, child, childValue);
  if (out.length === start + 1) out[start] = `${indent}<${name}${open}/>`;
  else out.push(`${indent}</${name}>`);
}

function envelope(addressing: Addressing, body: (out: string[]) => void): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<soap:Envelope xmlns:soap="${NS.soap11}" xmlns:wsa="${NS.wsa}">`,
    '  <soap:Header>',
    `    <wsa:Action>${escape(addressing.action)}</wsa:Action>`,
    `    <wsa:MessageID>${newMessageId()}</wsa:MessageID>`,
  ];
  if (addressing.relatesTo !== undefined) out.push(`    <wsa:RelatesTo>${escape(addressing.relatesTo)}</wsa:RelatesTo>`);
  out.push('  </soap:Header>', '  <soap:Body>');
  body(out);
  out.push('  </soap:Body>', '</soap:Envelope>', '');
  return out.join('\n');
}

export function meldingenContent(meldingen: readonly Melding[]): XmlContent {
  return {
    Melding: meldingen.map((m) => ({ Soort: m.soort, Nummer: m.nummer, Tekst: m.tekst, Groep: m.groep, Veld: m.veld })),
  };
}

/** A business answer: <{operation}Response> with Verwerkt, Meldingen and the operation's content. */
export function answer(
  addressing: Addressing,
  responseElement: string,
  meldingen: readonly Melding[],
  content: XmlContent | undefined,
): string {
  const response: XmlContent = {
    Verwerkt: !meldingen.some((m) => m.soort === 'FS'),
    Meldingen: meldingenContent(meldingen),
    ...content,
  };
  return envelope(addressing, (out) => write(out, 2, responseElement, response, ` xmlns="${NS.ib}"`));
}

export function faultAnswer(f: SoapFault, relatesTo: string | undefined): string {
  const addressing = { action: FAULT_ACTION, ...(relatesTo !== undefined ? { relatesTo } : {}) };
  return envelope(addressing, (out) => {
    out.push(
      '    <soap:Fault>',
      `      <faultcode>${f.faultcode}</faultcode>`,
      `      <faultstring xml:lang="nl">${escape(f.omschrijving)}</faultstring>`,
      '      <detail>',
    );
    write(out, 4, 'Fout', { Foutcode: f.code, Omschrijving: f.omschrijving, Element: f.element }, ` xmlns="${NS.ib}"`);
    out.push('      </detail>', '    </soap:Fault>');
  });
}
