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
 * Amounts are exact fixed-point values (money/fixed-point.ts).
 */
import { decimalPlaces, type Fixed, fixed, round, times } from '../../money/fixed-point.js';
import { fixedImporteLimits } from '../../money/importe-limits.js';
import { IMPUESTO } from '../model.js';
import type { InvoiceTax } from '../request/schema.js';

export interface LineTax {
  /** Index in the item's `taxes`. */
  index: number;
  impuesto: string;
  factor: 'Tasa' | 'Cuota' | 'Exento';
  withholding: boolean;
  base: Fixed;
  /** Decimals to write the Base with. */
  baseDecimals: number;
  rate?: Fixed;
  /** Exact base x rate, before rounding. */
  exact?: Fixed;
  importe?: Fixed;
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

function rounded(line: LineTax, rate: Fixed, decimals: number, rounding: TaxRounding): Fixed {
  if (rounding === 'lower' || rounding === 'upper') {
    return fixedImporteLimits(line.base, rate, line.baseDecimals, decimals)[rounding];
  }
  return round(line.exact!, decimals, rounding);
}

/** How each tax of the line (by index in `taxes`) is rounded; absent: half up for all. */
export type RoundingOf = (index: number) => TaxRounding;

export function lineTaxes(
  taxes: readonly InvoiceTax[],
  base: Fixed,
  quantity: Fixed,
  decimals: number,
  rounding?: RoundingOf,
): LineTax[] {
  const out: LineTax[] = [];
  let ieps = 0n;
  // IEPS and ISR traslados first: IVA's base includes the IEPS of the line.
  for (let pass = 0; pass < 2; pass++) {
    for (let index = 0; index < taxes.length; index++) {
      const tax = taxes[index] as InvoiceTax;
      if (tax.withholding || (tax.type === 'IVA') !== (pass === 1)) continue;
      const tBase = pass === 1 ? base + ieps : base;
      const line = oneTax(tax, index, tBase, quantity, decimals, rounding?.(index) ?? 'half-up');
      if (tax.type === 'IEPS' && line.importe !== undefined) ieps += line.importe;
      out.push(line);
    }
  }
  for (let index = 0; index < taxes.length; index++) {
    const tax = taxes[index] as InvoiceTax;
    if (tax.withholding) {
      out.push(oneTax(tax, index, base, quantity, decimals, rounding?.(index) ?? 'half-up'));
    }
  }
  return out;
}

function oneTax(
  tax: InvoiceTax,
  index: number,
  base: Fixed,
  quantity: Fixed,
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
    // Always present (undefined for Exento), so every LineTax has one shape.
    rate: undefined,
    exact: undefined,
    importe: undefined,
  };
  if (tax.factor === 'Exento' || tax.rate === undefined) return line;
  const rate = fixed(tax.rate);
  if (tax.factor === 'Cuota') {
    line.base = tax.base === undefined ? quantity : fixed(tax.base);
    line.baseDecimals = Math.max(decimals, decimalPlaces(line.base));
  }
  line.rate = rate;
  line.exact = times(line.base, rate);
  line.importe = tax.amount === undefined ? rounded(line, rate, decimals, rounding) : fixed(tax.amount);
  return line;
}

/** What the line charges: Base + traslados - retenciones. */
export function paidFor(base: Fixed, taxes: readonly LineTax[]): Fixed {
  let paid = base;
  for (const tax of taxes) {
    if (tax.importe === undefined) continue;
    paid = tax.withholding ? paid - tax.importe : paid + tax.importe;
  }
  return paid;
}
