/**
 * The request's fast path: reads a plainly valid request into exactly what `invoiceRequestSchema`
 * returns, without running zod (zod's pipes, unions and issue bookkeeping cost ~85 µs a request, this a
 * few). It is compiled once from the schema itself (field rules come from the readers the field builders
 * register, object shapes, enums, defaults and array minimums from the schema's definition), and the
 * checks across fields are the schema's own `checkRequest` and `withDefaults`, so there is one
 * definition of a valid request.
 *
 * Whatever it is not sure about (a wrong type, an unknown key, a key present with `undefined`, a value a
 * field refuses, any cross-field problem) makes it return undefined; the caller then runs the zod
 * schema, which reports every problem with its message.
 */
import type { z } from 'zod';
import { FAIL, type FieldReader, readerOf } from './fields.js';
import { baseSchema, checkRequest, type InvoiceRequest, withDefaults } from './schema.js';

type Field = { key: string; read: FieldReader } & (
  | { kind: 'required' }
  | { kind: 'optional' }
  | { kind: 'default'; value: unknown }
);

function compile(schema: z.core.$ZodType): FieldReader {
  const registered = readerOf(schema as z.ZodType);
  if (registered) return registered;
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  switch (def.type) {
    case 'enum': {
      const values = new Set<unknown>(Object.values(def.entries as Record<string, unknown>));
      return (value) => (values.has(value) ? value : FAIL);
    }
    case 'boolean':
      return (value) => (typeof value === 'boolean' ? value : FAIL);
    case 'array':
      return compileArray(schema as z.core.$ZodArray);
    case 'object':
      return compileObject(schema as z.core.$ZodObject);
    default:
      throw new Error(`The request fast path cannot read a zod ${def.type}; register a reader for it.`);
  }
}

function compileArray(schema: z.core.$ZodArray): FieldReader {
  let min = 0;
  for (const check of schema._zod.def.checks ?? []) {
    const checkDef = check._zod.def as { check: string; minimum?: number };
    if (checkDef.check !== 'min_length' || checkDef.minimum === undefined) {
      throw new Error(`The request fast path cannot apply the array check ${checkDef.check}.`);
    }
    min = checkDef.minimum;
  }
  const element = compile(schema._zod.def.element);
  return (value) => {
    if (!Array.isArray(value) || value.length < min) return FAIL;
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const read = element(value[i]);
      if (read === FAIL) return FAIL;
      out[i] = read;
    }
    return out;
  };
}

function compileObject(schema: z.core.$ZodObject): FieldReader {
  const def = schema._zod.def;
  if (def.catchall?._zod.def.type !== 'never') {
    throw new Error('The request fast path only reads strict objects.');
  }
  const fields: Field[] = Object.entries(def.shape).map(([key, field]) => {
    const fieldDef = field._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
    if (readerOf(field as z.ZodType) === undefined && fieldDef.type === 'optional') {
      return { key, kind: 'optional', read: compile(fieldDef.innerType as z.core.$ZodType) };
    }
    if (readerOf(field as z.ZodType) === undefined && fieldDef.type === 'default') {
      const value = fieldDef.defaultValue;
      if (typeof value === 'object' && value !== null) {
        throw new Error(`The request fast path only shares primitive defaults (${key}).`);
      }
      return { key, kind: 'default', value, read: compile(fieldDef.innerType as z.core.$ZodType) };
    }
    return { key, kind: 'required', read: compile(field) };
  });
  return objectReader(fields);
}

/**
 * The reader of one object shape, generated as straight-line code (as zod does for its own objects):
 * one pass over the input's keys (an unknown key, or one given as undefined, leaves the object to zod),
 * then each field read and stored in the schema's key order. Keys come from our own schema and are
 * quoted with JSON.stringify.
 */
function objectReader(fields: Field[]): FieldReader {
  const lines: string[] = [
    'if (typeof input !== "object" || input === null || Array.isArray(input)) return FAIL;',
    'const proto = Object.getPrototypeOf(input);',
    'if (proto !== Object.prototype && proto !== null) return FAIL;',
    `let ${fields.map((_, i) => `v${i}`).join(', ')};`,
    'for (const key in input) {',
    '  switch (key) {',
  ];
  fields.forEach((field, i) => {
    lines.push(
      `    case ${JSON.stringify(field.key)}: v${i} = input[key]; if (v${i} === undefined) return FAIL; break;`,
    );
  });
  lines.push('    default: return FAIL;', '  }', '}', 'const out = {};');
  fields.forEach((field, i) => {
    const store = `out[${JSON.stringify(field.key)}]`;
    if (field.kind === 'required') lines.push(`if (v${i} === undefined) return FAIL;`);
    else
      lines.push(
        `if (v${i} === undefined) {${field.kind === 'default' ? ` ${store} = defaults[${i}];` : ''} } else {`,
      );
    lines.push(`v${i} = readers[${i}](v${i});`, `if (v${i} === FAIL) return FAIL;`, `${store} = v${i};`);
    if (field.kind !== 'required') lines.push('}');
  });
  lines.push('return out;');
  const readers = fields.map((field) => field.read);
  const defaults = fields.map((field) => (field.kind === 'default' ? field.value : undefined));
  const make = new Function('readers', 'defaults', 'FAIL', `return (input) => {\n${lines.join('\n')}\n};`);
  return make(readers, defaults, FAIL) as FieldReader;
}

let readBase: FieldReader | undefined;

/** The cross-field checks' sink on the fast path: any issue sends the request to zod. */
const problems = {
  found: false,
  addIssue(): void {
    problems.found = true;
  },
};

/** The parsed request when `json` is plainly valid; undefined when zod must read it. */
export function readValidRequest(json: unknown): InvoiceRequest | undefined {
  readBase ??= compile(baseSchema);
  const base = readBase(json);
  if (base === FAIL) return undefined;
  const request = base as z.output<typeof baseSchema>;
  problems.found = false;
  checkRequest(request, problems);
  return problems.found ? undefined : withDefaults(request);
}
