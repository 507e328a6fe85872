/**
 * libxml2 for the pipeline, through libxml2-wasm: libxml2 compiled to WebAssembly, so no native code
 * is built at install and a misuse cannot crash the process. One parse per request, hardened; each
 * XSD compiled once; an element validated where it stands in the document; every document disposed
 * explicitly (`XmlDocument.dispose()`), since WebAssembly memory is not the garbage collector's.
 *
 * Nothing external is ever read: no input callbacks are registered (the WebAssembly module has no
 * file or network access of its own; libxml2's default file callbacks see only its empty in-memory
 * file system), a DOCTYPE is refused before the parser runs (envelope.ts), and the parse options
 * load no DTD and substitute no entities (XML_PARSE_NO_XXE, no XML_PARSE_NOENT or _DTDLOAD).
 */
import { createRequire } from 'node:module';
import { ParseOption, XmlCData, XmlDocument, XmlElement, XmlLibError, XmlText, XsdValidator } from 'libxml2-wasm';

export { XmlDocument, XmlElement };

/**
 * The libxml2 release inside each libxml2-wasm release (its git history: `libxml2` submodule). The
 * binding does not export libxml2's own version string, so it is looked up here; a test holds the
 * installed binding to this table and the libxml2 it names to a minimum.
 */
const LIBXML2_IN_BINDING: Readonly<Record<string, string>> = {
  '0.7.0': '2.15.1',
  '0.7.1': '2.15.1',
  '0.7.2': '2.15.1',
};

const bindingVersie = (createRequire(import.meta.url)('libxml2-wasm/package.json') as { version: string }).version;

/** What parses the requests: the binding's version and the libxml2 release it carries. */
export const LIBXML2 = { binding: `libxml2-wasm ${bindingVersie}`, versie: LIBXML2_IN_BINDING[bindingVersie] ?? 'onbekend' } as const;

/** No network, no external entities, no DTD; blank text between elements dropped (fewer nodes to walk). */
const PARSE_OPTIES = ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE | ParseOption.XML_PARSE_NOBLANKS;

/** A parse error: where libxml2 found the message not well-formed. */
export class GeenXml extends Error {
  constructor(
    readonly regel: number,
    readonly kolom: number,
  ) {
    super('not well-formed XML');
  }
}

/** Parses `text` with the hardened options; the caller disposes the document. */
export function parseXml(text: string): XmlDocument {
  try {
    return XmlDocument.fromString(text, { option: PARSE_OPTIES });
  } catch (err) {
    if (err instanceof XmlLibError) {
      const eerste = err.details[0];
      throw new GeenXml(eerste?.line ?? 0, eerste?.col ?? 0);
    }
    throw err;
  }
}

/** An XSD compiled once, with the document it was compiled from (kept alive as long as the schema). */
export interface CompiledSchema {
  readonly bron: XmlDocument;
  readonly validator: XsdValidator;
}

export function compileSchema(xsd: string): CompiledSchema {
  const bron = parseXml(xsd);
  return { bron, validator: XsdValidator.fromDoc(bron) };
}

/** Validates `element` where it stands against `schema`: undefined when valid, else libxml2's first message. */
export function validateElement(schema: CompiledSchema, element: XmlElement): string | undefined {
  try {
    schema.validator.validate(element);
    return undefined;
  } catch (err) {
    if (err instanceof XmlLibError) return err.details[0]?.message.trim() ?? err.message;
    throw err;
  }
}

/** The text of a leaf element (its text and CDATA), as the XML says it. */
export function tekstVanElement(el: XmlElement): string {
  return el.content;
}

/** The element children of `el`, in order. */
export function kindElementen(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (let node = el.firstChild; node; node = node.next) if (node instanceof XmlElement) out.push(node);
  return out;
}

/** Whether a text or CDATA child of `el` holds more than white space. */
export function heeftTekst(el: XmlElement): boolean {
  for (let node = el.firstChild; node; node = node.next) {
    if ((node instanceof XmlText || node instanceof XmlCData) && node.content.trim() !== '') return true;
  }
  return false;
}
