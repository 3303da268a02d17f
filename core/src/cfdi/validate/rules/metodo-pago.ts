import { error } from '../finding.js';
import type { Finding, Rule } from '../types.js';

export const metodoPago: Rule = {
  codes: ['CFDI40124', 'CFDI40125'],
  meaning: 'MetodoPago es de c_MetodoPago (PUE, PPD) y no existe en T ni P.',
  check(cfdi, ctx) {
    const out: Finding[] = [];
    const value = cfdi.MetodoPago;
    if (value === undefined) return out;
    if (!ctx.catalogs.metodoPago.has(value)) {
      out.push(
        error(
          'CFDI40124',
          `MetodoPago "${value}" no está en c_MetodoPago: usa PUE (una sola exhibición) o PPD (parcialidades o diferido).`,
          `MetodoPago "${value}" is not in c_MetodoPago: use PUE (single payment) or PPD (installments or deferred).`,
          'MetodoPago',
        ),
      );
    }
    if (cfdi.TipoDeComprobante === 'T' || cfdi.TipoDeComprobante === 'P') {
      out.push(
        error(
          'CFDI40125',
          `Quita MetodoPago: un comprobante de tipo ${cfdi.TipoDeComprobante} no lo lleva.`,
          `Remove MetodoPago: a type ${cfdi.TipoDeComprobante} document does not carry it.`,
          'MetodoPago',
        ),
      );
    }
    return out;
  },
};
