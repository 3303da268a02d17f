/**
 * Decimal values as they arrive in requests: a decimal string ("116.00") or a JS number. A number is
 * read through its shortest string form (String(n)), never by arithmetic on the float, so 0.1 is
 * exactly 0.1. NaN, Infinity and exponent forms ("1e3", 1e21, 1e-7) are refused: write the digits.
 */
import { ValidationError } from '../errors.js';
import { Dec } from './decimal.js';

const PLAIN = /^-?\d+(\.\d+)?$/;

export type DecimalReadFailure = 'type' | 'empty' | 'not-finite' | 'exponent' | 'format';

export type DecimalRead =
  | { ok: true; value: Dec; text: string }
  | { ok: false; reason: DecimalReadFailure; text?: string };

export type DecimalReadText =
  | { ok: true; text: string }
  | { ok: false; reason: DecimalReadFailure; text?: string };

/**
 * Reads a request decimal without throwing; `text` is the plain string it was read from. With
 * `withValue` false the Decimal is not built (`value` is then undefined: callers that only need the text).
 */
export function readDecimal(input: unknown, withValue: false): DecimalReadText;
export function readDecimal(input: unknown, withValue?: true): DecimalRead;
export function readDecimal(input: unknown, withValue = true): DecimalRead | DecimalReadText {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, reason: 'not-finite' };
    text = String(input);
  } else if (typeof input === 'string') {
    text = input.trim();
    if (text === '') return { ok: false, reason: 'empty' };
  } else {
    return { ok: false, reason: 'type' };
  }
  if (PLAIN.test(text)) return withValue ? { ok: true, value: new Dec(text), text } : { ok: true, text };
  if (/^-?(\d+\.?\d*|\.\d+)e[+-]?\d+$/i.test(text)) return { ok: false, reason: 'exponent', text };
  if (/^[+-]?(NaN|Infinity)$/.test(text)) return { ok: false, reason: 'not-finite', text };
  return { ok: false, reason: 'format', text };
}

const REASONS: Record<DecimalReadFailure, [es: string, en: string]> = {
  type: [
    'debe ser un número decimal escrito como texto, p. ej. "116.00"',
    'must be a decimal string, e.g. "116.00"',
  ],
  empty: ['está vacío; escribe un número, p. ej. "116.00"', 'is empty; write a number, e.g. "116.00"'],
  'not-finite': ['no es un número finito (NaN o Infinity)', 'is not a finite number (NaN or Infinity)'],
  exponent: [
    'está en notación exponencial; escribe todos los dígitos, p. ej. "1000000" en vez de "1e6"',
    'uses exponent notation; write all the digits, e.g. "1000000" instead of "1e6"',
  ],
  format: [
    'no es un número decimal; usa dígitos y punto decimal, sin comas ni símbolos, p. ej. "1234.50"',
    'is not a decimal number; use digits and a decimal point, no commas or symbols, e.g. "1234.50"',
  ],
};

/** es-MX and English explanations of a failed read, to follow the field's name. */
export function decimalReadMessage(reason: DecimalReadFailure): { es: string; en: string } {
  const [es, en] = REASONS[reason];
  return { es, en };
}

/** Reads a request decimal or throws ValidationError REQUEST_INVALID_DECIMAL naming `path`. */
export function parseDecimal(input: unknown, path = 'value'): Dec {
  const read = readDecimal(input);
  if (read.ok) return read.value;
  const { es, en } = decimalReadMessage(read.reason);
  const message = `El campo ${path} ${es}.`;
  const messageEn = `Field ${path} ${en}.`;
  throw new ValidationError({
    code: 'REQUEST_INVALID_DECIMAL',
    message,
    messageEn,
    details: [{ code: 'REQUEST_INVALID_DECIMAL', message, messageEn, path }],
  });
}
