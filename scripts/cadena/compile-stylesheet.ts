/**
 * Compiles one of SAT's cadena-original stylesheets (with its includes) into a StylesheetSpec.
 * The entry file's templates must all compile; an included complement sheet that uses anything outside
 * the supported subset is refused as a whole and its namespaces are listed, so the runtime can refuse
 * those elements instead of producing a wrong cadena.
 */

import { UnsupportedXPathError } from '../../core/src/cfdi/cadena/select-path.js';
import type { Instruction, Refusal, StylesheetSpec } from '../../core/src/cfdi/cadena/spec.js';
import { compileBody, UnsupportedXsltError } from './compile-instructions.js';
import { checkNamedTemplate } from './named-templates.js';
import type { PrefixTable } from './prefix-table.js';
import { loadStylesheet, type TopLevel, XSL } from './read-xslt.js';

interface MatchTemplate {
  key: string;
  top: TopLevel;
}

export function compileStylesheet(entry: string, base: string, prefixes: PrefixTable): StylesheetSpec {
  const loaded = loadStylesheet(entry, base);
  const entryFile = loaded.files[0]?.file as string;
  const winners = new Map<string, MatchTemplate>();
  const overridden: StylesheetSpec['overridden'] = [];
  const badFiles = new Map<string, string>();
  const namespacesOf = new Map<string, Set<string>>();

  for (const top of loaded.topLevel) {
    const el = top.element;
    if (el.ns !== XSL) throw new Error(`${top.file}: top-level <${el.local}> is not XSLT`);
    if (el.local === 'output') {
      if (el.attrs.method !== 'text') throw new Error(`${top.file}: xsl:output method must be text`);
      continue;
    }
    if (el.local !== 'template') throw new Error(`${top.file}: top-level xsl:${el.local} is not supported`);
    if (el.attrs.name !== undefined) {
      checkNamedTemplate(el, top.file);
      continue;
    }
    const match = matchKey(el.attrs.match ?? '', el.scope, prefixes);
    if (!match || Object.keys(el.attrs).length !== 1) {
      badFiles.set(top.file, `unsupported template match="${el.attrs.match}"`);
      continue;
    }
    if (match.uri) namespacesOf.set(top.file, (namespacesOf.get(top.file) ?? new Set()).add(match.uri));
    const previous = winners.get(match.key);
    if (previous) overridden.push({ match: match.key, file: previous.top.file });
    winners.set(match.key, { key: match.key, top });
  }

  const compiled = new Map<string, Instruction[]>();
  for (const template of winners.values()) {
    if (badFiles.has(template.top.file)) continue;
    try {
      compiled.set(template.key, compileBody(template.top.element.children, prefixes));
    } catch (error) {
      if (!(error instanceof UnsupportedXsltError || error instanceof UnsupportedXPathError)) throw error;
      badFiles.set(template.top.file, `${template.key}: ${error.message}`);
    }
  }
  if (badFiles.has(entryFile)) throw new Error(`${entryFile} must compile: ${badFiles.get(entryFile)}`);

  const refused: Refusal[] = [];
  for (const [file, reason] of badFiles) {
    refused.push({ file, namespaces: [...(namespacesOf.get(file) ?? [])].sort(), reason });
  }

  const templates: Record<string, Instruction[]> = {};
  for (const template of winners.values()) {
    const body = compiled.get(template.key);
    if (body && !badFiles.has(template.top.file)) templates[template.key] = body;
  }
  return { sources: loaded.files, templates, refused, overridden };
}

const QNAME_PATTERN = /^([A-Za-z_][\w.-]*):([A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF-]*)$/;

/** `/` or `prefix:Local` (rewritten with the canonical prefix); anything else is not supported. */
function matchKey(
  match: string,
  scope: Record<string, string>,
  prefixes: PrefixTable,
): { key: string; uri: string | undefined } | undefined {
  const text = match.trim();
  if (text === '/') return { key: '/', uri: undefined };
  const qname = QNAME_PATTERN.exec(text);
  if (!qname) return undefined;
  const uri = scope[qname[1] as string];
  if (uri === undefined) return undefined;
  return { key: `${prefixes.prefixFor(uri, qname[1] as string)}:${qname[2]}`, uri };
}
