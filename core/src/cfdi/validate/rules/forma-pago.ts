import { error } from '../finding.js';
import type { Finding, Rule } from '../types.js';

export const formaPago: Rule = {
  codes: ['CFDI40103', 'CFDI40104', 'CFDI40105'],
  meaning: 'FormaPago: no existe en T, N ni P; es del catálogo c_FormaPago; es 99 cuando MetodoPago es PPD.',
  check(cfdi, ctx) {
    const out: Finding[] = [];
    const value = cfdi.FormaPago;
    const tipo = cfdi.TipoDeComprobante;
    if (value !== undefined && (tipo === 'T' || tipo === 'N' || tipo === 'P')) {
      out.push(
        error(
          'CFDI40103',
          `Quita FormaPago: un comprobante de tipo ${tipo} no lleva forma de pago.`,
          `Remove FormaPago: a type ${tipo} document has no payment form.`,
          'FormaPago',
        ),
      );
    }
    if (value !== undefined && !ctx.catalogs.formaPago.has(value)) {
      out.push(
        error(
          'CFDI40104',
          `FormaPago "${value}" no está en el catálogo c_FormaPago (por ejemplo 01 efectivo, 03 transferencia, 04 tarjeta de crédito, 28 tarjeta de débito, 99 por definir).`,
          `FormaPago "${value}" is not in c_FormaPago (e.g. 01 cash, 03 transfer, 04 credit card, 28 debit card, 99 to be defined).`,
          'FormaPago',
        ),
      );
    }
    if (cfdi.MetodoPago === 'PPD' && value !== undefined && value !== '99') {
      out.push(
        error(
          'CFDI40105',
          `Con MetodoPago PPD (pago en parcialidades o diferido) la FormaPago debe ser "99" (por definir), no "${value}".`,
          `With MetodoPago PPD (deferred or installments) FormaPago must be "99" (to be defined), not "${value}".`,
          'FormaPago',
        ),
      );
    }
    return out;
  },
};
