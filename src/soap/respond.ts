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

/** Indentation by depth: two spaces a level, after the line break. */
const INDENT = Array.from({ length: 32 }, (_, depth) => `\n${'  '.repeat(depth)}`);

/**
 * Appends `<name>` with its value at `depth` to `out`; `open` adds namespace declarations to its
 * start tag. One string grows (V8 joins the pieces once, when it is written): an array of lines
 * and a join cost half again as much for the overview.
 */
function write(out: string, depth: number, name: string, value: XmlValue, open = ''): string {
  if (value === undefined) return out;
  if (Array.isArray(value)) {
    for (const item of value) out = write(out, depth, name, item, open);
    return out;
  }
  const indent = INDENT[depth] ?? `\n${'  '.repeat(depth)}`;
  if (typeof value !== 'object') {
    const text = escape(String(value));
    return text === '' ? `${out}${indent}<${name}${open}/>` : `${out}${indent}<${name}${open}>${text}</${name}>`;
  }
  const start = `${indent}<${name}${open}`;
  let inner = '';
  for (const child in value) inner = write(inner, depth + 1, child, value[child]);
  return inner === '' ? `${out}${start}/>` : `${out}${start}>${inner}${indent}</${name}>`;
}

function envelope(addressing: Addressing, body: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `\n<soap:Envelope xmlns:soap="${NS.soap11}" xmlns:wsa="${NS.wsa}">` +
    '\n  <soap:Header>' +
    `\n    <wsa:Action>${escape(addressing.action)}</wsa:Action>` +
    `\n    <wsa:MessageID>${newMessageId()}</wsa:MessageID>` +
    (addressing.relatesTo !== undefined ? `\n    <wsa:RelatesTo>${escape(addressing.relatesTo)}</wsa:RelatesTo>` : '') +
    '\n  </soap:Header>' +
    '\n  <soap:Body>' +
    body +
    '\n  </soap:Body>' +
    '\n</soap:Envelope>\n'
  );
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
  return envelope(addressing, write('', 2, responseElement, response, ` xmlns="${NS.ib}"`));
}

export function faultAnswer(f: SoapFault, relatesTo: string | undefined): string {
  const addressing = { action: FAULT_ACTION, ...(relatesTo !== undefined ? { relatesTo } : {}) };
  return envelope(
    addressing,
    '\n    <soap:Fault>' +
      `\n      <faultcode>${f.faultcode}</faultcode>` +
      `\n      <faultstring xml:lang="nl">${escape(f.omschrijving)}</faultstring>` +
      '\n      <detail>' +
      write('', 4, 'Fout', { Foutcode: f.code, Omschrijving: f.omschrijving, Element: f.element }, ` xmlns="${NS.ib}"`) +
      '\n      </detail>' +
      '\n    </soap:Fault>',
  );
}
