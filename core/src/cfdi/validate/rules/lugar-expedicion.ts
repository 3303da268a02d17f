import { codigoPostalExists } from '../../../fiscal/codigo-postal.js';
import { error } from '../finding.js';
import type { Rule } from '../types.js';

export const lugarExpedicion: Rule = {
  codes: ['CFDI40126'],
  meaning: 'LugarExpedicion es un código postal del catálogo c_CodigoPostal.',
  check(cfdi, ctx) {
    if (codigoPostalExists(ctx.catalogs, cfdi.LugarExpedicion)) return [];
    return [
      error(
        'CFDI40126',
        `LugarExpedicion "${cfdi.LugarExpedicion}" no es un código postal del catálogo c_CodigoPostal; usa el código postal de 5 dígitos de tu domicilio fiscal o sucursal.`,
        `LugarExpedicion "${cfdi.LugarExpedicion}" is not a postal code in c_CodigoPostal; use the 5-digit postal code of your tax address or branch.`,
        'LugarExpedicion',
      ),
    ];
  },
};
