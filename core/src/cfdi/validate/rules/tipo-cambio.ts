import { fixed, ONE } from '../../../money/fixed-point.js';
import { error } from '../finding.js';
import type { Finding, Rule } from '../types.js';

/** SAT's pattern [0-9]{1,18}(.[0-9]{1,6})? plus the XSD's minInclusive 0.000001. */
const TIPO_CAMBIO = /^[0-9]{1,18}(\.[0-9]{1,6})?$/;
const MINIMUM = fixed('0.000001');

export const tipoCambio: Rule = {
  codes: ['CFDI40114', 'CFDI40115', 'CFDI40116', 'CFDI40117'],
  meaning:
    'TipoCambio: 1 (u omitido) con MXN; requerido con otra moneda que no sea XXX; ausente con XXX; patrón de hasta 6 decimales y mayor que cero.',
  check(cfdi) {
    const out: Finding[] = [];
    const value = cfdi.TipoCambio;
    const path = 'TipoCambio';
    if (value !== undefined && (!TIPO_CAMBIO.test(value) || fixed(value) < MINIMUM)) {
      out.push(
        error(
          'CFDI40117',
          `El TipoCambio "${value}" no cumple el patrón: número positivo con hasta 6 decimales, sin signo ni separador de miles.`,
          `TipoCambio "${value}" does not match the pattern: a positive number with up to 6 decimals, no sign or thousands separator.`,
          path,
        ),
      );
      return out;
    }
    if (cfdi.Moneda === 'MXN') {
      if (value !== undefined && fixed(value) !== ONE) {
        out.push(
          error(
            'CFDI40114',
            `Con Moneda MXN el TipoCambio debe ser "1" u omitirse, no "${value}".`,
            `With Moneda MXN, TipoCambio must be "1" or omitted, not "${value}".`,
            path,
          ),
        );
      }
    } else if (cfdi.Moneda === 'XXX') {
      if (value !== undefined) {
        out.push(
          error(
            'CFDI40116',
            'Quita el TipoCambio: con Moneda XXX no se registra.',
            'Remove TipoCambio: it is not allowed with Moneda XXX.',
            path,
          ),
        );
      }
    } else if (value === undefined) {
      out.push(
        error(
          'CFDI40115',
          `Agrega el TipoCambio: con Moneda ${cfdi.Moneda} es obligatorio (pesos mexicanos por una unidad de la moneda).`,
          `Add TipoCambio: it is required with Moneda ${cfdi.Moneda} (Mexican pesos per unit of the currency).`,
          path,
        ),
      );
    }
    return out;
  },
};
