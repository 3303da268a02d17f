import { type Fixed, fixed, round, toFixed } from '../../../money/fixed-point.js';
import type { Comprobante } from '../../model.js';
import { currencyDecimals } from '../currency.js';
import { isImporte } from '../decimals.js';
import { error } from '../finding.js';
import type { Rule } from '../types.js';

const IMPLOCAL = 'http://www.sat.gob.mx/implocal';

/** Local taxes of the implocal complement, which also enter the Total. */
function localTaxes(cfdi: Comprobante): Fixed {
  let net = 0n;
  for (const c of cfdi.Complemento ?? []) {
    if (c.ns !== IMPLOCAL || c.local !== 'ImpuestosLocales') continue;
    const traslados = c.attrs.TotaldeTraslados;
    const retenciones = c.attrs.TotaldeRetenciones;
    if (traslados !== undefined && isImporte(traslados)) net += fixed(traslados);
    if (retenciones !== undefined && isImporte(retenciones)) net -= fixed(retenciones);
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
    const [totalText, subTotalText, descuentoText, trasladados, retenidos] = parts as [
      string,
      string,
      string,
      string,
      string,
    ];
    const expected = round(
      fixed(subTotalText) -
        fixed(descuentoText) +
        fixed(trasladados) -
        fixed(retenidos) +
        (cfdi.Complemento === undefined ? 0n : localTaxes(cfdi)),
      decimals,
    );
    if (expected === fixed(totalText)) return [];
    return [
      error(
        'CFDI40119',
        `El Total "${cfdi.Total}" debe ser SubTotal - Descuento + impuestos trasladados - impuestos retenidos = ${toFixed(expected, decimals)}.`,
        `Total "${cfdi.Total}" must be SubTotal - Descuento + transferred taxes - withheld taxes = ${toFixed(expected, decimals)}.`,
        'Total',
      ),
    ];
  },
};
