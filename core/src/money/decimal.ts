/**
 * The one Decimal configuration for money and quantities. A dedicated clone, so nothing else in the
 * process can change its settings: 64 significant digits (amounts of 18 integer digits and 6 decimals
 * multiply exactly) and ROUND_HALF_UP, the rounding SAT applies. Values never print in exponent form.
 */
import { Decimal } from 'decimal.js';

export const Dec: Decimal.Constructor = Decimal.clone({
  precision: 64,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -64,
  toExpPos: 64,
});

/** An instance of Dec (same shape as decimal.js's Decimal). */
export type Dec = Decimal;

export const ZERO: Dec = new Dec(0);

/** Rounds half up to `decimals` places (SAT's rounding). */
export function roundTo(value: Dec, decimals: number): Dec {
  return value.toDecimalPlaces(decimals, Dec.ROUND_HALF_UP);
}

/** Truncates toward zero to `decimals` places. */
export function truncateTo(value: Dec, decimals: number): Dec {
  return value.toDecimalPlaces(decimals, Dec.ROUND_DOWN);
}

/** Rounds away from zero ("hacia arriba") to `decimals` places. */
export function roundUpTo(value: Dec, decimals: number): Dec {
  return value.toDecimalPlaces(decimals, Dec.ROUND_UP);
}

/** One unit in the last place for `decimals` places: 0.01 for 2, 1 for 0. */
export function unitOf(decimals: number): Dec {
  return UNITS[decimals] ?? new Dec(`1e-${decimals}`);
}

const UNITS: Dec[] = [0, 1, 2, 3, 4, 5, 6].map((d) => new Dec(`1e-${d}`));
