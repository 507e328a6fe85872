/** A small SOAP client for tests that build their requests in code. */
import { randomUUID } from 'node:crypto';
import { leesXml, tekst, type XmlDocument } from './xml.js';

export const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  wsa: 'http://www.w3.org/2005/08/addressing',
  ib: 'http://www.duo.nl/cvs-koppeling/wi2021_v1',
};

export interface Call {
  readonly status: number;
  readonly messageId: string;
  readonly doc: XmlDocument;
  /** The response as it came. */
  readonly body: string;
  readonly headers: Headers;
  /** The text of the first element at `xpath` (prefix ib:), or undefined. */
  text(xpath: string): string | undefined;
  /** Soort+Nummer of every melding, e.g. ['FS603']. */
  meldingen(): string[];
}

const escape = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A request field: a name with its text, or with the fields of a group (Pip, Uren). */
export type Veld = [string, string | Veld[]];
const velden = (fields: readonly Veld[]): string =>
  fields.map(([k, v]) => `<ib:${k}>${typeof v === 'string' ? escape(v) : velden(v)}</ib:${k}>`).join('');

export async function call(
  endpoint: string,
  operation: string,
  /** The request's fields after Gemeentecode: name-value pairs (a group's value is its fields), or the XML of the elements as it is. */
  fields: Veld[] | string,
  options: { gemeente?: string; oin?: string; messageId?: string; headers?: Record<string, string> } = {},
): Promise<Call> {
  const messageId = options.messageId ?? `urn:uuid:${randomUUID()}`;
  const action = `http://www.duo.nl/cvs-koppeling/wi2021_v1/${operation}`;
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<soap:Envelope xmlns:soap="${NS.soap}" xmlns:wsa="${NS.wsa}" xmlns:ib="${NS.ib}">
  <soap:Header>
    <wsa:To>${endpoint}</wsa:To><wsa:Action>${action}</wsa:Action><wsa:MessageID>${messageId}</wsa:MessageID>
  </soap:Header>
  <soap:Body><ib:${operation}><ib:Gemeentecode>${options.gemeente ?? '0014'}</ib:Gemeentecode>${typeof fields === 'string' ? fields : velden(fields)}</ib:${operation}></soap:Body>
</soap:Envelope>`;
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${action}"`, 'X-OIN': options.oin ?? '00000001000000000014', ...options.headers },
    body,
  });
  const text = await res.text();
  const doc = leesXml(text);
  const ns = { ib: NS.ib, soap: NS.soap };
  return {
    status: res.status,
    messageId,
    doc,
    body: text,
    headers: res.headers,
    text: (xpath) => tekst(doc, xpath, ns),
    meldingen: () => doc.find('//ib:Melding', ns).map((m) => `${tekst(m, 'ib:Soort', ns)}${tekst(m, 'ib:Nummer', ns)}`),
  };
}
