/**
 * What the pipeline needs of libxml2 beyond libxmljs2 (native/libxml2): XSD schemas compiled once,
 * an element validated where it stands, and a request's document freed when the request is done.
 * The addon works on the documents libxmljs2 parsed, with the libxml2 inside libxmljs2's binary.
 */
import { createRequire } from 'node:module';
import libxml from 'libxmljs2';

/** A schema compiled by libxml2, alive as long as this object and the document it came from. */
export interface CompiledSchema {
  readonly __compiled: unique symbol;
}

interface Addon {
  bind(libxmljs2Binary: string): void;
  compile(schema: libxml.Document): CompiledSchema;
  validate(schema: CompiledSchema, element: libxml.Element): string | undefined;
  release(document: libxml.Document): void;
}

const require = createRequire(import.meta.url);
const addon = require('../../native/libxml2/build/Release/cvs_libxml2.node') as Addon;
// Importing libxmljs2 loaded its binary; the addon takes libxml2's functions from it.
const libxmljs2Binary = Object.keys(require.cache).find((file) => /[\\/]xmljs\.node$/.test(file));
if (!libxmljs2Binary) throw new Error('libxmljs2 binary not loaded');
addon.bind(libxmljs2Binary);

/** Compiles an XSD; keep `schema` alive as long as the result, which points into it. */
export function compileSchema(schema: libxml.Document): CompiledSchema {
  return addon.compile(schema);
}

/**
 * Validates `element` in place against `schema`; undefined when valid, else libxml2's first
 * message. The element must be the only element of its parent.
 */
export function validateElement(schema: CompiledSchema, element: libxml.Element): string | undefined {
  if (!(element instanceof libxml.Element)) throw new TypeError('a libxmljs2 Element is required');
  return addon.validate(schema, element);
}

/**
 * Frees the document's tree now. Every wrapper of its nodes (Element, Text, Attribute, Namespace)
 * is empty afterwards and must not be used again: call this only when nothing reads the document.
 */
export function releaseDocument(document: libxml.Document): void {
  addon.release(document);
}
