/**
 * Field builders for the invoice request schema. Every problem they find becomes a zod issue carrying
 * our stable code and the es-MX / English message in `params`, which `issues.ts` turns into ErrorDetail.
 */
import { z } from 'zod';
import { Dec } from '../../money/decimal.js';
import { countDecimals } from '../../money/format.js';
import { decimalReadMessage, readDecimal } from '../../money/parse-decimal.js';

export interface IssueParams {
  code: string;
  messageEn: string;
}

type Ctx = z.RefinementCtx;

export function addIssue(ctx: Ctx, code: string, es: string, en: string, path?: (string | number)[]): void {
  ctx.addIssue({
    code: 'custom',
    message: es,
    params: { code, messageEn: en } satisfies IssueParams,
    ...(path ? { path } : {}),
  });
}

/** A non-empty trimmed string of at most `max` characters. */
export function text(max: number) {
  return z.string().trim().min(1).max(max);
}

/** A trimmed string matching `pattern` (after `normalize`), with a message saying what is expected. */
export function code(pattern: RegExp, expectedEs: string, expectedEn: string, normalize = (v: string) => v) {
  return z
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
  const maxDecimals = rule.maxDecimals ?? 6;
  return z.union([z.string(), z.number()]).transform((input, ctx) => {
    const read = readDecimal(input, false);
    if (!read.ok) {
      const { es, en } = decimalReadMessage(read.reason);
      addIssue(ctx, 'REQUEST_INVALID_DECIMAL', es, en);
      return z.NEVER;
    }
    const sign = signOf(read.text);
    if (rule.sign === 'positive' ? sign <= 0 : sign < 0) {
      const es = rule.sign === 'positive' ? 'debe ser mayor que cero' : 'no puede ser negativo';
      const en = rule.sign === 'positive' ? 'must be greater than zero' : 'must not be negative';
      addIssue(ctx, 'REQUEST_INVALID_DECIMAL', `${es} (recibido ${read.text})`, `${en} (got ${read.text})`);
      return z.NEVER;
    }
    if (countDecimals(read.text) > maxDecimals) {
      addIssue(
        ctx,
        'REQUEST_INVALID_DECIMAL',
        `admite como máximo ${maxDecimals} decimales (recibido ${read.text})`,
        `admits at most ${maxDecimals} decimals (got ${read.text})`,
      );
      return z.NEVER;
    }
    return canonical(read.text);
  });
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
