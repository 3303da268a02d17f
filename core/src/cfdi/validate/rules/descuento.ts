import { fixed, round, toFixed } from '../../../money/fixed-point.js';
import { currencyDecimals } from '../currency.js';
import { decimalPlaces, isImporte } from '../decimals.js';
import { error } from '../finding.js';
import type { Finding, Rule } from '../types.js';

export const descuento: Rule = {
  codes: ['CFDI40110', 'CFDI40111', 'CFDI40112'],
  meaning:
    'Descuento: no mayor que SubTotal; solo en I, E y N, igual al redondeo de la suma de los descuentos de los conceptos; decimales de la moneda.',
  check(cfdi, ctx) {
    const out: Finding[] = [];
    const value = cfdi.Descuento;
    const tipo = cfdi.TipoDeComprobante;
    const decimals = currencyDecimals(cfdi, ctx);
    const withDiscount = cfdi.Conceptos.filter((c) => c.Descuento !== undefined);
    if (tipo !== 'I' && tipo !== 'E' && tipo !== 'N') {
      if (value !== undefined || withDiscount.length > 0) {
        out.push(
          error(
            'CFDI40111',
            `Quita los descuentos: un comprobante de tipo ${tipo} no lleva Descuento ni en el comprobante ni en los conceptos.`,
            `Remove the discounts: a type ${tipo} document has no Descuento, neither on the document nor on its concepts.`,
            'Descuento',
          ),
        );
      }
      return out;
    }
    if (value !== undefined && isImporte(value)) {
      if (decimalPlaces(value) > decimals) {
        out.push(
          error(
            'CFDI40112',
            `El Descuento "${value}" tiene más de ${decimals} decimales, los que admite la moneda ${cfdi.Moneda}.`,
            `Descuento "${value}" has more than the ${decimals} decimals currency ${cfdi.Moneda} allows.`,
            'Descuento',
          ),
        );
      }
      if (isImporte(cfdi.SubTotal) && fixed(value) > fixed(cfdi.SubTotal)) {
        out.push(
          error(
            'CFDI40110',
            `El Descuento "${value}" no puede ser mayor que el SubTotal "${cfdi.SubTotal}".`,
            `Descuento "${value}" cannot exceed SubTotal "${cfdi.SubTotal}".`,
            'Descuento',
          ),
        );
      }
    }
    if (withDiscount.length === 0) {
      if (value !== undefined) {
        out.push(
          error(
            'CFDI40111',
            'Quita el Descuento del comprobante: ningún concepto tiene descuento.',
            'Remove the document Descuento: no concept has a discount.',
            'Descuento',
          ),
        );
      }
      return out;
    }
    let sum = 0n;
    for (const c of withDiscount) {
      if (!isImporte(c.Descuento as string)) return out;
      sum += fixed(c.Descuento as string);
    }
    const expected = round(sum, decimals);
    if (value === undefined || !isImporte(value) || expected !== fixed(value)) {
      out.push(
        error(
          'CFDI40111',
          `El Descuento del comprobante debe existir y ser la suma redondeada de los descuentos de los conceptos: ${toFixed(expected, decimals)}.`,
          `The document Descuento must be present and equal the rounded sum of the concept discounts: ${toFixed(expected, decimals)}.`,
          'Descuento',
        ),
      );
    }
    return out;
  },
};
