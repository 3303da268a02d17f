/**
 * Tax-included prices: the item's unit_price (and discount) include its taxes. We look for the Base
 * (net of discount, currency decimals) whose taxes make the line charge exactly
 *   P = round(quantity x unit_price) - round(discount)
 * to the cent, then split the Base into Importe and Descuento and find a 6-decimal ValorUnitario.
 *
 * Algorithm (deterministic):
 * 1. Newton steps on paid(B) = B + traslados(B) - retenciones(B), whose slope is about
 *    f = 1 + sum of traslado rates - sum of withholding rates: B <- B + round((P - paid(B)) / f), at least
 *    one unit, until paid(B) = P or a Base repeats (paid jumps over P by rounding: with f > 1 one more
 *    cent of Base can add two cents).
 * 2. If no Base hits P, search the Bases within 3 units of the nearest miss, rounding some Tasa tax
 *    Importe down or up, or to SAT's lower or upper limit, instead of half up (fewest changes first).
 *    All of these are inside SAT's limits (money/importe-limits.ts), so the CFDI stays valid and the
 *    line charges P. IVA over IEPS is recomputed from the chosen IEPS. A P below what the smallest Base
 *    already charges (a Cuota per unit above the price) has no solution and is refused up front.
 * 3. ValorUnitario = Importe / quantity to 6 decimals, nudged by millionths until
 *    round(quantity x ValorUnitario) = Importe (always possible below 10,000 units; beyond, Importe stays
 *    within SAT's limits for the Cantidad's tolerance).
 */
import { AutofacturaError } from '../../errors.js';
import {
  abs,
  divide,
  type Fixed,
  fixed,
  ONE,
  round,
  times,
  toFixed,
  unitOf,
} from '../../money/fixed-point.js';
import type { InvoiceItem } from '../request/schema.js';
import { type LineTax, lineTaxes, paidFor, type RoundingOf, type TaxRounding } from './line-taxes.js';

export interface SolvedLine {
  importe: Fixed;
  descuento: Fixed | undefined;
  valorUnitario: Fixed;
  base: Fixed;
  taxes: LineTax[];
}

const MAX_STEPS = 12;

export function solveTaxIncluded(item: InvoiceItem, quantity: Fixed, decimals: number): SolvedLine {
  const unit = unitOf(decimals);
  const gross = round(times(quantity, fixed(item.unit_price)), decimals);
  const grossDiscount = item.discount === undefined ? undefined : round(fixed(item.discount), decimals);
  const target = grossDiscount === undefined ? gross : gross - grossDiscount;

  const { base, taxes } = findBase(item, quantity, decimals, target, unit);
  let descuento: Fixed | undefined;
  if (grossDiscount !== undefined && grossDiscount !== 0n) {
    descuento = target === 0n ? grossDiscount : divide(times(grossDiscount, base), target, decimals);
  }
  const importe = descuento === undefined ? base : base + descuento;
  return { importe, descuento, valorUnitario: unitValueFor(importe, quantity, decimals), base, taxes };
}

function findBase(item: InvoiceItem, quantity: Fixed, decimals: number, target: Fixed, unit: Fixed) {
  // The smallest positive Base, with traslados at SAT's lower limit and withholdings at the upper one,
  // already charges this much (a Cuota charges per unit whatever the price): a lower price has no
  // positive Base, and a negative one would reach the CFDI as a negative SubTotal.
  const floorPaid = paidFor(unit, lineTaxes(item.taxes, unit, quantity, decimals, leastRoundings(item)));
  if (target < floorPaid) throw priceBelowTaxes(item, target, floorPaid, decimals);
  const slope = slopeOf(item);
  const visited = new Map<Fixed, { base: Fixed; miss: Fixed }>();
  let base = divide(target, slope, decimals);
  for (let step = 0; step < MAX_STEPS && !visited.has(base); step++) {
    const taxes = lineTaxes(item.taxes, base, quantity, decimals);
    const miss = target - paidFor(base, taxes);
    if (miss === 0n) return { base, taxes };
    visited.set(base, { base, miss });
    let move = divide(miss, slope, decimals);
    if (move === 0n) move = miss < 0n ? -unit : unit;
    base += move;
  }
  // Rounding jumps over the target: round some tax Importe down or up instead of half up (both inside
  // SAT's limits), on the Bases nearest to the target, preferring the fewest changed roundings.
  const nearest = [...visited.values()].sort((a, b) => compareAbs(a.miss, b.miss))[0];
  if (nearest) {
    const rounded = roundingChoices(item);
    for (const offset of OFFSETS) {
      const candidate = nearest.base + unit * offset;
      if (candidate < 0n) continue; // a zero Base is tried (decimal.js counted +0 as positive)
      for (const choice of rounded) {
        const taxes = lineTaxes(
          item.taxes,
          candidate,
          quantity,
          decimals,
          (index) => choice.get(index) ?? 'half-up',
        );
        if (paidFor(candidate, taxes) === target) return { base: candidate, taxes };
      }
    }
  }
  throw new AutofacturaError({
    code: 'COMPUTE_TAX_INCLUDED_UNSOLVED',
    message: `No se encontró un valor unitario sin impuestos que dé exactamente ${toFixed(target, decimals)} para "${item.description}". Envía el precio sin impuestos (tax_included: false).`,
    messageEn: `No pre-tax unit value gives exactly ${toFixed(target, decimals)} for "${item.description}". Send the price before taxes (tax_included: false).`,
    status: 422,
  });
}

