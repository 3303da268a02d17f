/**
 * The XPath subset SAT's cadena-original stylesheets use in `select` and `test`: location paths made of
 * `.`, `prefix:Name`, `*` and a final `@Name`, joined by `/` (child) or `//` (descendant), optionally
 * absolute (`/cfdi:Comprobante`). Anything else (predicates, functions, axes, unions) is refused, so
 * the compiler cannot silently mistranslate a stylesheet.
 */

export type Step =
  | { axis: 'child' | 'descendant'; prefix: string; local: string } // local '*' = any element
  | { axis: 'attribute'; local: string };

export interface SelectPath {
  absolute: boolean;
  /** Empty for `.` (the context node itself) and for `/` (the document). */
  steps: Step[];
}

export class UnsupportedXPathError extends Error {}

const QNAME = /^(?:([A-Za-z_][\w.-]*):)?([A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF-]*|\*)$/;
const ATTRIBUTE = /^@([A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF-]*)$/;

export function parseSelectPath(source: string): SelectPath {
  const text = source.trim();
  if (text === '') throw new UnsupportedXPathError('empty path');
  const absolute = text.startsWith('/') && !text.startsWith('//');
  const body = absolute ? text.slice(1) : text;
  const steps: Step[] = [];
  let axis: 'child' | 'descendant' = 'child';
  // Split on '/' keeping empty pieces: an empty piece between two slashes means '//'.
  const pieces = body === '' ? [] : body.split('/');
  for (let i = 0; i < pieces.length; i++) {
    const piece = (pieces[i] as string).trim();
    if (piece === '') {
      if (i === 0 || axis === 'descendant') throw new UnsupportedXPathError(`unsupported path: ${source}`);
      axis = 'descendant';
      continue;
    }
    if (piece === '.') {
      if (axis === 'descendant') throw new UnsupportedXPathError(`unsupported path: ${source}`);
      continue;
    }
    const attribute = ATTRIBUTE.exec(piece);
    if (attribute) {
      if (i !== pieces.length - 1 || axis === 'descendant') {
        throw new UnsupportedXPathError(`attribute step must be last: ${source}`);
      }
      steps.push({ axis: 'attribute', local: attribute[1] as string });
      continue;
    }
    const name = QNAME.exec(piece);
    if (!name) throw new UnsupportedXPathError(`unsupported step "${piece}" in ${source}`);
    steps.push({ axis, prefix: name[1] ?? '', local: name[2] as string });
    axis = 'child';
  }
  if (axis === 'descendant') throw new UnsupportedXPathError(`path ends in //: ${source}`);
  checkDescendantIsLastElementStep(steps, source);
  return { absolute, steps };
}

/**
 * A descendant step may only be the last element step: after it, context nodes can nest inside each
 * other and a plain walk would no longer yield document order.
 */
function checkDescendantIsLastElementStep(steps: Step[], source: string): void {
  const firstDescendant = steps.findIndex((s) => s.axis === 'descendant');
  if (firstDescendant === -1) return;
  for (let i = firstDescendant + 1; i < steps.length; i++) {
    if ((steps[i] as Step).axis !== 'attribute') {
      throw new UnsupportedXPathError(`only the last element step may be //: ${source}`);
    }
  }
}

/** Canonical text of a path (`@Version`, `cfdi:Impuestos/cfdi:Traslados`, `.//cfdi:Parte`, `/`). */
export function formatSelectPath(path: SelectPath): string {
  let out = path.absolute ? '/' : '';
  path.steps.forEach((step, i) => {
    if (step.axis === 'descendant') out += i === 0 ? './/' : '//';
    else if (i > 0) out += '/';
    out +=
      step.axis === 'attribute'
        ? `@${step.local}`
        : step.prefix
          ? `${step.prefix}:${step.local}`
          : step.local;
  });
  return out === '' ? '.' : out;
}
