/**
 * XML text -> XmlElement tree (strict, namespace aware), built on saxes.
 * CFDI are UTF-8: a Buffer is decoded as UTF-8 and a leading byte order mark is dropped.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { XmlError } from '../errors.js';
import type { XmlElement } from './tree.js';

const BOM = '\uFEFF';
/** Any character other than XML's four whitespace characters (a no-break space is content). */
const NOT_XML_SPACE = /[^ \t\r\n]/;

/** Parses a whole XML document. Throws XmlError `XML_MALFORMED` when it is not well-formed. */
export function parseXml(input: string | Buffer): XmlElement {
  let text = typeof input === 'string' ? input : input.toString('utf8');
  if (text.startsWith(BOM)) text = text.slice(1);
  try {
    return buildTree(text, false);
  } catch (error) {
    if (error instanceof XmlError) throw error;
    throw malformed(text, error);
  }
}

interface OpenElement {
  element: XmlElement;
  text: string;
}

function buildTree(text: string, position: boolean): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position });
  const stack: OpenElement[] = [];
  let root: XmlElement | undefined;

  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attrs: Record<string, string> = {};
    const source = tag.attributes;
    for (const name in source) attrs[name] = (source[name] as { value: string }).value;
    const element: XmlElement = { name: tag.name, local: tag.local, ns: tag.uri, attrs, children: [] };
    const parent = stack[stack.length - 1];
    if (parent === undefined) root = element;
    else parent.element.children.push(element);
    stack.push({ element, text: '' });
  });
  const onText = (data: string) => {
    const open = stack[stack.length - 1];
    if (open !== undefined) open.text += data;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const open = stack.pop();
    if (open !== undefined && NOT_XML_SPACE.test(open.text)) open.element.text = open.text;
  });

  parser.write(text).close();
  if (root === undefined) throw new Error('document must contain a root element.');
  return root;
}

/** Builds the XmlError, re-parsing with position tracking on to say where the document breaks. */
function malformed(text: string, cause: unknown): XmlError {
  let reason = cause instanceof Error ? cause.message : String(cause);
  try {
    buildTree(text, true);
  } catch (located) {
    if (located instanceof Error) reason = located.message;
  }
  const match = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s.exec(reason);
  const where = match ? { line: Number(match[1]), column: Number(match[2]) } : undefined;
  const detail = (match ? (match[3] as string) : reason).replace(/\.+$/, '');
  const at = where ? ` (línea ${where.line}, columna ${where.column})` : '';
  const atEn = where ? ` (line ${where.line}, column ${where.column})` : '';
  return new XmlError({
    code: 'XML_MALFORMED',
    message: `El XML no está bien formado${at}: ${detail}. Revise que el documento esté completo y sea XML válido en UTF-8.`,
    messageEn: `The XML is not well-formed${atEn}: ${detail}. Check that the document is complete, valid UTF-8 XML.`,
    cause,
  });
}