/** Traslados at SAT's lower limit and withholdings at the upper one: the least a Base can charge. */
function leastRoundings(item: InvoiceItem): RoundingOf {
  return (index) => (item.taxes[index]?.withholding ? 'upper' : 'lower');
}

const OFFSETS = [0n, -1n, 1n, -2n, 2n, -3n, 3n];

function compareAbs(a: Fixed, b: Fixed): number {
  const x = abs(a);
  const y = abs(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function priceBelowTaxes(
  item: InvoiceItem,
  target: Fixed,
  floorPaid: Fixed,
  decimals: number,
): AutofacturaError {
  const paid = toFixed(target, decimals);
  const least = toFixed(floorPaid, decimals);
  return new AutofacturaError({
    code: 'COMPUTE_TAX_INCLUDED_UNSOLVED',
    message: `El precio con impuestos de "${item.description}" (${paid}, neto de descuento) no cubre sus impuestos: con la base mínima ya suman ${least} (p. ej. una cuota de IEPS por unidad mayor que el precio). Revisa precio, cantidad, descuento o cuota.`,
    messageEn: `The tax-included price of "${item.description}" (${paid}, net of discount) does not cover its taxes: with the smallest Base they already come to ${least} (e.g. an IEPS cuota per unit above the price). Check price, quantity, discount or cuota.`,
    status: 422,
  });
}

/**
 * Every way to round the line's Tasa taxes down, up, to SAT's lower or to its upper limit, fewest first
 * (each entry maps a tax index to its rounding; absent = half up). At most 4 Tasa taxes on a line: 625
 * combinations, tried only when the Newton steps miss.
 */
function roundingChoices(item: InvoiceItem): readonly ReadonlyMap<number, TaxRounding>[] {
  const indexes = item.taxes.flatMap((tax, index) =>
    tax.factor === 'Tasa' && tax.rate !== undefined ? [index] : [],
  );
  const key = indexes.join(',');
  let choices = CHOICES.get(key);
  if (choices === undefined) {
    choices = allRoundings(indexes);
    CHOICES.set(key, choices);
  }
  return choices;
}

/** The choices depend only on which taxes are Tasa: made once per such set. */
const CHOICES = new Map<string, readonly ReadonlyMap<number, TaxRounding>[]>();

function allRoundings(indexes: number[]): Map<number, TaxRounding>[] {
  let choices: Map<number, TaxRounding>[] = [new Map()];
  for (const index of indexes) {
    choices = choices.flatMap((choice) => [
      choice,
      new Map([...choice, [index, 'down' as const]]),
      new Map([...choice, [index, 'up' as const]]),
      new Map([...choice, [index, 'lower' as const]]),
      new Map([...choice, [index, 'upper' as const]]),
    ]);
  }
  return choices.sort((a, b) => a.size - b.size);
}

/** d paid / d Base: 1 + traslado rates (IVA over IEPS) - withholding rates; Cuota adds no slope. */
function slopeOf(item: InvoiceItem): Fixed {
  let ieps = 0n;
  let iva = 0n;
  let withheld = 0n;
  for (const tax of item.taxes) {
    if (tax.factor !== 'Tasa' || tax.rate === undefined) continue;
    if (tax.withholding) withheld += fixed(tax.rate);
    else if (tax.type === 'IVA') iva += fixed(tax.rate);
    else ieps += fixed(tax.rate);
  }
  const slope = ONE + ieps + times(iva, ieps + ONE) - withheld;
  return slope <= 0n ? ONE : slope;
}

const MICRO = unitOf(6);

function unitValueFor(importe: Fixed, quantity: Fixed, decimals: number): Fixed {
  const first = divide(importe, quantity, 6);
  if (fits(first, importe, quantity, decimals)) return first;
  for (let k = 1n; k <= 20n; k++) {
    if (fits(first + MICRO * k, importe, quantity, decimals)) return first + MICRO * k;
    if (fits(first - MICRO * k, importe, quantity, decimals)) return first - MICRO * k;
  }
  return first;
}

function fits(candidate: Fixed, importe: Fixed, quantity: Fixed, decimals: number): boolean {
  return candidate >= 0n && round(times(quantity, candidate), decimals) === importe;
}
