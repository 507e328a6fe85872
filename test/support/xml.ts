/**
 * XML in the tests, read with libxml2-wasm as the gateway reads it: a document, its elements and
 * their texts by XPath, and the full schema (Wi2021_v1.xsd with its includes) to validate against.
 *
 * A libxml2-wasm node holds only a pointer into its document, not the document: once the document
 * object is collected, its FinalizationRegistry frees the tree under nodes a test may still read.
 * So every document parsed here stays referenced for the run; a test that parses many disposes them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { XmlBufferInputProvider, XmlDocument, XmlElement, xmlRegisterInputProvider, XsdValidator, type XmlNode } from 'libxml2-wasm';
import { ROOT } from '../../src/config.js';

export { XmlDocument, XmlElement };

export const XS = { xs: 'http://www.w3.org/2001/XMLSchema' };

const gelezen: XmlDocument[] = [];

export function leesXml(text: string): XmlDocument {
  const doc = XmlDocument.fromString(text);
  gelezen.push(doc);
  return doc;
}

const alsElement = (n: XmlNode | null): XmlElement | undefined => (n instanceof XmlElement ? n : undefined);

/** The first element at `xpath` under `node` (or in its document). */
export function element(node: XmlDocument | XmlNode, xpath: string, ns?: Record<string, string>): XmlElement | undefined {
  return alsElement(node.get(xpath, ns));
}

/** Every element at `xpath`. */
export function elementen(node: XmlDocument | XmlNode, xpath: string, ns?: Record<string, string>): XmlElement[] {
  return node.find(xpath, ns).filter((n): n is XmlElement => n instanceof XmlElement);
}

/** The text of the first node at `xpath`, or undefined. */
export function tekst(node: XmlDocument | XmlNode, xpath: string, ns?: Record<string, string>): string | undefined {
  return node.get(xpath, ns)?.content;
}

/** The texts of every node at `xpath`. */
export function teksten(node: XmlDocument | XmlNode, xpath: string, ns?: Record<string, string>): string[] {
  return node.find(xpath, ns).map((n) => n.content);
}

/** The element children of `el`. */
export function kinderen(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (let n = el.firstChild; n; n = n.next) if (n instanceof XmlElement) out.push(n);
  return out;
}

let volledig: XsdValidator | undefined;

/** xsd/Wi2021_v1.xsd as libxml2 reads it from the files, its includes followed (for the tests only). */
export function volledigSchema(): XsdValidator {
  if (!volledig) {
    const dir = `${ROOT}xsd/`;
    const bestanden = Object.fromEntries(readdirSync(dir).map((f) => [`${dir}${f}`, readFileSync(`${dir}${f}`)]));
    xmlRegisterInputProvider(new XmlBufferInputProvider(bestanden));
    const bron = XmlDocument.fromString(readFileSync(`${dir}Wi2021_v1.xsd`, 'utf8'), { url: `${dir}Wi2021_v1.xsd` });
    gelezen.push(bron);
    volledig = XsdValidator.fromDoc(bron);
  }
  return volledig;
}
