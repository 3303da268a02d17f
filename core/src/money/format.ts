/** Decimal -> the exact string written in a CFDI. */
import { Dec } from './decimal.js';

/**
 * `value` rounded half up and written with exactly `decimals` places, never in exponent form and never
 * as "-0.00". formatFixed(new Dec('924.224956'), 2) === '924.22'.
 */
export function formatFixed(value: Dec, decimals: number): string {
  const text = value.toFixed(decimals, Dec.ROUND_HALF_UP);
  return text.startsWith('-') && /^-[0.]+$/.test(text) ? text.slice(1) : text;
}

/** How many decimals a plain decimal string is written with: '1.50' -> 2, '7' -> 0. */
export function countDecimals(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}
