import { fixed, round, toFixed } from '../../../money/fixed-point.js';
import { currencyDecimals } from '../currency.js';
import { decimalPlaces, isImporte, isZero } from '../decimals.js';
import { error } from '../finding.js';
import type { Finding, Rule } from '../types.js';

export const subTotal: Rule = {
  codes: ['CFDI40107', 'CFDI40108', 'CFDI40109'],
  meaning:
    'SubTotal: decimales de la moneda; en I, E y N igual al redondeo de la suma de los Importe; en T y P cero.',
  check(cfdi, ctx) {
    const out: Finding[] = [];
    if (!isImporte(cfdi.SubTotal)) return out; // the XSD rule reports it
    const decimals = currencyDecimals(cfdi, ctx);
    if (decimalPlaces(cfdi.SubTotal) > decimals) {
      out.push(
        error(
          'CFDI40107',
          `El SubTotal "${cfdi.SubTotal}" tiene más de ${decimals} decimales, los que admite la moneda ${cfdi.Moneda}.`,
          `SubTotal "${cfdi.SubTotal}" has more than the ${decimals} decimals currency ${cfdi.Moneda} allows.`,
          'SubTotal',
        ),
      );
    }
    const tipo = cfdi.TipoDeComprobante;
    if (tipo === 'T' || tipo === 'P') {
      if (!isZero(cfdi.SubTotal)) {
        out.push(
          error(
            'CFDI40109',
            `En un comprobante de tipo ${tipo} el SubTotal debe ser 0, no "${cfdi.SubTotal}".`,
            `In a type ${tipo} document SubTotal must be 0, not "${cfdi.SubTotal}".`,
            'SubTotal',
          ),
        );
      }
      return out;
    }
    let sum = 0n;
    for (const concepto of cfdi.Conceptos) {
      if (!isImporte(concepto.Importe)) return out;
      sum += fixed(concepto.Importe);
    }
    const expected = round(sum, decimals);
    if (expected !== fixed(cfdi.SubTotal)) {
      out.push(
        error(
          'CFDI40108',
          `El SubTotal "${cfdi.SubTotal}" debe ser la suma de los importes de los conceptos redondeada: ${toFixed(expected, decimals)}.`,
          `SubTotal "${cfdi.SubTotal}" must be the rounded sum of the concept amounts: ${toFixed(expected, decimals)}.`,
          'SubTotal',
        ),
      );
    }
    return out;
  },
};
