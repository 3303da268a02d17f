import { error } from '../finding.js';
import type { Rule } from '../types.js';

export const moneda: Rule = {
  codes: ['CFDI40113'],
  meaning: 'Moneda es del catálogo c_Moneda.',
  check(cfdi, ctx) {
    if (ctx.catalogs.moneda.has(cfdi.Moneda)) return [];
    return [
      error(
        'CFDI40113',
        `La Moneda "${cfdi.Moneda}" no está en el catálogo c_Moneda; usa el código ISO 4217 (MXN, USD, EUR...) o XXX en un comprobante de pago.`,
        `Moneda "${cfdi.Moneda}" is not in c_Moneda; use the ISO 4217 code (MXN, USD, EUR...) or XXX in a payment document.`,
        'Moneda',
      ),
    ];
  },
};
