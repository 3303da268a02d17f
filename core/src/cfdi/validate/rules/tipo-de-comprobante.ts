import { error } from '../finding.js';
import type { Rule } from '../types.js';

export const tipoDeComprobante: Rule = {
  codes: ['CFDI40121'],
  meaning: 'TipoDeComprobante es del catálogo c_TipoDeComprobante (I, E, T, N, P).',
  check(cfdi, ctx) {
    if (ctx.catalogs.tipoComprobante.has(cfdi.TipoDeComprobante)) return [];
    return [
      error(
        'CFDI40121',
        `TipoDeComprobante "${cfdi.TipoDeComprobante}" no está en c_TipoDeComprobante: usa I (ingreso), E (egreso), T (traslado), N (nómina) o P (pago).`,
        `TipoDeComprobante "${cfdi.TipoDeComprobante}" is not in c_TipoDeComprobante: use I, E, T, N or P.`,
        'TipoDeComprobante',
      ),
    ];
  },
};
