/**
 * The taxes of one line for a given Base (Importe - Descuento), all amounts with the currency's decimals.
 *
 * Representation: every concept amount (Importe, Descuento, Base, tax Importe) is written with the
 * currency's decimals. Rounding base x rate half up lands between floor and ceiling of the exact product,
 * both of which are always inside SAT's limits (see money/importe-limits.ts), and every summary value is
 * then an exact sum, so Total is exactly the sum of what each line charges (tax-included prices add up
 * to the cent). SAT's summary rule (CFDI40215/40221: round(sum of concept values)) holds trivially.
 *
 * IVA is charged on the price plus the IEPS trasladado of the same line (LIVA art. 18); retentions are
 * on the Base. Cuota: the Base is the units the cuota applies to (default the quantity).
 */
import { Dec, roundTo, roundUpTo, truncateTo, ZERO } from '../../money/decimal.js';
import { importeLimits } from '../../money/importe-limits.js';
import { IMPUESTO } from '../model.js';
import type { InvoiceTax } from '../request/schema.js';

export interface LineTax {
  /** Index in the item's `taxes`. */
  index: number;
  impuesto: string;
  factor: 'Tasa' | 'Cuota' | 'Exento';
  withholding: boolean;
  base: Dec;
  /** Decimals to write the Base with. */
  baseDecimals: number;
  rate?: Dec;
  /** Exact base x rate, before rounding. */
  exact?: Dec;
  importe?: Dec;
}

export function impuestoCode(type: InvoiceTax['type']): string {
  return IMPUESTO[type];
}

/**
 * How a computed tax Importe is rounded: half up (the default), or down / up to the currency's decimals,
 * or SAT's lower / upper limit itself (money/importe-limits.ts) — all inside SAT's limits — when a
 * tax-included price needs the line to land on an exact amount. The limits reach one unit beyond floor
 * and ceiling when base x rate is (nearly) exact, and further for a Tasa above 1 (IEPS 160%).
 */
export type TaxRounding = 'half-up' | 'down' | 'up' | 'lower' | 'upper';

const ROUNDERS: Record<'half-up' | 'down' | 'up', (value: Dec, decimals: number) => Dec> = {
  'half-up': roundTo,
  down: truncateTo,
  up: roundUpTo,
};

function rounded(line: LineTax, rate: Dec, decimals: number, rounding: TaxRounding): Dec {
  if (rounding === 'lower' || rounding === 'upper') {
    return importeLimits(line.base, rate, line.baseDecimals, decimals)[rounding];
  }
  return ROUNDERS[rounding](line.exact!, decimals);
}

const HALF_UP = (): TaxRounding => 'half-up';

export function lineTaxes(
  taxes: readonly InvoiceTax[],
  base: Dec,
  quantity: Dec,
  decimals: number,
  rounding: (index: number) => TaxRounding = HALF_UP,
): LineTax[] {
  const out: LineTax[] = [];
  let ieps = ZERO;
  // IEPS and ISR traslados first: IVA's base includes the IEPS of the line.
  for (let pass = 0; pass < 2; pass++) {
    taxes.forEach((tax, index) => {
      if (tax.withholding || (tax.type === 'IVA') !== (pass === 1)) return;
      const tBase = pass === 1 ? base.plus(ieps) : base;
      const line = oneTax(tax, index, tBase, quantity, decimals, rounding(index));
      if (tax.type === 'IEPS' && line.importe) ieps = ieps.plus(line.importe);
      out.push(line);
    });
  }
  taxes.forEach((tax, index) => {
    if (tax.withholding) out.push(oneTax(tax, index, base, quantity, decimals, rounding(index)));
  });
  return out;
}

function oneTax(
  tax: InvoiceTax,
  index: number,
  base: Dec,
  quantity: Dec,
  decimals: number,
  rounding: TaxRounding,
): LineTax {
  const line: LineTax = {
    index,
    impuesto: impuestoCode(tax.type),
    factor: tax.factor,
    withholding: tax.withholding,
    base,
    baseDecimals: decimals,
  };
  if (tax.factor === 'Exento' || tax.rate === undefined) return line;
  const rate = new Dec(tax.rate);
  if (tax.factor === 'Cuota') {
    line.base = tax.base === undefined ? quantity : new Dec(tax.base);
    line.baseDecimals = Math.max(decimals, line.base.decimalPlaces());
  }
  line.rate = rate;
  line.exact = line.base.times(rate);
  line.importe = tax.amount === undefined ? rounded(line, rate, decimals, rounding) : new Dec(tax.amount);
  return line;
}

/** What the line charges: Base + traslados - retenciones. */
export function paidFor(base: Dec, taxes: readonly LineTax[]): Dec {
  let paid = base;
  for (const tax of taxes) {
    if (!tax.importe) continue;
    paid = tax.withholding ? paid.minus(tax.importe) : paid.plus(tax.importe);
  }
  return paid;
}
