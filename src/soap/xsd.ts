/**
 * Phase 4, validate: the Body element against the XSD, with libxml2.
 *
 * At start-up the schemas in xsd/ are sliced per operation: one small in-memory schema with only the
 * request element and the types it uses, without documentation. Validating against it accepts and
 * refuses exactly what the full schema does for that element (a test holds this).
 *
 * Each slice is compiled once, and the Body element is validated where it stands in the envelope
 * that was parsed once (libxml2.ts): no copy, no second parse, no compile per request.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fault, naam } from './fault.js';
import { compileSchema, kindElementen, parseXml, validateElement, type CompiledSchema, type XmlElement } from './libxml2.js';
import { NS } from './ns.js';

const XS = 'http://www.w3.org/2001/XMLSchema';
const COMPONENTS = ['element', 'complexType', 'simpleType', 'group', 'attributeGroup', 'attribute'] as const;
type Kind = (typeof COMPONENTS)[number];

export class RequestValidator {
  /** The compiled slice per request element, and its text. */
  private readonly schemas = new Map<string, { readonly tekst: string; readonly compiled: CompiledSchema }>();

  constructor(xsdDir: string, requestElements: readonly string[]) {
    const { components, documenten } = loadComponents(xsdDir);
    try {
      for (const name of requestElements) {
        const tekst = sliceSchema(components, [name]);
        this.schemas.set(name, { tekst, compiled: compileSchema(tekst) });
      }
    } finally {
      for (const doc of documenten) doc.dispose();
    }
  }

  /** The sliced schema text for a request element (for tests and documentation). */
  schemaFor(requestElement: string): string {
    const schema = this.schemas.get(requestElement);
    if (!schema) throw new Error(`no schema for ${requestElement}`);
    return schema.tekst;
  }

  /**
   * Validates `element` (which must be the request element `requestElement`) in place and returns
   * it. Throws fault 0004 naming the offending element; the fault never repeats a value from the
   * request.
   */
  validate(requestElement: string, element: XmlElement): XmlElement {
    const schema = this.schemas.get(requestElement);
    if (!schema) throw new Error(`no schema for ${requestElement}`);
    if (element.namespaceUri !== NS.ib || element.name !== requestElement) {
      throw fault.xsd(`Element ${naam(element.name)} wordt hier niet verwacht; verwacht is ${requestElement}`, naam(element.name));
    }
    const message = validateElement(schema.compiled, element);
    if (message !== undefined) throw toFault(message);
    return element;
  }
}

function toFault(message: string): Error {
  const gevonden = /Element '(?:\{[^}]*\})?([^']+)'/.exec(message)?.[1];
  const element = gevonden === undefined ? undefined : naam(gevonden);
  let omschrijving = 'Bericht voldoet niet aan het XSD';
  if (/This element is not expected/.test(message)) {
    const expected = /Expected is(?: one of)? \( ([^)]*) \)/.exec(message)?.[1];
    const names = expected
      ?.split(',')
      .map((s) => naam(s.trim().replace(/^\{[^}]*\}/, '')))
      .join(', ');
    omschrijving = names ? `Element ${element} wordt hier niet verwacht; verwacht is ${names}` : `Element ${element} wordt hier niet verwacht`;
  } else if (/Missing child element/.test(message)) {
    const expected = /Expected is(?: one of)? \( ([^)]*) \)/.exec(message)?.[1];
    const names = expected
      ?.split(',')
      .map((s) => naam(s.trim().replace(/^\{[^}]*\}/, '')))
      .join(', ');
    omschrijving = `Element ${element} mist een verplicht element${names ? `: ${names}` : ''}`;
  } else if (/facet|not a valid value|is not accepted/.test(message)) {
    omschrijving = `Waarde van element ${element} voldoet niet aan het XSD`;
  } else if (/No matching global declaration/.test(message)) {
    omschrijving = `Element ${element} is onbekend`;
  } else if (/specified by xsi:type/.test(message)) {
    // SOAP::Lite and other encoded-style clients send xsi:type="xsd:string" by default; a literal
    // element may only name its own type or one derived from it (docs/integrators.md
    // "When a stack's defaults break a call").
    omschrijving = `Element ${element} heeft een xsi:type dat niet van zijn type in het XSD is afgeleid; laat xsi:type weg`;
  } else if (/attribute/i.test(message)) {
    omschrijving = `Element ${element} heeft een attribuut dat niet is toegestaan`;
  } else if (/Character content|element-only/.test(message)) {
    omschrijving = `Element ${element} mag geen tekst bevatten`;
  } else if (element) {
    omschrijving = `Element ${element} voldoet niet aan het XSD`;
  }
  return fault.xsd(omschrijving, element);
}

