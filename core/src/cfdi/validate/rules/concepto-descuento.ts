import { fixed } from '../../../money/fixed-point.js';
import { decimalPlaces, isImporte } from '../decimals.js';
import { error } from '../finding.js';
import type { Finding, Rule } from '../types.js';

export const conceptoDescuento: Rule = {
  codes: ['CFDI40168', 'CFDI40169'],
  meaning: 'Descuento del concepto: no más decimales que su Importe y no mayor que su Importe.',
  check(cfdi) {
    const out: Finding[] = [];
    for (let i = 0; i < cfdi.Conceptos.length; i++) {
      const c = cfdi.Conceptos[i]!;
      const value = c.Descuento;
      if (value === undefined || !isImporte(value) || !isImporte(c.Importe)) continue;
      const path = `Conceptos[${i}].Descuento`;
      if (decimalPlaces(value) > decimalPlaces(c.Importe)) {
        out.push(
          error(
            'CFDI40168',
            `El Descuento "${value}" del concepto ${i + 1} tiene más decimales que su Importe "${c.Importe}"; usa los mismos decimales.`,
            `Descuento "${value}" of concept ${i + 1} has more decimals than its Importe "${c.Importe}"; use the same decimals.`,
            path,
          ),
        );
      }
      if (fixed(value) > fixed(c.Importe)) {
        out.push(
          error(
            'CFDI40169',
            `El Descuento "${value}" del concepto ${i + 1} no puede ser mayor que su Importe "${c.Importe}".`,
            `Descuento "${value}" of concept ${i + 1} cannot exceed its Importe "${c.Importe}".`,
            path,
          ),
        );
      }
    }
    return out;
  },
};
