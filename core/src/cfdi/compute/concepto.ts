/** One request item -> its Concepto (amounts with the currency's decimals, see line-taxes.ts). */
import { ValidationError } from '../../errors.js';
import { Dec, roundTo } from '../../money/decimal.js';
import { countDecimals, formatFixed } from '../../money/format.js';
import { importeLimits, isWithinLimits } from '../../money/importe-limits.js';
import type { Concepto, RetencionConcepto, TrasladoConcepto } from '../model.js';
import type { InvoiceItem } from '../request/schema.js';
import { type LineTax, lineTaxes } from './line-taxes.js';
import { solveTaxIncluded } from './tax-included.js';

export interface ComputedLine {
  concepto: Concepto;
  importe: Dec;
  descuento: Dec | undefined;
  taxes: LineTax[];
}

export function computeLine(item: InvoiceItem, index: number, decimals: number): ComputedLine {
  const quantity = new Dec(item.quantity);
  let importe: Dec;
  let descuento: Dec | undefined;
  let valorUnitario: string;
  let taxes: LineTax[];
  if (item.tax_included && item.taxes.length > 0) {
    const solved = solveTaxIncluded(item, quantity, decimals);
    ({ importe, descuento, taxes } = solved);
    valorUnitario = formatFixed(solved.valorUnitario, 6);
  } else {
    importe = roundTo(quantity.times(item.unit_price), decimals);
    const discount = item.discount === undefined ? undefined : roundTo(new Dec(item.discount), decimals);
    descuento = discount && !discount.isZero() ? discount : undefined;
    valorUnitario = item.unit_price;
    taxes = lineTaxes(item.taxes, descuento ? importe.minus(descuento) : importe, quantity, decimals);
    checkGivenAmounts(item, index, taxes, decimals);
  }

  const concepto: Concepto = {
    ClaveProdServ: item.product_key,
    ...(item.sku !== undefined ? { NoIdentificacion: item.sku } : {}),
    Cantidad: item.quantity,
    ClaveUnidad: item.unit_key,
    ...(item.unit !== undefined ? { Unidad: item.unit } : {}),
    Descripcion: item.description,
    ValorUnitario: valorUnitario,
    Importe: formatFixed(importe, decimals),
    ...(descuento ? { Descuento: formatFixed(descuento, decimals) } : {}),
    ObjetoImp: item.tax_object,
  };
  const traslados: TrasladoConcepto[] = [];
  const retenciones: RetencionConcepto[] = [];
  for (const tax of taxes) {
    const base = formatFixed(tax.base, tax.baseDecimals);
    if (tax.withholding) {
      retenciones.push({
        Base: base,
        Impuesto: tax.impuesto,
        TipoFactor: tax.factor as 'Tasa' | 'Cuota',
        TasaOCuota: formatFixed(tax.rate!, 6),
        Importe: formatFixed(tax.importe!, decimals),
      });
    } else if (tax.factor === 'Exento') {
      traslados.push({ Base: base, Impuesto: tax.impuesto, TipoFactor: 'Exento' });
    } else {
      traslados.push({
        Base: base,
        Impuesto: tax.impuesto,
        TipoFactor: tax.factor,
        TasaOCuota: formatFixed(tax.rate!, 6),
        Importe: formatFixed(tax.importe!, decimals),
      });
    }
  }
  if (traslados.length > 0 || retenciones.length > 0) {
    concepto.Impuestos = {
      ...(traslados.length > 0 ? { Traslados: traslados } : {}),
      ...(retenciones.length > 0 ? { Retenciones: retenciones } : {}),
    };
  }
  return { concepto, importe, descuento, taxes };
}

/** A tax amount given in the request must have the currency's decimals and lie within SAT's limits. */
function checkGivenAmounts(item: InvoiceItem, index: number, taxes: LineTax[], decimals: number): void {
  for (const tax of taxes) {
    const given = item.taxes[tax.index]?.amount;
    if (given === undefined || !tax.rate) continue;
    const path = `items[${index}].taxes[${tax.index}].amount`;
    const limits = importeLimits(tax.base, tax.rate, tax.baseDecimals, decimals);
    if (countDecimals(given) > decimals || !isWithinLimits(given, limits)) {
      const range = `${formatFixed(limits.lower, decimals)} a ${formatFixed(limits.upper, decimals)}`;
      const rangeEn = `${formatFixed(limits.lower, decimals)} to ${formatFixed(limits.upper, decimals)}`;
      const message = `El campo ${path} (${given}) no cuadra con base ${formatFixed(tax.base, tax.baseDecimals)} x tasa ${tax.rate.toFixed()}: el SAT acepta de ${range}, con ${decimals} decimales.`;
      const messageEn = `Field ${path} (${given}) does not fit base ${formatFixed(tax.base, tax.baseDecimals)} x rate ${tax.rate.toFixed()}: SAT accepts ${rangeEn}, with ${decimals} decimals.`;
      throw new ValidationError({
        code: 'REQUEST_TAX_AMOUNT_OUT_OF_LIMITS',
        message,
        messageEn,
        details: [{ code: 'REQUEST_TAX_AMOUNT_OUT_OF_LIMITS', message, messageEn, path }],
      });
    }
  }
}
