/**
 * Turns a compiled stylesheet of the spec into closures, once, so producing a cadena is a plain walk:
 * no XSLT engine and no re-reading of the spec per document.
 */
import { XmlError } from '../../errors.js';
import type { XmlElement } from '../../xml/tree.js';
import { compileAttributeRun, simpleAttribute } from './attribute-run.js';
import { compileEach, compileFirst, compileValue } from './evaluate-path.js';
import { normalizeSpace } from './normalize-space.js';
import type { Instruction, StylesheetSpec } from './spec.js';

export interface Run {
  out: string;
  document: XmlElement;
}

type Step = (node: XmlElement, run: Run) => void;
type Template = Step;

export interface Program {
  /** Applies templates to `node` (XSLT apply-templates on one node). */
  apply: (node: XmlElement, run: Run) => void;
}

/** The document node XSLT's `/` refers to, wrapping the element the cadena is built from. */
const DOCUMENT_NS = '#document';

/** Runs the stylesheet over a document whose root element is `root`; returns the text output. */
export function runProgram(program: Program, root: XmlElement): string {
  const document: XmlElement = {
    name: DOCUMENT_NS,
    local: DOCUMENT_NS,
    ns: DOCUMENT_NS,
    attrs: {},
    children: [root],
  };
  const run: Run = { out: '', document };
  program.apply(document, run);
  return run.out;
}

export function compileProgram(sheet: StylesheetSpec, namespaces: Record<string, string>): Program {
  const byNs = new Map<string, Map<string, Template>>();
  const refused = new Map<string, string>();
  for (const refusal of sheet.refused) for (const ns of refusal.namespaces) refused.set(ns, refusal.file);

  const apply = (node: XmlElement, run: Run): void => {
    const template = byNs.get(node.ns)?.get(node.local);
    if (template) template(node, run);
    else builtIn(node, refused);
  };

  const compileBody = (body: Instruction[]): Step => {
    const steps: Step[] = [];
    for (let i = 0; i < body.length; ) {
      const fields: { name: string; required: boolean }[] = [];
      for (let name = simpleAttribute(body[i] as Instruction); name !== undefined; ) {
        fields.push({ name, required: (body[i] as Instruction)[0] === 'R' });
        i++;
        name = i < body.length ? simpleAttribute(body[i] as Instruction) : undefined;
      }
      if (fields.length > 0) steps.push(compileAttributeRun(fields));
      else steps.push(compileInstruction(body[i++] as Instruction));
    }
    if (steps.length === 1) return steps[0] as Step;
    return (node, run) => {
      for (let i = 0; i < steps.length; i++) (steps[i] as Step)(node, run);
    };
  };

  const compileInstruction = (instruction: Instruction): Step => {
    switch (instruction[0]) {
      case 'T': {
        const text = instruction[1];
        return (_node, run) => {
          run.out += text;
        };
      }
      case 'R':
      case 'O':
        return compileAttributeOrValue(instruction[0] === 'R', instruction[1], namespaces);
      case 'A': {
        if (instruction[1] === '.') return apply;
        const each = compileEach<Run>(instruction[1], namespaces);
        return (node, run) => each(node, run.document, run, apply);
      }
      case 'F': {
        const each = compileEach<Run>(instruction[1], namespaces);
        const body = compileBody(instruction[2]);
        return (node, run) => each(node, run.document, run, body);
      }
      case 'I': {
        const test = instruction[1];
        const body = compileBody(instruction[2]);
        if (typeof test === 'string') {
          const first = compileFirst(test, namespaces);
          return (node, run) => {
            if (first(node, run.document) !== undefined) body(node, run);
          };
        }
        const value = compileValue(test[0], namespaces);
        const literal = test[1];
        // XPath 1.0: node-set = 'literal' compares the string value of the first node; empty is false.
        return (node, run) => {
          if (value(node, run.document) === literal) body(node, run);
        };
      }
    }
  };

  for (const [match, body] of Object.entries(sheet.templates)) {
    const colon = match.indexOf(':');
    const ns = match === '/' ? DOCUMENT_NS : namespaces[match.slice(0, colon)];
    if (ns === undefined) throw new Error(`spec template ${match} has an unknown prefix`);
    const local = match === '/' ? DOCUMENT_NS : match.slice(colon + 1);
    const locals = byNs.get(ns) ?? new Map<string, Template>();
    locals.set(local, compileBody(body));
    byNs.set(ns, locals);
  }
  return { apply };
}

/**
 * Requerido (`|` + normalize-space(string(path)), `|` alone when nothing is selected) and Opcional
 * (nothing when nothing is selected), for paths other than a plain `@Name` (see attribute-run.ts).
 */
function compileAttributeOrValue(required: boolean, path: string, namespaces: Record<string, string>): Step {
  const value = compileValue(path, namespaces);
  if (required) {
    return (node, run) => {
      run.out += '|' + normalizeSpace(value(node, run.document) ?? '');
    };
  }
  return (node, run) => {
    const v = value(node, run.document);
    if (v !== undefined) run.out += '|' + normalizeSpace(v);
  };
}

/**
 * XSLT's built-in rule for an element no template matches outputs its text descendants. An empty
 * element (e.g. tfd:TimbreFiscalDigital inside cfdi:Complemento) contributes nothing; anything else
 * is refused, because a cadena that silently skips data is worse than an error.
 */
function builtIn(node: XmlElement, refused: Map<string, string>): void {
  const refusedBy = refused.get(node.ns);
  if (refusedBy !== undefined) {
    throw new XmlError({
      code: 'CADENA_COMPLEMENT_UNSUPPORTED',
      message: `El complemento ${node.name} (${node.ns}) no está soportado para generar la cadena original.`,
      messageEn: `Complement ${node.name} (${node.ns}) is not supported for the cadena original (${refusedBy}).`,
    });
  }
  if (node.children.length === 0 && node.text === undefined) return;
  throw new XmlError({
    code: 'CADENA_UNKNOWN_NODE',
    message: `El nodo ${node.name} (${node.ns || 'sin espacio de nombres'}) no pertenece a ningún complemento que SAT incluya en la cadena original del CFDI 4.0; quítelo o muévalo a la Addenda.`,
    messageEn: `Node ${node.name} (${node.ns || 'no namespace'}) belongs to no complement SAT's CFDI 4.0 cadena original includes; remove it or move it into the Addenda.`,
  });
}
