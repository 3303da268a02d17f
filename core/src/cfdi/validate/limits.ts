/**
 * Anexo 20 limits for amounts that come from a product (Cantidad x ValorUnitario, Base x TasaOCuota).
 * An amount is acceptable when lower <= amount <= upper, where each factor may be off by half a unit of
 * its last decimal: lower = (a - 10^-da/2)(b - 10^-db/2) truncated, upper = (a + 10^-da/2 - 10^-12)
 * (b + 10^-db/2 - 10^-12) rounded up, both to the decimals of the amount being checked. For concept taxes
 * only the Base varies (the rate is exact). Computed in exact integer arithmetic (bigint fixed point at
 * 7 decimals) because this runs for every concept of every invoice; the -10^-12 terms only matter when
 * the product lands exactly on the grid, where ceil gives the same result, so they are implicit.
 * (The compute helper's importeLimits was not available when this was written; this is our own.)
 */
import { scaled } from '../../money/fixed-point.js';
import { decimalPlaces } from './decimals.js';

const SCALE = 7;
const POW10: bigint[] = Array.from({ length: 40 }, (_, i) => 10n ** BigInt(i));

/** A decimal string (at most 6 decimals, checked by the caller) as an integer at `scale` decimals. */
function units(value: string, scale: number): bigint {
  return scaled(value, scale);
}

/** Half a unit of the last decimal of `value`, at SCALE decimals. */
function halfUnit(value: string): bigint {
  return 5n * (POW10[SCALE - 1 - decimalPlaces(value)] as bigint);
}

function floorDiv(a: bigint, b: bigint): bigint {
  return a < 0n ? -((-a + b - 1n) / b) : a / b;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return a < 0n ? -(-a / b) : (a + b - 1n) / b;
}

function format(v: bigint, decimals: number): string {
  if (decimals === 0) return v.toString();
  const s = v.toString().padStart(decimals + 1, '0');
  return `${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
}

export interface LimitCheck {
  ok: boolean;
  /** Exact product ('' when ok) and both limits, as decimal strings (for messages). */
  exact: string;
  lower: string;
  upper: string;
}

/** The answer of a check; its strings are only written when a message asks for them. */
class Checked implements LimitCheck {
  constructor(
    readonly ok: boolean,
    private readonly lowerUnits: bigint,
    private readonly upperUnits: bigint,
    private readonly decimals: number,
    private readonly exactUnits: bigint,
  ) {}

  get exact(): string {
    if (this.ok) return '';
    return format(this.exactUnits, 2 * SCALE)
      .replace(/(\.\d*?)0+$/, '$1')
      .replace(/\.$/, '');
  }

  get lower(): string {
    return format(this.lowerUnits, this.decimals);
  }

  get upper(): string {
    return format(this.upperUnits, this.decimals);
  }
}

/** lower = floor((a - ha) x (b - hb)), upper = ceil((a + ha) x (b + hb)) at the decimals of `amount`. */
function check(a: bigint, ha: bigint, b: bigint, hb: bigint, amount: string): LimitCheck {
  const d = decimalPlaces(amount);
  const div = POW10[2 * SCALE - d] as bigint;
  const lowerUnits = floorDiv((a - ha) * (b - hb), div);
  const lower = lowerUnits < 0n ? 0n : lowerUnits;
  const upper = ceilDiv((a + ha) * (b + hb), div);
  const value = units(amount, d);
  return new Checked(value >= lower && value <= upper, lower, upper, d, a * b);
}

/**
 * An amount that is the exact product rounded down or up to its own decimals is always inside the
 * limits (for x, y >= 0 the limits' products bracket x * y), so it is accepted without bigint work when
 * the digits fit a double exactly. Its limits are still there, computed if a caller reads them.
 */
class Accepted implements LimitCheck {
  readonly ok = true;
  readonly exact = '';
  #full: LimitCheck | undefined;

  constructor(private readonly full: () => LimitCheck) {}

  get lower(): string {
    this.#full ??= this.full();
    return this.#full.lower;
  }

  get upper(): string {
    this.#full ??= this.full();
    return this.#full.upper;
  }
}

const MAX_EXACT = Number.MAX_SAFE_INTEGER;
const POW10_NUMBER: number[] = Array.from({ length: 16 }, (_, i) => 10 ** i);

/** The digits of an unsigned plain decimal as a number (the point skipped); NaN past 15 digits or otherwise. */
function digitsOf(text: string): number {
  let value = 0;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) continue;
    if (c < 48 || c > 57 || ++count > 15) return Number.NaN;
    value = value * 10 + (c - 48);
  }
  return count === 0 ? Number.NaN : value;
}

/** Whether `amount` is x * y rounded down or up to the decimals `amount` is written with (exact doubles only). */
function roundsExactProduct(x: string, y: string, amount: string): boolean {
  const shift = decimalPlaces(x) + decimalPlaces(y) - decimalPlaces(amount);
  const step = POW10_NUMBER[shift];
  if (step === undefined) return false;
  const product = digitsOf(x) * digitsOf(y);
  const scaledAmount = digitsOf(amount) * step;
  // NaN fails both comparisons; past 2^53 a double is no longer exact.
  if (!(product <= MAX_EXACT && scaledAmount <= MAX_EXACT)) return false;
  return Math.abs(product - scaledAmount) < step;
}

/** Concepto Importe (CFDI40167) and Parte Importe (CFDI40198) against Cantidad x ValorUnitario. */
export function checkConceptoImporte(cantidad: string, valorUnitario: string, importe: string): LimitCheck {
  if (roundsExactProduct(cantidad, valorUnitario, importe)) {
    return new Accepted(() => conceptoLimits(cantidad, valorUnitario, importe));
  }
  return conceptoLimits(cantidad, valorUnitario, importe);
}

function conceptoLimits(cantidad: string, valorUnitario: string, importe: string): LimitCheck {
  return check(
    units(cantidad, SCALE),
    halfUnit(cantidad),
    units(valorUnitario, SCALE),
    halfUnit(valorUnitario),
    importe,
  );
}

/** Tax Importe (CFDI40180, CFDI40186) against Base x TasaOCuota. */
export function checkImpuestoImporte(base: string, tasaOCuota: string, importe: string): LimitCheck {
  if (roundsExactProduct(base, tasaOCuota, importe)) {
    return new Accepted(() => impuestoLimits(base, tasaOCuota, importe));
  }
  return impuestoLimits(base, tasaOCuota, importe);
}

function impuestoLimits(base: string, tasaOCuota: string, importe: string): LimitCheck {
  return check(units(base, SCALE), halfUnit(base), units(tasaOCuota, SCALE), 0n, importe);
}
