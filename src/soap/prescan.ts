/**
 * Parser limits that hold under attack (the limits Apache CXF sets on its StAX reader), checked in
 * one linear pass over the text before libxml2 sees it. libxml2 parses many attributes in quadratic
 * time on the event loop: 23,000 attributes in 220 KB took over a second. Every limit is far above
 * any real request and settable; a message over one gets fault 0001 at once.
 *
 * The pass also refuses what is not one well-formed document: a NUL or other character XML does not
 * allow, and anything but white space, comments and processing instructions after the root element.
 */
import { fault } from './fault.js';

export interface ParserLimits {
  /** Attributes on one element (namespace declarations included). */
  readonly attributes: number;
  /** Characters in one attribute value. */
  readonly attributeLength: number;
  /** Nesting depth of elements. */
  readonly depth: number;
  /** Elements in the whole message. */
  readonly elements: number;
  /** Child elements of one element. */
  readonly children: number;
  /** Characters of one text run between tags. */
  readonly textLength: number;
  /** Characters of an element or attribute name. */
  readonly nameLength: number;
}

export const DEFAULT_LIMITS: ParserLimits = {
  attributes: 64,
  attributeLength: 2_048,
  depth: 32,
  elements: 10_000,
  children: 1_000,
  textLength: 65_536,
  nameLength: 256,
};

/** Characters XML 1.0 does not allow anywhere (C0 controls but tab, LF and CR; U+FFFE, U+FFFF). */
const VERBODEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function overschreden(wat: string): never {
  throw fault.envelop(`Bericht overschrijdt de grens voor ${wat}`);
}

/** Throws fault 0001 when `text` breaks a limit or is not one document; linear in its length. */
export function prescan(text: string, limits: ParserLimits = DEFAULT_LIMITS): void {
  if (VERBODEN.test(text)) throw fault.envelop('Bericht bevat een teken dat XML niet toestaat');
  const kinderen: number[] = [0];
  let elementen = 0;
  let rootGesloten = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf('<', i);
    const eind = lt < 0 ? n : lt;
    if (eind - i > limits.textLength) overschreden('de lengte van een tekst');
    if (rootGesloten && text.slice(i, eind).trim() !== '') throw fault.envelop('Na het einde van de Envelope mag alleen witruimte staan');
    if (lt < 0) break;
    const volgende = text.charCodeAt(lt + 1);
    if (volgende === 0x21 /* ! */) {
      // Comment or CDATA (a DOCTYPE was refused before this pass).
      const sluit = text.startsWith('<!--', lt) ? text.indexOf('-->', lt + 4) + 3 : text.indexOf(']]>', lt) + 3;
      if (sluit < 3) throw fault.envelop('Bericht is geen goedgevormde XML');
      if (sluit - lt > limits.textLength) overschreden('de lengte van een tekst');
      i = sluit;
      continue;
    }
    if (volgende === 0x3f /* ? */) {
      const sluit = text.indexOf('?>', lt + 2);
      if (sluit < 0) throw fault.envelop('Bericht is geen goedgevormde XML');
      i = sluit + 2;
      continue;
    }
    if (volgende === 0x2f /* / */) {
      const sluit = text.indexOf('>', lt + 2);
      if (sluit < 0) throw fault.envelop('Bericht is geen goedgevormde XML');
      if (sluit - lt - 2 > limits.nameLength) overschreden('de lengte van een naam');
      kinderen.pop();
      if (kinderen.length === 1) rootGesloten = true;
      i = sluit + 1;
      continue;
    }
    if (rootGesloten) throw fault.envelop('Na het einde van de Envelope mag alleen witruimte staan');
    // A start tag: its name, then attributes until > or />, quoted values skipped whole.
    let j = lt + 1;
    while (j < n && !/[\s/>]/.test(text[j]!)) j++;
    if (j - lt - 1 > limits.nameLength) overschreden('de lengte van een naam');
    let attributen = 0;
    let zelfsluitend = false;
    for (;;) {
      while (j < n && /\s/.test(text[j]!)) j++;
      if (j >= n) throw fault.envelop('Bericht is geen goedgevormde XML');
      const c = text[j]!;
      if (c === '>') break;
      if (c === '/' && text[j + 1] === '>') {
        zelfsluitend = true;
        j++;
        break;
      }
      const naamStart = j;
      while (j < n && !/[\s=/>]/.test(text[j]!)) j++;
      if (j - naamStart > limits.nameLength) overschreden('de lengte van een naam');
      if (++attributen > limits.attributes) overschreden('het aantal attributen van een element');
      while (j < n && /\s/.test(text[j]!)) j++;
      if (text[j] !== '=') throw fault.envelop('Bericht is geen goedgevormde XML');
      j++;
      while (j < n && /\s/.test(text[j]!)) j++;
      const quote = text[j];
      if (quote !== '"' && quote !== "'") throw fault.envelop('Bericht is geen goedgevormde XML');
      const sluit = text.indexOf(quote, j + 1);
      if (sluit < 0) throw fault.envelop('Bericht is geen goedgevormde XML');
      if (sluit - j - 1 > limits.attributeLength) overschreden('de lengte van een attribuut');
      j = sluit + 1;
    }
    if (++elementen > limits.elements) overschreden('het aantal elementen');
    const ouder = kinderen.length - 1;
    if (++kinderen[ouder]! > limits.children && ouder > 0) overschreden('het aantal kinderen van een element');
    if (ouder === 0 && kinderen[0]! > 1) throw fault.envelop('Bericht heeft meer dan één hoofdelement');
    if (!zelfsluitend) {
      kinderen.push(0);
      if (kinderen.length - 1 > limits.depth) overschreden('de diepte van het bericht');
    } else if (kinderen.length === 1) rootGesloten = true;
    i = j + 1;
  }
}
