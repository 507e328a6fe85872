/**
 * The validated request as a plain object: element local name -> text, or a nested object for an
 * element with children; a repeated element becomes an array. The XSD already fixed the
 * structure, so operations read it with the small helpers below.
 */
import { kindElementen, tekstVanElement, type XmlElement } from './libxml2.js';

export type XmlNode = string | XmlObject;
export interface XmlObject {
  [name: string]: XmlNode | XmlNode[];
}

/** Reads the whole tree under `el` at once, so that the document can be disposed right after. */
export function toObject(el: XmlElement): XmlObject {
  return objectVan(kindElementen(el));
}

function objectVan(elementen: readonly XmlElement[]): XmlObject {
  const out: XmlObject = {};
  for (const child of elementen) {
    const kinderen = kindElementen(child);
    const value: XmlNode = kinderen.length > 0 ? objectVan(kinderen) : tekstVanElement(child);
    const name = child.name;
    const existing = out[name];
    if (existing === undefined) out[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[name] = [existing, value];
  }
  return out;
}

/**
 * Trims XML white space only (space, tab, CR, LF), as the XSD's whitespace facet does: a
 * non-breaking or ideographic space is part of the value, so " B" padded with one is no "B".
 */
export function xmlTrim(text: string): string {
  return text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
}

/** The text of a single child element, trimmed; undefined when absent. */
export function tekst(obj: XmlObject, name: string): string | undefined {
  const v = obj[name];
  return tekstVan(Array.isArray(v) ? v[0] : v);
}

/**
 * The children of a single child element that is a group (Pip, Uren): {} when it is absent or
 * empty, so that each of its fields reads as left out.
 */
export function groep(obj: XmlObject, name: string): XmlObject {
  const v = obj[name];
  const node = Array.isArray(v) ? v[0] : v;
  return typeof node === 'object' ? node : {};
}

/** Every occurrence of a repeating child element, in document order; [] when absent. */
export function lijst(obj: XmlObject, name: string): XmlNode[] {
  const v = obj[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** The text of a leaf node, trimmed; an element with children has none. */
export function tekstVan(node: XmlNode | undefined): string | undefined {
  return typeof node === 'string' ? xmlTrim(node) : undefined;
}
