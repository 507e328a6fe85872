/**
 * Phase 2, envelope: parses the request once with libxml2, hardened (no DTD, no entities, no
 * network), and reads the SOAP 1.1 envelope and its WS-Addressing headers.
 *
 * The header holds WS-Addressing only (Digikoppeling WUS WS007): the gemeente is in the Body. Other
 * header blocks are ignored unless they carry mustUnderstand (fault 0010). wsa:To must be the
 * address of this endpoint (fault 0005), and a wsa:ReplyTo or wsa:FaultTo other than the anonymous
 * address is refused (fault 0001): the answer only ever goes back on the HTTP connection.
 *
 * One parse serves everything after it: the headers are read from this tree and the Body element
 * is validated from it (see xsd.ts). That is why the envelope is not parsed with a second, JS
 * parser (docs/design.md "XML: one hardened parse in WebAssembly").
 */
import { fault, SoapFault } from './fault.js';
import { GeenXml, heeftTekst, kindElementen, parseXml, XmlElement, type XmlDocument } from './libxml2.js';
import { ANONYMOUS, NS } from './ns.js';
import { DEFAULT_LIMITS, prescan, type ParserLimits } from './prescan.js';

export type Element = XmlElement;

export interface Envelope {
  readonly to: string;
  readonly action: string;
  readonly messageId: string;
  /** wsa:From/wsa:Address, when given. */
  readonly from?: string;
  /** The local name of the single child of soap:Body. */
  readonly bodyName: string;
  /**
   * The single child of soap:Body, for the phases that read the tree (validation, mapping). Throws
   * an ordinary error once the envelope is released: a read after release would otherwise find
   * WebAssembly memory that another request may already reuse.
   */
  body(): Element;
  /** Disposes the parsed request; idempotent. Nothing of the tree may be read afterwards. */
  release(): void;
}

/** Thrown by a read of a released envelope: a defect of the gateway, answered as fault 0099. */
export class EnvelopeVrijgegeven extends Error {
  constructor() {
    super('request document read after its release');
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes the bytes as UTF-8 and refuses any other encoding (fault 0009). */
export function decodeUtf8(bytes: Buffer): string {
  if (bytes.length >= 2 && ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe))) {
    throw fault.geenUtf8('Bericht is UTF-16; alleen UTF-8 wordt ondersteund');
  }
  // UTF-16 without a byte order mark: '<' as 3C 00 or 00 3C (XML 1.0, appendix F).
  if (bytes.length >= 2 && ((bytes[0] === 0x3c && bytes[1] === 0x00) || (bytes[0] === 0x00 && bytes[1] === 0x3c))) {
    throw fault.geenUtf8('Bericht is UTF-16; alleen UTF-8 wordt ondersteund');
  }
  const decl = /^(?:\uFEFF|\u00EF\u00BB\u00BF)?<\?xml\s[^?]*?encoding\s*=\s*["']([^"']*)["']/.exec(bytes.subarray(0, 200).toString('latin1'));
  if (decl && decl[1]!.toLowerCase() !== 'utf-8') throw fault.geenUtf8('XML-declaratie noemt een andere codering dan UTF-8');
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw fault.geenUtf8('Bericht is geen geldige UTF-8');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}

/** `endpoint` is the address of this service, as the WSDL states it: wsa:To must name it. */
export function parseEnvelope(bytes: Buffer, endpoint: string, limits: ParserLimits = DEFAULT_LIMITS): Envelope {
  const text = decodeUtf8(bytes);
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) throw fault.envelop('DOCTYPE en entiteiten zijn niet toegestaan');
  prescan(text, limits);

  let doc: XmlDocument;
  try {
    doc = parseXml(text);
  } catch (err) {
    if (!(err instanceof GeenXml)) throw err;
    const waar = err.regel ? ` (regel ${err.regel}, kolom ${err.kolom})` : '';
    throw fault.envelop(`Bericht is geen goedgevormde XML${waar}`);
  }
  try {
    return readEnvelope(doc, endpoint);
  } catch (err) {
    // A refused envelope is done with: its document goes at once.
    doc.dispose();
    throw err;
  }
}

