/**
 * Turns a select path of the spec into functions over XmlElement, built once per path:
 * - `each` visits the selected elements in document order (no intermediate arrays),
 * - `first` returns the first selected element,
 * - `value` returns the XPath string value of the first selected node (undefined when none).
 */
import type { XmlElement } from '../../xml/tree.js';
import { parseSelectPath, type Step } from './select-path.js';

export type Visit<R> = (node: XmlElement, run: R) => void;
export type Each<R> = (context: XmlElement, document: XmlElement, run: R, visit: Visit<R>) => void;
export type First = (context: XmlElement, document: XmlElement) => XmlElement | undefined;
export type Value = (context: XmlElement, document: XmlElement) => string | undefined;

type Match = (node: XmlElement) => boolean;

export function compileEach<R>(path: string, namespaces: Record<string, string>): Each<R> {
  const { absolute, steps } = elementSteps(path, namespaces);
  let chain = (node: XmlElement, run: R, visit: Visit<R>): void => visit(node, run);
  for (let i = steps.length - 1; i >= 0; i--) {
    const { match, descendant } = steps[i] as { match: Match; descendant: boolean };
    const next = chain;
    if (descendant) {
      const walk = (node: XmlElement, run: R, visit: Visit<R>): void => {
        for (const child of node.children) {
          if (match(child)) next(child, run, visit);
          walk(child, run, visit);
        }
      };
      chain = walk;
    } else {
      chain = (node, run, visit) => {
        const children = node.children;
        for (let c = 0; c < children.length; c++) {
          const child = children[c] as XmlElement;
          if (match(child)) next(child, run, visit);
        }
      };
    }
  }
  const start = chain;
  return absolute
    ? (_c, document, run, visit) => start(document, run, visit)
    : (c, _d, run, visit) => start(c, run, visit);
}

export function compileFirst(path: string, namespaces: Record<string, string>): First {
  const { absolute, steps } = elementSteps(path, namespaces);
  let chain = (node: XmlElement): XmlElement | undefined => node;
  for (let i = steps.length - 1; i >= 0; i--) {
    const { match, descendant } = steps[i] as { match: Match; descendant: boolean };
    const next = chain;
    const search = (node: XmlElement): XmlElement | undefined => {
      for (const child of node.children) {
        const found = (match(child) ? next(child) : undefined) ?? (descendant ? search(child) : undefined);
        if (found !== undefined) return found;
      }
      return undefined;
    };
    chain = search;
  }
  const start = chain;
  return absolute ? (_c, document) => start(document) : (context) => start(context);
}

export function compileValue(path: string, namespaces: Record<string, string>): Value {
  const parsed = parseSelectPath(path);
  const last = parsed.steps[parsed.steps.length - 1];
  if (last?.axis !== 'attribute') {
    const first = compileFirst(path, namespaces);
    return (context, document) => {
      const node = first(context, document);
      return node === undefined ? undefined : stringValue(node);
    };
  }
  const name = last.local;
  const owner = parsed.steps.length === 1 && !parsed.absolute ? undefined : ownerPath(path);
  if (owner === undefined) return (context) => attribute(context, name);
  // The first attribute in document order among all owners that have it.
  const each = compileEach<{ value: string | undefined }>(owner, namespaces);
  return (context, document) => {
    const found = { value: undefined as string | undefined };
    each(context, document, found, (node, f) => {
      if (f.value === undefined) f.value = attribute(node, name);
    });
    return found.value;
  };
}

/** Attribute value by (unprefixed) name; own string properties only. */
export function attribute(node: XmlElement, name: string): string | undefined {
  const value = node.attrs[name];
  return typeof value === 'string' ? value : undefined;
}

/** The path without its final `/@Name`. */
function ownerPath(path: string): string {
  const owner = path.slice(0, path.lastIndexOf('@')).replace(/\/$/, '');
  return owner === '' ? '.' : owner;
}

function elementSteps(path: string, namespaces: Record<string, string>) {
  const parsed = parseSelectPath(path);
  const steps = parsed.steps.map((step) => ({
    match: matcher(step, namespaces, path),
    descendant: step.axis === 'descendant',
  }));
  return { absolute: parsed.absolute, steps };
}

function matcher(step: Step, namespaces: Record<string, string>, path: string): Match {
  if (step.axis === 'attribute') throw new Error(`${path} selects attributes, not elements`);
  if (step.local === '*' && step.prefix === '') return () => true;
  const ns = step.prefix === '' ? '' : namespaces[step.prefix];
  if (ns === undefined) throw new Error(`unknown prefix ${step.prefix} in ${path}`);
  if (step.local === '*') return (node) => node.ns === ns;
  const local = step.local;
  return (node) => node.local === local && node.ns === ns;
}

/**
 * XPath string value of an element: its character data followed by its children's. Exact for the
 * leaf elements SAT's sheets read (detallista); XmlElement keeps no interleaving of mixed content.
 */
export function stringValue(node: XmlElement): string {
  let value = node.text ?? '';
  for (const child of node.children) value += stringValue(child);
  return value;
}
