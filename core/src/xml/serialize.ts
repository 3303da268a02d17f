/**
 * XmlElement tree -> compact XML text (no indentation), attributes in the order of `attrs`.
 * Attribute values escape `&`, `<`, `>`, `"` and write tab, line feed and carriage return as character
 * references, so a parser's attribute-value normalisation gives back exactly the same string.
 */
import type { XmlElement } from './tree.js';

export interface SerializeOptions {
  /** Start with `<?xml version="1.0" encoding="UTF-8"?>` (default true). */
  declaration?: boolean;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

export function serializeXml(root: XmlElement, { declaration = true }: SerializeOptions = {}): string {
  const body = writeElement(root);
  return declaration ? XML_DECLARATION + body : body;
}

function writeElement(element: XmlElement): string {
  let out = `<${element.name}`;
  const attrs = element.attrs;
  for (const name in attrs) out += ` ${name}="${escapeAttribute(attrs[name] as string)}"`;
  const children = element.children;
  const text = element.text;
  if (children.length === 0 && (text === undefined || text === '')) return `${out}/>`;
  out += '>';
  if (text !== undefined) out += escapeText(text);
  for (let i = 0; i < children.length; i++) out += writeElement(children[i] as XmlElement);
  return `${out}</${element.name}>`;
}

const ATTRIBUTE_SPECIAL = /[&<>"\t\n\r]/;
const ATTRIBUTE_SPECIAL_ALL = /[&<>"\t\n\r]/g;
const TEXT_SPECIAL = /[&<>\r]/;
const TEXT_SPECIAL_ALL = /[&<>\r]/g;

const REPLACEMENTS: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

const replace = (char: string): string => REPLACEMENTS[char] as string;

/** Escapes an attribute value written between double quotes. */
export function escapeAttribute(value: string): string {
  return ATTRIBUTE_SPECIAL.test(value) ? value.replace(ATTRIBUTE_SPECIAL_ALL, replace) : value;
}

/** Escapes character data (a carriage return becomes `&#13;` so it is not normalised away). */
export function escapeText(value: string): string {
  return TEXT_SPECIAL.test(value) ? value.replace(TEXT_SPECIAL_ALL, replace) : value;
}
