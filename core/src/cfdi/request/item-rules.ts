/** Checks across fields of a tax and of an item: taxes that fit their factor, ObjetoImp vs taxes, discount. */
import { fixed, ONE, times, toPlain } from '../../money/fixed-point.js';
import { addIssue, type IssueSink } from './fields.js';
import type { ItemInput, TaxInput } from './item.js';

/** c_ObjetoImp keys whose Concepto carries no Impuestos node. */
export const OBJETO_IMP_WITHOUT_TAXES = new Set(['01', '03', '04', '08']);

/**
 * The largest Tasa in c_TasaOCuota per tax: IEPS goes up to 1.600000 (160%, tabacos labrados); IVA and
 * ISR stay below 1. A larger Tasa is a percentage written as such ("16" for 16%).
 */
const MAX_TASA: Record<TaxInput['type'], bigint> = { IVA: ONE, ISR: ONE, IEPS: fixed('1.6') };

/** Checks one tax (items[index].taxes[t]) against its factor (runs when the tax itself parsed). */
export function checkTax(tax: TaxInput, ctx: IssueSink, index: number, t: number): void {
  if (tax.factor === 'Exento') {
    if (tax.rate !== undefined || tax.amount !== undefined) {
      addIssue(
        ctx,
        'REQUEST_INVALID_VALUE',
        'no lleva tasa ni importe cuando factor es "Exento"; quita rate y amount',
        'takes no rate or amount when factor is "Exento"; remove rate and amount',
        ['items', index, 'taxes', t],
      );
    }
    if (tax.withholding) {
      addIssue(
        ctx,
        'REQUEST_INVALID_VALUE',
        'no puede ser "Exento" en una retención; usa factor "Tasa" o "Cuota"',
        'cannot be "Exento" for a withholding; use factor "Tasa" or "Cuota"',
        ['items', index, 'taxes', t, 'factor'],
      );
    }
  } else if (tax.rate === undefined) {
    addIssue(
      ctx,
      'REQUEST_REQUIRED',
      `es obligatorio con factor "${tax.factor}", p. ej. "0.16" para 16%`,
      `is required with factor "${tax.factor}", e.g. "0.16" for 16%`,
      ['items', index, 'taxes', t, 'rate'],
    );
  } else if (tax.factor === 'Tasa' && fixed(tax.rate) > MAX_TASA[tax.type]) {
    addIssue(
      ctx,
      'REQUEST_INVALID_VALUE',
      `es una fracción, no un porcentaje: escribe "0.16" para 16% (recibido ${tax.rate})`,
      `is a fraction, not a percentage: write "0.16" for 16% (got ${tax.rate})`,
      ['items', index, 'taxes', t, 'rate'],
    );
  }
  if (tax.base !== undefined && tax.factor !== 'Cuota') {
    addIssue(
      ctx,
      'REQUEST_INVALID_VALUE',
      'solo se usa con factor "Cuota" (unidades a las que aplica la cuota); quítalo',
      'is only used with factor "Cuota" (the units the cuota applies to); remove it',
      ['items', index, 'taxes', t, 'base'],
    );
  }
}

/** Whether an earlier tax of the item has the same type, withholding and factor as taxes[t]. */
function repeatsEarlierTax(taxes: readonly TaxInput[], t: number): boolean {
  const tax = taxes[t] as TaxInput;
  for (let k = 0; k < t; k++) {
    const other = taxes[k] as TaxInput;
    if (other.type === tax.type && other.withholding === tax.withholding && other.factor === tax.factor)
      return true;
  }
  return false;
}

/** Checks across the fields of one item (runs when the item itself parsed). */
export function checkItem(item: ItemInput, index: number, ctx: IssueSink): void {
  const taxes = item.taxes ?? [];
  for (let t = 0; t < taxes.length; t++) {
    const tax = taxes[t] as TaxInput;
    checkTax(tax, ctx, index, t);
    if (repeatsEarlierTax(taxes, t)) {
      addIssue(
        ctx,
        'REQUEST_INVALID_VALUE',
        `repite el impuesto ${tax.type} ${tax.factor}${tax.withholding ? ' retenido' : ''}; déjalo una sola vez`,
        `repeats tax ${tax.type} ${tax.factor}${tax.withholding ? ' withheld' : ''}; list it once`,
        ['items', index, 'taxes', t],
      );
    }
    if (tax.amount !== undefined && item.tax_included) {
      addIssue(
        ctx,
        'REQUEST_INVALID_VALUE',
        'no se puede dar con tax_included: el importe se calcula para cuadrar con el precio',
        'cannot be given with tax_included: the amount is computed to match the price',
        ['items', index, 'taxes', t, 'amount'],
      );
    }
  }

  const objeto = item.tax_object;
  if (objeto !== undefined && OBJETO_IMP_WITHOUT_TAXES.has(objeto) && taxes.length > 0) {
    addIssue(
      ctx,
      'REQUEST_INVALID_VALUE',
      `es "${objeto}", que no lleva desglose de impuestos; quita taxes o usa "02"`,
      `is "${objeto}", which carries no tax breakdown; remove taxes or use "02"`,
      ['items', index, 'tax_object'],
    );
  }
  if (objeto !== undefined && !OBJETO_IMP_WITHOUT_TAXES.has(objeto) && taxes.length === 0) {
    addIssue(
      ctx,
      'REQUEST_REQUIRED',
      `es obligatorio con tax_object "${objeto}"; agrega los impuestos o usa "01" (no objeto de impuesto)`,
      `is required with tax_object "${objeto}"; add the taxes or use "01" (not subject to tax)`,
      ['items', index, 'taxes'],
    );
  }

  if (item.discount !== undefined) {
    const gross = times(fixed(item.quantity), fixed(item.unit_price));
    if (fixed(item.discount) > gross) {
      addIssue(
        ctx,
        'REQUEST_INVALID_VALUE',
        `(${item.discount}) es mayor que quantity x unit_price (${toPlain(gross)}); el descuento no puede exceder el importe`,
        `(${item.discount}) is greater than quantity x unit_price (${toPlain(gross)}); a discount cannot exceed the amount`,
        ['items', index, 'discount'],
      );
    }
  }
}
