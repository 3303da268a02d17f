/**
 * Field builders for the invoice request schema. Every problem they find becomes a zod issue carrying
 * our stable code and the es-MX / English message in `params`, which `issues.ts` turns into ErrorDetail.
 * Each builder also registers a plain reader of the same rule for the fast path (fast-path.ts).
 */
import { z } from 'zod';
import { Dec } from '../../money/decimal.js';
import { countDecimals } from '../../money/format.js';
import { decimalReadMessage, readDecimal } from '../../money/parse-decimal.js';

export interface IssueParams {
  code: string;
  messageEn: string;
}

/** Where cross-field checks report: a zod refinement context, or the fast path's "something is wrong". */
export type IssueSink = Pick<z.RefinementCtx, 'addIssue'>;

/** What a field reader returns for a value it cannot accept as is (zod then says why). */
export const FAIL: unique symbol = Symbol('fail');
/** A value as the field's schema would output it, or FAIL. */
export type FieldReader = (value: unknown) => unknown;

const readers = new WeakMap<z.ZodType, FieldReader>();

/** Registers the plain reader of a field schema whose rule lives in a transform or a refinement. */
export function withReader<T extends z.ZodType>(schema: T, read: FieldReader): T {
  readers.set(schema, read);
  return schema;
}

export function readerOf(schema: z.ZodType): FieldReader | undefined {
  return readers.get(schema);
}

export function addIssue(
  ctx: IssueSink,
  code: string,
  es: string,
  en: string,
  path?: (string | number)[],
): void {
  ctx.addIssue({
    code: 'custom',
    message: es,
    params: { code, messageEn: en } satisfies IssueParams,
    ...(path ? { path } : {}),
  });
}

/** A non-empty trimmed string of at most `max` characters. */
export function text(max: number) {
  return withReader(z.string().trim().min(1).max(max), (value) => {
    if (typeof value !== 'string') return FAIL;
    const trimmed = value.trim();
    return trimmed.length >= 1 && trimmed.length <= max ? trimmed : FAIL;
  });
}

/** A trimmed string matching `pattern` (after `normalize`), with a message saying what is expected. */
export function code(pattern: RegExp, expectedEs: string, expectedEn: string, normalize = (v: string) => v) {
  const schema = z
    .string()
    .trim()
    .transform((value, ctx) => {
      const v = normalize(value);
      if (v === '') {
        addIssue(
          ctx,
          'REQUEST_REQUIRED',
          `está vacío; se espera ${expectedEs}`,
          `is empty; expected ${expectedEn}`,
        );
        return z.NEVER;
      }
      if (!pattern.test(v)) {
        addIssue(
          ctx,
          'REQUEST_INVALID_VALUE',
          `"${value}" no es válido; se espera ${expectedEs}`,
          `"${value}" is invalid; expected ${expectedEn}`,
        );
        return z.NEVER;
      }
      return v;
    });
  return withReader(schema, (value) => {
    if (typeof value !== 'string') return FAIL;
    const v = normalize(value.trim());
    return v !== '' && pattern.test(v) ? v : FAIL;
  });
}

export const upper = (v: string) => v.toUpperCase();

export interface DecimalRule {
  /** 'positive': > 0; 'non-negative': >= 0. */
  sign: 'positive' | 'non-negative';
  /** Most decimals allowed (SAT's t_Importe admits 6). */
  maxDecimals?: number;
}

/**
 * A decimal given as a string or a JS number (read through String(n)); the output is its canonical plain
 * string. Floats never take part in arithmetic.
 */
export function decimal(rule: DecimalRule) {
  const schema = z.union([z.string(), z.number()]).transform((input, ctx) => {
    const read = readRequestDecimal(input, rule);
    if (read.ok) return read.value;
    addIssue(ctx, 'REQUEST_INVALID_DECIMAL', read.es, read.en);
    return z.NEVER;
  });
  return withReader(schema, (input) => {
    if (typeof input !== 'string' && typeof input !== 'number') return FAIL;
    const read = readRequestDecimal(input, rule);
    return read.ok ? read.value : FAIL;
  });
}

type RequestDecimal = { ok: true; value: string } | { ok: false; es: string; en: string };

/** A request decimal checked against `rule`: its canonical string, or what is wrong in es-MX and English. */
function readRequestDecimal(input: string | number, rule: DecimalRule): RequestDecimal {
  const maxDecimals = rule.maxDecimals ?? 6;
  if (typeof input === 'string') {
    const plain = plainDecimal(input, maxDecimals);
    if (plain !== undefined && (plain.nonZero || rule.sign === 'non-negative'))
      return { ok: true, value: plain.text };
  }
  const read = readDecimal(input, false);
  if (!read.ok) return { ok: false, ...decimalReadMessage(read.reason) };
  const sign = signOf(read.text);
  if (rule.sign === 'positive' ? sign <= 0 : sign < 0) {
    const es = rule.sign === 'positive' ? 'debe ser mayor que cero' : 'no puede ser negativo';
    const en = rule.sign === 'positive' ? 'must be greater than zero' : 'must not be negative';
    return { ok: false, es: `${es} (recibido ${read.text})`, en: `${en} (got ${read.text})` };
  }
  if (countDecimals(read.text) > maxDecimals) {
    return {
      ok: false,
      es: `admite como máximo ${maxDecimals} decimales (recibido ${read.text})`,
      en: `admits at most ${maxDecimals} decimals (got ${read.text})`,
    };
  }
  return { ok: true, value: canonical(read.text) };
}

/**
 * The common case in one pass: digits with an optional point and digits ("116.00", "0.16"), no sign, no
 * spaces, at most `maxDecimals` decimals. Returns its canonical text and whether it is non-zero, or
 * undefined for anything else (the general path then reads it and says what is wrong).
 */
function plainDecimal(text: string, maxDecimals: number): { text: string; nonZero: boolean } | undefined {
  let dot = -1;
  let nonZero = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (dot !== -1 || i === 0 || i === text.length - 1) return undefined;
      dot = i;
    } else if (c < 48 || c > 57) return undefined;
    else if (c !== 48) nonZero = true;
  }
  if (text.length === 0 || (dot !== -1 && text.length - dot - 1 > maxDecimals)) return undefined;
  const leadingZero = text.charCodeAt(0) === 48 && (dot === -1 ? text.length > 1 : dot > 1);
  return { text: leadingZero ? canonical(text) : text, nonZero };
}

/** -1, 0 or 1 for a plain decimal string (/^-?\d+(\.\d+)?$/): string work, no Decimal on the hot path. */
function signOf(text: string): -1 | 0 | 1 {
  if (!/[1-9]/.test(text)) return 0;
  return text.startsWith('-') ? -1 : 1;
}

/** The plain string of a non-negative decimal: no leading zeros, the decimals it was written with. */
function canonical(text: string): string {
  const plain = text.startsWith('-') ? text.slice(1) : text;
  const dot = plain.indexOf('.');
  const integer = (dot < 0 ? plain : plain.slice(0, dot)).replace(/^0+(?=\d)/, '');
  return dot < 0 ? integer : `${integer}${plain.slice(dot)}`;
}

export { Dec };
