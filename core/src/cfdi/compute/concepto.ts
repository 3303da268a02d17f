/** One request item -> its Concepto (amounts with the currency's decimals, see line-taxes.ts). */
import { ValidationError } from '../../errors.js';
import { type Fixed, fixed, round, times, toFixed, toPlain } from '../../money/fixed-point.js';
import { countDecimals } from '../../money/format.js';
import { fixedImporteLimits } from '../../money/importe-limits.js';
import type { Concepto, RetencionConcepto, TrasladoConcepto } from '../model.js';
import type { InvoiceItem } from '../request/schema.js';
import { type LineTax, lineTaxes } from './line-taxes.js';
import { solveTaxIncluded } from './tax-included.js';

export interface ComputedLine {
  concepto: Concepto;
  importe: Fixed;
  descuento: Fixed | undefined;
  taxes: LineTax[];
}

export function computeLine(item: InvoiceItem, index: number, decimals: number): ComputedLine {
  const quantity = fixed(item.quantity);
  let importe: Fixed;
  let descuento: Fixed | undefined;
  let valorUnitario: string;
  let taxes: LineTax[];
  if (item.tax_included && item.taxes.length > 0) {
    const solved = solveTaxIncluded(item, quantity, decimals);
    ({ importe, descuento, taxes } = solved);
    valorUnitario = toFixed(solved.valorUnitario, 6);
  } else {
    importe = round(times(quantity, fixed(item.unit_price)), decimals);
    const discount = item.discount === undefined ? undefined : round(fixed(item.discount), decimals);
    descuento = discount === 0n ? undefined : discount;
    valorUnitario = item.unit_price;
    taxes = lineTaxes(
      item.taxes,
      descuento === undefined ? importe : importe - descuento,
      quantity,
      decimals,
    );
    checkGivenAmounts(item, index, taxes, decimals);
  }

  // Optional attributes are assigned only when present (never undefined), in cfdv40.xsd order.
  const concepto = { ClaveProdServ: item.product_key } as Concepto;
  if (item.sku !== undefined) concepto.NoIdentificacion = item.sku;
  concepto.Cantidad = item.quantity;
  concepto.ClaveUnidad = item.unit_key;
  if (item.unit !== undefined) concepto.Unidad = item.unit;
  concepto.Descripcion = item.description;
  concepto.ValorUnitario = valorUnitario;
  concepto.Importe = toFixed(importe, decimals);
  if (descuento !== undefined) concepto.Descuento = toFixed(descuento, decimals);
  concepto.ObjetoImp = item.tax_object;
  const traslados: TrasladoConcepto[] = [];
  const retenciones: RetencionConcepto[] = [];
  for (const tax of taxes) {
    const base = toFixed(tax.base, tax.baseDecimals);
    if (tax.withholding) {
      retenciones.push({
        Base: base,
        Impuesto: tax.impuesto,
        TipoFactor: tax.factor as 'Tasa' | 'Cuota',
        TasaOCuota: tasaOCuota(tax.rate!),
        Importe: toFixed(tax.importe!, decimals),
      });
    } else if (tax.factor === 'Exento') {
      traslados.push({ Base: base, Impuesto: tax.impuesto, TipoFactor: 'Exento' });
    } else {
      traslados.push({
        Base: base,
        Impuesto: tax.impuesto,
        TipoFactor: tax.factor,
        TasaOCuota: tasaOCuota(tax.rate!),
        Importe: toFixed(tax.importe!, decimals),
      });
    }
  }
  if (traslados.length > 0 || retenciones.length > 0) {
    const impuestos: NonNullable<Concepto['Impuestos']> = {};
    if (traslados.length > 0) impuestos.Traslados = traslados;
    if (retenciones.length > 0) impuestos.Retenciones = retenciones;
    concepto.Impuestos = impuestos;
  }
  return { concepto, importe, descuento, taxes };
}

const TASAS = new Map<Fixed, string>();

/** A TasaOCuota as written (6 decimals); the few rates in use are written once. */
export function tasaOCuota(rate: Fixed): string {
  let text = TASAS.get(rate);
  if (text === undefined) {
    text = toFixed(rate, 6);
    if (TASAS.size >= 1024) TASAS.clear();
    TASAS.set(rate, text);
  }
  return text;
}

/** A tax amount given in the request must have the currency's decimals and lie within SAT's limits. */
function checkGivenAmounts(item: InvoiceItem, index: number, taxes: LineTax[], decimals: number): void {
  for (const tax of taxes) {
    const given = item.taxes[tax.index]?.amount;
    if (given === undefined || tax.rate === undefined) continue;
    const limits = fixedImporteLimits(tax.base, tax.rate, tax.baseDecimals, decimals);
    const amount = fixed(given);
    if (countDecimals(given) > decimals || amount < limits.lower || amount > limits.upper) {
      const path = `items[${index}].taxes[${tax.index}].amount`;
      const range = `${toFixed(limits.lower, decimals)} a ${toFixed(limits.upper, decimals)}`;
      const rangeEn = `${toFixed(limits.lower, decimals)} to ${toFixed(limits.upper, decimals)}`;
      const message = `El campo ${path} (${given}) no cuadra con base ${toFixed(tax.base, tax.baseDecimals)} x tasa ${toPlain(tax.rate)}: el SAT acepta de ${range}, con ${decimals} decimales.`;
      const messageEn = `Field ${path} (${given}) does not fit base ${toFixed(tax.base, tax.baseDecimals)} x rate ${toPlain(tax.rate)}: SAT accepts ${rangeEn}, with ${decimals} decimals.`;
      throw new ValidationError({
        code: 'REQUEST_TAX_AMOUNT_OUT_OF_LIMITS',
        message,
        messageEn,
        details: [{ code: 'REQUEST_TAX_AMOUNT_OUT_OF_LIMITS', message, messageEn, path }],
      });
    }
  }
}
