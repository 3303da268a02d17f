/**
 * Consecutive Requerido/Opcional calls on plain attributes of the context node (`@Name`), the bulk of
 * every cadena, fused into one step: one lookup per attribute and one append to the output.
 */
import type { XmlElement } from '../../xml/tree.js';
import { normalizeSpace } from './normalize-space.js';
import type { Instruction } from './spec.js';

const SIMPLE_ATTRIBUTE = /^@([^/]+)$/;

/** The attribute name when the instruction is R/O on `@Name` of the context node. */
export function simpleAttribute(instruction: Instruction): string | undefined {
  if (instruction[0] !== 'R' && instruction[0] !== 'O') return undefined;
  return SIMPLE_ATTRIBUTE.exec(instruction[1])?.[1];
}

/** Requerido writes `|` + value (`|` alone when absent); Opcional writes nothing when absent. */
export function compileAttributeRun(
  fields: { name: string; required: boolean }[],
): (node: XmlElement, run: { out: string }) => void {
  const names = fields.map((f) => f.name);
  const required = fields.map((f) => f.required);
  const count = names.length;
  return (node, run) => {
    const attrs = node.attrs;
    let out = '';
    for (let i = 0; i < count; i++) {
      const value = attrs[names[i] as string];
      if (typeof value === 'string') out += '|' + normalizeSpace(value);
      else if (required[i]) out += '|';
    }
    run.out += out;
  };
}