type Components = Map<string, XmlElement>;

/**
 * Every global component of the schemas in xsdDir that share the contract's target namespace, with
 * its documentation removed, and the documents they stand in (to dispose once sliced).
 */
function loadComponents(xsdDir: string): { components: Components; documenten: Array<{ dispose(): void }> } {
  const components: Components = new Map();
  const documenten: Array<{ dispose(): void }> = [];
  for (const file of readdirSync(xsdDir).filter((f) => f.endsWith('.xsd'))) {
    const doc = parseXml(readFileSync(join(xsdDir, file), 'utf8'));
    documenten.push(doc);
    const root = doc.root;
    if (root.attr('targetNamespace')?.value !== NS.ib) continue;
    // Slices are re-assembled under the same declarations; hold the files to them.
    const declared = root.nsDeclarations;
    if (declared['xs'] !== XS || declared['ib'] !== NS.ib || declared[''] !== NS.ib) {
      throw new Error(`${file}: the slicer expects xmlns:xs="${XS}", xmlns:ib and xmlns="${NS.ib}"`);
    }
    for (const annotation of root.find('//xs:annotation', { xs: XS })) annotation.remove();
    for (const el of kindElementen(root)) {
      const kind = el.name as Kind;
      const name = el.attr('name')?.value;
      if (!COMPONENTS.includes(kind) || !name) continue;
      components.set(`${kindGroup(kind)}:${name}`, el);
    }
  }
  return { components, documenten };
}

/** complexType and simpleType share one symbol space. */
function kindGroup(kind: Kind): string {
  return kind === 'complexType' || kind === 'simpleType' ? 'type' : kind;
}

function sliceSchema(components: Components, roots: readonly string[]): string {
  const needed = new Map<string, XmlElement>();
  const visit = (key: string) => {
    if (needed.has(key)) return;
    const el = components.get(key);
    if (!el) throw new Error(`schema component ${key} not found`);
    needed.set(key, el);
    for (const ref of references(el)) visit(ref);
  };
  for (const root of roots) visit(`element:${root}`);
  const body = [...needed.values()].map((el) => el.toString()).join('');
  return `<xs:schema xmlns:xs="${XS}" xmlns:ib="${NS.ib}" xmlns="${NS.ib}" targetNamespace="${NS.ib}" elementFormDefault="qualified" attributeFormDefault="unqualified">${body}</xs:schema>`;
}

/** The components a component refers to: type, base, ref, itemType and memberTypes outside xs:. */
function references(el: XmlElement): string[] {
  const out: string[] = [];
  const nodes = [el, ...(el.find('.//*') as XmlElement[])];
  for (const node of nodes) {
    for (const attr of node.attrs) {
      const name = attr.name;
      if (!['type', 'base', 'ref', 'itemType', 'memberTypes'].includes(name)) continue;
      for (const qname of attr.value.trim().split(/\s+/)) {
        const [prefix, local] = qname.includes(':') ? qname.split(':') : ['', qname];
        if (prefix === 'xs') continue; // built-in types
        if (name === 'ref') out.push(`${kindGroup(node.name as Kind)}:${local}`);
        else out.push(`type:${local}`);
      }
    }
  }
  return out;
}
