/**
 * Translates the body of one XSLT template into spec instructions (see core/src/cfdi/cadena/spec.ts).
 * Only the constructs SAT's cadena-original sheets use are accepted; anything else throws
 * UnsupportedXsltError so the caller can refuse the whole file instead of guessing.
 */

import { formatSelectPath, parseSelectPath } from '../../core/src/cfdi/cadena/select-path.js';
import type { Instruction, Test } from '../../core/src/cfdi/cadena/spec.js';
import type { PrefixTable } from './prefix-table.js';
import { XSL, type XsltElement, type XsltNode } from './read-xslt.js';

export class UnsupportedXsltError extends Error {}

/** Named templates a body may call, with the instruction each call becomes. */
const CALLS: Record<string, 'R' | 'O'> = { Requerido: 'R', Opcional: 'O' };

export function compileBody(nodes: XsltNode[], prefixes: PrefixTable): Instruction[] {
  const out: Instruction[] = [];
  for (const node of nodes) {
    if (node.kind === 'text') {
      // XSLT strips whitespace-only text nodes of the stylesheet; other text is output verbatim.
      if (node.value.trim() !== '') out.push(['T', node.value]);
      continue;
    }
    out.push(compileInstruction(node, prefixes));
  }
  return out;
}

function compileInstruction(el: XsltElement, prefixes: PrefixTable): Instruction {
  if (el.ns !== XSL) throw new UnsupportedXsltError(`literal result element <${el.local}>`);
  switch (el.local) {
    case 'call-template': {
      onlyAttributes(el, ['name']);
      const kind = CALLS[el.attrs.name ?? ''];
      if (!kind) throw new UnsupportedXsltError(`call-template ${el.attrs.name}`);
      const params = elementsOf(el);
      const param = params[0];
      if (params.length !== 1 || param?.local !== 'with-param' || param.attrs.name !== 'valor') {
        throw new UnsupportedXsltError(`call-template ${el.attrs.name} without a single with-param valor`);
      }
      onlyAttributes(param, ['name', 'select']);
      if (elementsOf(param).length > 0) throw new UnsupportedXsltError('with-param with content');
      return [kind, path(param, 'select', prefixes)];
    }
    case 'apply-templates':
      onlyAttributes(el, ['select']);
      if (elementsOf(el).length > 0)
        throw new UnsupportedXsltError('apply-templates with sort or with-param');
      return ['A', path(el, 'select', prefixes)];
    case 'for-each': {
      onlyAttributes(el, ['select']);
      const body = compileBody(el.children, prefixes);
      return ['F', path(el, 'select', prefixes), body];
    }
    case 'if': {
      onlyAttributes(el, ['test']);
      return ['I', test(el, prefixes), compileBody(el.children, prefixes)];
    }
    default:
      throw new UnsupportedXsltError(`xsl:${el.local}`);
  }
}

function elementsOf(el: XsltElement): XsltElement[] {
  const elements: XsltElement[] = [];
  for (const child of el.children) {
    if (child.kind === 'element') elements.push(child);
    else if (child.value.trim() !== '') throw new UnsupportedXsltError(`text inside xsl:${el.local}`);
  }
  for (const child of elements) {
    if (child.ns === XSL && child.local === 'sort') throw new UnsupportedXsltError('xsl:sort');
  }
  return elements;
}

function onlyAttributes(el: XsltElement, allowed: string[]): void {
  for (const name of Object.keys(el.attrs)) {
    if (!allowed.includes(name)) throw new UnsupportedXsltError(`xsl:${el.local} @${name}`);
  }
  for (const name of allowed) {
    if (el.attrs[name] === undefined) throw new UnsupportedXsltError(`xsl:${el.local} without @${name}`);
  }
}

function path(el: XsltElement, attribute: string, prefixes: PrefixTable): string {
  return canonicalPath(el.attrs[attribute] as string, el.scope, prefixes);
}

/** Re-writes a path with the spec's canonical prefixes (each resolved in the element's own scope). */
export function canonicalPath(source: string, scope: Record<string, string>, prefixes: PrefixTable): string {
  if (source.includes('$')) throw new UnsupportedXsltError(`variable in ${source}`);
  const parsed = parseSelectPath(source);
  for (const step of parsed.steps) {
    if (step.axis === 'attribute' || (step.local === '*' && step.prefix === '')) continue;
    if (step.prefix === '') throw new UnsupportedXsltError(`unprefixed element name in ${source}`);
    const uri = scope[step.prefix];
    if (uri === undefined) throw new UnsupportedXsltError(`unbound prefix ${step.prefix} in ${source}`);
    step.prefix = prefixes.prefixFor(uri, step.prefix);
  }
  return formatSelectPath(parsed);
}

const EQUALS_LITERAL = /^(.+?)\s*=\s*(?:'([^']*)'|"([^"]*)")$/s;

function test(el: XsltElement, prefixes: PrefixTable): Test {
  const source = (el.attrs.test as string).trim();
  const equals = EQUALS_LITERAL.exec(source);
  if (equals) {
    const literal = equals[2] ?? equals[3] ?? '';
    return [canonicalPath(equals[1] as string, el.scope, prefixes), literal];
  }
  return canonicalPath(source, el.scope, prefixes);
}
