/**
 * Reads an XSLT file into a mixed-content tree (elements and text in document order, namespace
 * scope resolved per element) and expands xsl:include in place. Build-time only.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { SaxesParser, type SaxesTagNS } from 'saxes';

export const XSL = 'http://www.w3.org/1999/XSL/Transform';

export interface XsltElement {
  kind: 'element';
  ns: string;
  local: string;
  attrs: Record<string, string>;
  /** In-scope namespace bindings, prefix -> URI. */
  scope: Record<string, string>;
  children: XsltNode[];
}

export type XsltNode = XsltElement | { kind: 'text'; value: string };

/** A top-level instruction of a stylesheet (after include expansion) and the file it came from. */
export interface TopLevel {
  element: XsltElement;
  file: string;
}

export interface LoadedStylesheet {
  topLevel: TopLevel[];
  /** Every file read, in include order, with its sha256. */
  files: { file: string; sha256: string }[];
}

export function readXsltFile(path: string): XsltElement {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XsltElement[] = [];
  let root: XsltElement | undefined;
  parser.on('error', (error) => {
    throw new Error(`${path}: ${error.message}`);
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const parent = stack[stack.length - 1];
    const attrs: Record<string, string> = {};
    for (const [name, attr] of Object.entries(tag.attributes)) attrs[name] = attr.value;
    const scope = { ...(parent?.scope ?? { xml: 'http://www.w3.org/XML/1998/namespace' }), ...tag.ns };
    const element: XsltElement = {
      kind: 'element',
      ns: tag.uri,
      local: tag.local,
      attrs,
      scope,
      children: [],
    };
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  const onText = (value: string) => stack[stack.length - 1]?.children.push({ kind: 'text', value });
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => stack.pop());
  parser.write(readFileSync(path, 'utf8')).close();
  if (!root) throw new Error(`${path}: empty document`);
  return root;
}

/** Loads a stylesheet and its includes; `base` is the folder file names are reported relative to. */
export function loadStylesheet(path: string, base: string): LoadedStylesheet {
  const result: LoadedStylesheet = { topLevel: [], files: [] };
  expand(resolve(path), base, result);
  return result;
}

function expand(path: string, base: string, into: LoadedStylesheet): void {
  const file = relative(base, path).split('\\').join('/');
  if (into.files.some((f) => f.file === file)) throw new Error(`${file} is included twice`);
  const bytes = readFileSync(path);
  into.files.push({ file, sha256: createHash('sha256').update(bytes).digest('hex') });
  const root = readXsltFile(path);
  if (root.ns !== XSL || (root.local !== 'stylesheet' && root.local !== 'transform')) {
    throw new Error(`${file} is not an XSLT stylesheet`);
  }
  for (const child of root.children) {
    if (child.kind === 'text') {
      if (child.value.trim() !== '') throw new Error(`${file}: text outside templates`);
      continue;
    }
    if (child.ns === XSL && (child.local === 'include' || child.local === 'import')) {
      if (child.local === 'import') throw new Error(`${file}: xsl:import is not supported`);
      expand(resolve(dirname(path), child.attrs.href as string), base, into);
      continue;
    }
    into.topLevel.push({ element: child, file });
  }
}