function readEnvelope(doc: XmlDocument, endpoint: string): Envelope {
  const root = doc.root;
  if (root.name !== 'Envelope') throw fault.envelop('Bericht is geen SOAP Envelope', root.name);
  const rootNs = nsOf(root);
  if (rootNs === NS.soap12) throw fault.versie();
  if (rootNs !== NS.soap11) throw fault.envelop('Bericht is geen SOAP 1.1 Envelope', 'Envelope');

  const parts = elementChildren(root, 'Envelope');
  let header: Element | undefined;
  let bodyEl: Element | undefined;
  if (parts.length === 2 && isSoap(parts[0]!, 'Header') && isSoap(parts[1]!, 'Body')) [header, bodyEl] = parts;
  else if (parts.length === 1 && isSoap(parts[0]!, 'Body')) [bodyEl] = parts;
  else throw fault.envelop('Envelope moet een optionele Header en een Body bevatten', 'Envelope');

  const bodyChildren = elementChildren(bodyEl!, 'Body');
  if (bodyChildren.length !== 1) throw fault.envelop('Body moet precies één element bevatten', 'Body');

  const headers = header ? elementChildren(header, 'Header') : [];
  const messageId = headers.find((h) => h.name === 'MessageID' && nsOf(h) === NS.wsa)?.content.trim() || undefined;
  // A MessageID is an absolute URI of at most 255 characters; anything else is not echoed back.
  if (messageId !== undefined && (messageId.length > 255 || !/^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/.test(messageId))) {
    throw fault.messageIdOngeldig();
  }
  try {
    return readHeaders(doc, headers, bodyChildren[0]!, messageId, endpoint);
  } catch (err) {
    // Faults about the headers still relate to the request's MessageID when it has one.
    if (err instanceof SoapFault && messageId) err.relatesTo = messageId;
    throw err;
  }
}

function readHeaders(doc: XmlDocument, headers: Element[], body: Element, messageId: string | undefined, endpoint: string): Envelope {
  const wsa = new Map<string, Element>();
  for (const h of headers) {
    const name = h.name;
    if (nsOf(h) === NS.wsa) {
      if (wsa.has(name)) throw fault.envelop(`WS-Addressing header ${name} komt meer dan eens voor`, name);
      wsa.set(name, h);
    } else if (mustUnderstand(h)) {
      throw fault.onverwachteHeader(name);
    }
  }

  const to = wsa.get('To')?.content.trim();
  if (!to) throw fault.geenTo();
  if (!sameAddress(to, endpoint)) throw fault.anderTo();
  const action = wsa.get('Action')?.content.trim();
  if (!action) throw fault.geenAction();
  if (!messageId) throw fault.geenMessageId();
  for (const name of ['ReplyTo', 'FaultTo']) {
    const el = wsa.get(name);
    if (el && address(el, name) !== ANONYMOUS) throw fault.nietAnoniem(name);
  }
  const fromEl = wsa.get('From');
  const from = fromEl ? address(fromEl, 'From') : undefined;

  let vrijgegeven = false;
  return {
    to,
    action,
    messageId,
    ...(from ? { from } : {}),
    bodyName: body.name,
    body: () => {
      if (vrijgegeven) throw new EnvelopeVrijgegeven();
      return body;
    },
    release: () => {
      if (vrijgegeven) return;
      vrijgegeven = true;
      doc.dispose();
    },
  };
}

/** The wsa:Address of an endpoint reference (From, ReplyTo, FaultTo). */
function address(ref: Element, where: string): string | undefined {
  return elementChildren(ref, where).find((c) => c.name === 'Address' && nsOf(c) === NS.wsa)?.content.trim();
}

/** The endpoint's own address, parsed once (it is the same for every request of a pipeline). */
let endpointUrl: { readonly endpoint: string; readonly url: URL | undefined } | undefined;

/** Two absolute URLs name the same endpoint: scheme and host case-insensitive, default port implied, path exact. */
function sameAddress(to: string, endpoint: string): boolean {
  if (endpointUrl?.endpoint !== endpoint) endpointUrl = { endpoint, url: URL.canParse(endpoint) ? new URL(endpoint) : undefined };
  const b = endpointUrl.url;
  if (!b || !URL.canParse(to)) return false;
  const a = new URL(to);
  return a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname && a.search === b.search;
}

export function nsOf(el: Element): string | undefined {
  return el.namespaceUri || undefined;
}

function isSoap(el: Element, name: string): boolean {
  return el.name === name && nsOf(el) === NS.soap11;
}

function mustUnderstand(el: Element): boolean {
  const attr = el.attrs.find((a) => a.name === 'mustUnderstand' && a.namespaceUri === NS.soap11);
  const value = attr?.value.trim();
  return value === '1' || value === 'true';
}

/** The element children; text other than white space is refused (fault 0001). */
export function elementChildren(el: Element, where: string): Element[] {
  if (heeftTekst(el)) throw fault.envelop(`Tekst is niet toegestaan in ${where}`, where);
  return kindElementen(el);
}
