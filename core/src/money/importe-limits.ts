/**
 * SAT's tolerance for computed amounts (Anexo 20 standard; Guía de llenado 4.0, FAQ 41). A value written
 * with d decimals stands for anything within half a unit of its last place, so the amount derived from it
 * may lie anywhere in [lower, upper]:
 *   tax Importe (CFDI40180, 40186): lower = (Base - 10^-d/2) x TasaOCuota, truncated;
 *                                    upper = (Base + 10^-d/2 - 10^-12) x TasaOCuota, rounded up;
 *   concept Importe (CFDI40167):   lower = (Cantidad - 10^-dc/2) x (ValorUnitario - 10^-dv/2), truncated;
 *                                    upper = (Cantidad + 10^-dc/2 - 10^-12) x (ValorUnitario + 10^-dv/2 - 10^-12),
 *                                    rounded up;
 * truncation and rounding up are to the decimals the Importe is written with. Worked example:
 * 924.224956 -> lower 924.22, upper 924.23. Negative lower limits are taken as zero.
 */
import { Dec, roundUpTo, truncateTo, ZERO } from './decimal.js';
import { type Fixed, pow10, roundProduct, SCALE } from './fixed-point.js';

export interface Limits {
  lower: Dec;
  upper: Dec;
}

const EPSILON = new Dec('1e-12');

function halfUnit(decimals: number): Dec {
  return new Dec(`5e-${decimals + 1}`);
}

function clampAtZero(value: Dec): Dec {
  return value.isNegative() ? ZERO : value;
}

/** Limits of a tax Importe for `base` (written with `decimalsOfBase`) and `rate` (TasaOCuota). */
export function importeLimits(
  base: Dec | string,
  rate: Dec | string,
  decimalsOfBase: number,
  decimalsOfImporte: number,
): Limits {
  const b = new Dec(base);
  const r = new Dec(rate);
  const half = halfUnit(decimalsOfBase);
  return {
    lower: clampAtZero(truncateTo(b.minus(half).times(r), decimalsOfImporte)),
    upper: roundUpTo(b.plus(half).minus(EPSILON).times(r), decimalsOfImporte),
  };
}

export interface FixedLimits {
  lower: Fixed;
  upper: Fixed;
}

/** `importeLimits` in fixed point (money/fixed-point.ts), for the engine's hot path; same values. */
export function fixedImporteLimits(
  base: Fixed,
  rate: Fixed,
  decimalsOfBase: number,
  decimalsOfImporte: number,
): FixedLimits {
  const half = 5n * pow10(SCALE - 1 - decimalsOfBase);
  const lower = roundProduct(base - half, rate, decimalsOfImporte, 'down');
  return {
    lower: lower < 0n ? 0n : lower,
    // - 10^-12 is one unit of a Fixed
    upper: roundProduct(base + half - 1n, rate, decimalsOfImporte, 'up'),
  };
}

/** Limits of a Concepto Importe for Cantidad x ValorUnitario, each with the decimals it is written with. */
export function conceptoImporteLimits(
  cantidad: Dec | string,
  valorUnitario: Dec | string,
  decimalsOfCantidad: number,
  decimalsOfValorUnitario: number,
  decimalsOfImporte: number,
): Limits {
  const q = new Dec(cantidad);
  const v = new Dec(valorUnitario);
  const hq = halfUnit(decimalsOfCantidad);
  const hv = halfUnit(decimalsOfValorUnitario);
  return {
    lower: clampAtZero(truncateTo(q.minus(hq).times(v.minus(hv)), decimalsOfImporte)),
    upper: roundUpTo(q.plus(hq).minus(EPSILON).times(v.plus(hv).minus(EPSILON)), decimalsOfImporte),
  };
}

/** lower <= value <= upper. */
export function isWithinLimits(value: Dec | string, limits: Limits): boolean {
  const v = new Dec(value);
  return v.gte(limits.lower) && v.lte(limits.upper);
}
