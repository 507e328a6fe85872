/**
 * Phase 8, respond: writes the SOAP 1.1 response with xmlbuilder2. Every response, faults too,
 * carries wsa:Action, a fresh wsa:MessageID and wsa:RelatesTo (the request's MessageID, when the
 * request got that far).
 */
import { randomUUID } from 'node:crypto';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
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

function envelope(addressing: Addressing): { doc: XMLBuilder; body: XMLBuilder } {
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const env = doc.ele(NS.soap11, 'soap:Envelope').att('http://www.w3.org/2000/xmlns/', 'xmlns:wsa', NS.wsa);
  const header = env.ele(NS.soap11, 'soap:Header');
  header.ele(NS.wsa, 'wsa:Action').txt(addressing.action);
  header.ele(NS.wsa, 'wsa:MessageID').txt(newMessageId());
  if (addressing.relatesTo !== undefined) header.ele(NS.wsa, 'wsa:RelatesTo').txt(addressing.relatesTo);
  return { doc, body: env.ele(NS.soap11, 'soap:Body') };
}

function serialize(doc: XMLBuilder): string {
  return `${doc.end({ prettyPrint: true, indent: '  ' })}\n`;
}

function write(parent: XMLBuilder, content: XmlContent): void {
  for (const [name, value] of Object.entries(content)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined) continue;
      const el = parent.ele(NS.ib, name);
      if (typeof item === 'object' && !Array.isArray(item)) write(el, item);
      else el.txt(String(item));
    }
  }
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
  const { doc, body } = envelope(addressing);
  const response = body.ele(NS.ib, responseElement);
  write(response, {
    Verwerkt: !meldingen.some((m) => m.soort === 'FS'),
    Meldingen: meldingenContent(meldingen),
    ...content,
  });
  return serialize(doc);
}

export function faultAnswer(f: SoapFault, relatesTo: string | undefined): string {
  const { doc, body } = envelope({ action: FAULT_ACTION, ...(relatesTo !== undefined ? { relatesTo } : {}) });
  const el = body.ele(NS.soap11, 'soap:Fault');
  el.ele('faultcode').txt(f.faultcode);
  el.ele('faultstring').att('http://www.w3.org/XML/1998/namespace', 'xml:lang', 'nl').txt(f.omschrijving);
  const detail = el.ele('detail');
  write(detail, { Fout: { Foutcode: f.code, Omschrijving: f.omschrijving, Element: f.element } });
  return serialize(doc);
}
