import { error } from '../finding.js';
import type { Rule } from '../types.js';

export const impuestosTipo: Rule = {
  codes: ['CFDI40201'],
  meaning: 'El nodo Impuestos del comprobante no existe en T ni P.',
  check(cfdi) {
    const tipo = cfdi.TipoDeComprobante;
    if ((tipo !== 'T' && tipo !== 'P') || cfdi.Impuestos === undefined) return [];
    return [
      error(
        'CFDI40201',
        `Quita el nodo Impuestos: un comprobante de tipo ${tipo} no lleva impuestos.`,
        `Remove the Impuestos node: a type ${tipo} document carries no taxes.`,
        'Impuestos',
      ),
    ];
  },
};
