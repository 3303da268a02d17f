/**
 * Exact decimal arithmetic for the CFDI engine's hot path: a value is a bigint counting 10^-12 units
 * (pico-units), so "116.50" is 116_500_000_000_000n. Every amount and quantity in a CFDI has at most 6
 * decimals, so sums are exact and so is the product of two of them (6 + 6 decimals); `times` refuses a
 * product that would not be. Rounding follows SAT (half up, i.e. half away from zero, like decimal.js's
 * ROUND_HALF_UP). Floats never take part. The Decimal-based API in decimal.ts stays for everything else.
 */

export type Fixed = bigint;

/** Decimals a Fixed carries. */
export const SCALE = 12;

const POW10: bigint[] = Array.from({ length: 2 * SCALE + 1 }, (_, i) => 10n ** BigInt(i));

/** 10^n as a bigint, for n in 0..24. */
export function pow10(n: number): bigint {
  return POW10[n] ?? 10n ** BigInt(n);
}

export const ONE: Fixed = POW10[SCALE] as bigint;

/** A plain decimal string ("116.5", "-0.160000", "7"; at most 12 decimals) as a Fixed. */
export function fixed(text: string): Fixed {
  return scaled(text, SCALE);
}

/** A plain decimal string with at most `scale` decimals as an integer count of 10^-scale. */
export function scaled(text: string, scale: number): bigint {
  // Up to 15 digits fit a double exactly: read them as a number, no string slicing.
  if (text.length <= 15) {
    let digits = 0;
    let decimals = -1;
    let i = 0;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 46 && decimals === -1) decimals = 0;
      else if (c >= 48 && c <= 57) {
        digits = digits * 10 + (c - 48);
        if (decimals !== -1) decimals++;
      } else break;
    }
    if (i === text.length && i > 0 && decimals !== 0 && decimals <= scale) {
      return BigInt(digits) * pow10(scale - (decimals === -1 ? 0 : decimals));
    }
  }
  const dot = text.indexOf('.');
  if (dot === -1) return BigInt(text) * pow10(scale);
  const decimals = text.length - dot - 1;
  if (decimals > scale) throw new RangeError(`${text} has more than ${scale} decimals`);
  return BigInt(text.slice(0, dot) + text.slice(dot + 1)) * pow10(scale - decimals);
}

/** One unit in the last place for `decimals` places: 0.01 for 2, 1 for 0. */
export function unitOf(decimals: number): Fixed {
  return pow10(SCALE - decimals);
}

export type Rounding = 'half-up' | 'down' | 'up';

/** Rounds to `decimals` places: half up (SAT), down (toward zero) or up (away from zero). */
export function round(value: Fixed, decimals: number, mode: Rounding = 'half-up'): Fixed {
  return roundAt(value, SCALE, decimals, mode);
}

/** a x b (exact, 24 decimals) rounded to `decimals` places. */
export function roundProduct(a: Fixed, b: Fixed, decimals: number, mode: Rounding = 'half-up'): Fixed {
  return roundAt(a * b, 2 * SCALE, decimals, mode) / ONE;
}

function roundAt(value: bigint, scale: number, decimals: number, mode: Rounding): bigint {
  const step = pow10(scale - decimals);
  const rest = value % step;
  if (rest === 0n) return value;
  const truncated = value - rest;
  if (mode === 'down') return truncated;
  const away = value < 0n ? truncated - step : truncated + step;
  if (mode === 'up') return away;
  const twice = rest < 0n ? -2n * rest : 2n * rest;
  return twice >= step ? away : truncated;
}

/** a x b, exact (throws RangeError when the product needs more than 12 decimals). */
export function times(a: Fixed, b: Fixed): Fixed {
  const product = a * b;
  if (product % ONE !== 0n) throw new RangeError('inexact fixed-point product');
  return product / ONE;
}

/** a / b rounded half up to `decimals` places. */
export function divide(a: Fixed, b: Fixed, decimals: number): Fixed {
  const numerator = a * pow10(decimals);
  let quotient = numerator / b;
  const rest = numerator % b;
  if (rest !== 0n) {
    const twice = rest < 0n ? -2n * rest : 2n * rest;
    if (twice >= (b < 0n ? -b : b)) quotient += numerator < 0n !== b < 0n ? -1n : 1n;
  }
  return quotient * pow10(SCALE - decimals);
}

export function abs(value: Fixed): Fixed {
  return value < 0n ? -value : value;
}

/** Decimals needed to write `value` exactly (trailing zeros do not count): 1.50 -> 1. */
export function decimalPlaces(value: Fixed): number {
  let places = SCALE;
  let rest = value < 0n ? -value : value;
  if (rest % ONE === 0n) return 0;
  while (rest % 10n === 0n) {
    rest /= 10n;
    places--;
  }
  return places;
}

/** `value` rounded half up and written with exactly `decimals` places; never "-0.00". */
export function toFixed(value: Fixed, decimals: number): string {
  const rounded = round(value, decimals) / pow10(SCALE - decimals);
  const negative = rounded < 0n;
  const digits = (negative ? -rounded : rounded).toString();
  const sign = negative ? '-' : '';
  if (decimals === 0) return sign + digits;
  const padded = digits.padStart(decimals + 1, '0');
  return `${sign}${padded.slice(0, -decimals)}.${padded.slice(-decimals)}`;
}

/** The shortest plain string of `value` ("0.16", "3", "-2.5"), as Decimal#toFixed() writes it. */
export function toPlain(value: Fixed): string {
  return toFixed(value, decimalPlaces(value));
}
