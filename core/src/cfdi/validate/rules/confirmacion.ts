import { fixed } from '../../../money/fixed-point.js';
import { isImporte } from '../decimals.js';
import { error } from '../finding.js';
import type { Finding, Rule } from '../types.js';

export const confirmacion: Rule = {
  codes: ['CFDI40120', 'CFDI40127'],
  meaning:
    'Confirmacion: requerida cuando el Total excede el límite de c_TipoDeComprobante; prohibida cuando Total y TipoCambio están en rango.',
  check(cfdi, ctx) {
    const out: Finding[] = [];
    const max = ctx.catalogs.tipoComprobante.get(cfdi.TipoDeComprobante)?.maxValue;
    if (max === undefined || !isImporte(cfdi.Total) || cfdi.TipoDeComprobante === 'T') return out;
    const over = fixed(cfdi.Total) > fixed(max);
    if (over && cfdi.Confirmacion === undefined) {
      out.push(
        error(
          'CFDI40120',
          `El Total "${cfdi.Total}" excede el límite de ${max} para el tipo ${cfdi.TipoDeComprobante}; solicita al PAC una clave de Confirmacion o revisa el importe.`,
          `Total "${cfdi.Total}" exceeds the ${max} limit for type ${cfdi.TipoDeComprobante}; ask the PAC for a Confirmacion key or check the amount.`,
          'Total',
        ),
      );
    }
    // TipoCambio ranges need Banxico's published rate (CFDI40118), so only MXN and XXX are certain.
    const rateInRange = cfdi.Moneda === 'MXN' || cfdi.Moneda === 'XXX';
    if (!over && rateInRange && cfdi.Confirmacion !== undefined) {
      out.push(
        error(
          'CFDI40127',
          'Quita la Confirmacion: solo se usa cuando el Total o el TipoCambio están fuera del rango permitido.',
          'Remove Confirmacion: it is only used when Total or TipoCambio are out of the allowed range.',
          'Confirmacion',
        ),
      );
    }
    return out;
  },
};
