import { Decimal } from 'decimal.js';
import type { Comprobante } from '../../model.js';
import { currencyDecimals } from '../currency.js';
import { isImporte } from '../decimals.js';
import { error } from '../finding.js';
import type { Rule } from '../types.js';

const IMPLOCAL = 'http://www.sat.gob.mx/implocal';

/** Local taxes of the implocal complement, which also enter the Total. */
function localTaxes(cfdi: Comprobante): Decimal {
  let net = new Decimal(0);
  for (const c of cfdi.Complemento ?? []) {
    if (c.ns !== IMPLOCAL || c.local !== 'ImpuestosLocales') continue;
    const traslados = c.attrs.TotaldeTraslados;
    const retenciones = c.attrs.TotaldeRetenciones;
    if (traslados !== undefined && isImporte(traslados)) net = net.plus(traslados);
    if (retenciones !== undefined && isImporte(retenciones)) net = net.minus(retenciones);
  }
  return net;
}

export const total: Rule = {
  codes: ['CFDI40119'],
  meaning:
    'Total = SubTotal - Descuento + TotalImpuestosTrasladados - TotalImpuestosRetenidos (más impuestos locales), con los decimales de la moneda.',
  check(cfdi, ctx) {
    const parts = [
      cfdi.Total,
      cfdi.SubTotal,
      cfdi.Descuento ?? '0',
      cfdi.Impuestos?.TotalImpuestosTrasladados ?? '0',
      cfdi.Impuestos?.TotalImpuestosRetenidos ?? '0',
    ];
    if (!parts.every(isImporte)) return [];
    const decimals = currencyDecimals(cfdi, ctx);
    const expected = new Decimal(cfdi.SubTotal)
      .minus(cfdi.Descuento ?? 0)
      .plus(cfdi.Impuestos?.TotalImpuestosTrasladados ?? 0)
      .minus(cfdi.Impuestos?.TotalImpuestosRetenidos ?? 0)
      .plus(cfdi.Complemento === undefined ? 0 : localTaxes(cfdi))
      .toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
    if (expected.eq(cfdi.Total)) return [];
    return [
      error(
        'CFDI40119',
        `El Total "${cfdi.Total}" debe ser SubTotal - Descuento + impuestos trasladados - impuestos retenidos = ${expected.toFixed(decimals)}.`,
        `Total "${cfdi.Total}" must be SubTotal - Descuento + transferred taxes - withheld taxes = ${expected.toFixed(decimals)}.`,
        'Total',
      ),
    ];
  },
};
