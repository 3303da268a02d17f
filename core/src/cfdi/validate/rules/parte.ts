import { isImporte, isZero } from '../decimals.js';
import { error } from '../finding.js';
import { checkConceptoImporte } from '../limits.js';
import { checkText } from '../text-facts.js';
import type { Finding, Rule } from '../types.js';

export const parte: Rule = {
  codes: ['CFDI40196', 'CFDI40197', 'CFDI40198', 'XSD'],
  meaning:
    'Parte del concepto: ClaveProdServ de c_ClaveProdServ, ValorUnitario mayor que cero e Importe = Cantidad x ValorUnitario.',
  check(cfdi, ctx) {
    const out: Finding[] = [];
    cfdi.Conceptos.forEach((c, i) => {
      (c.Parte ?? []).forEach((p, j) => {
        const path = `Conceptos[${i}].Parte[${j}]`;
        checkText(p.Descripcion, `${path}.Descripcion`, 1000, out);
        checkText(p.NoIdentificacion, `${path}.NoIdentificacion`, 100, out);
        checkText(p.Unidad, `${path}.Unidad`, 20, out);
        if (!ctx.catalogs.claveProdServ.has(p.ClaveProdServ)) {
          out.push(
            error(
              'CFDI40196',
              `La ClaveProdServ "${p.ClaveProdServ}" de la parte ${j + 1} del concepto ${i + 1} no está en c_ClaveProdServ.`,
              `ClaveProdServ "${p.ClaveProdServ}" of part ${j + 1} of concept ${i + 1} is not in c_ClaveProdServ.`,
              `${path}.ClaveProdServ`,
            ),
          );
        }
        const v = p.ValorUnitario;
        if (v !== undefined && isImporte(v) && isZero(v)) {
          out.push(
            error(
              'CFDI40197',
              `El ValorUnitario de la parte ${j + 1} del concepto ${i + 1} debe ser mayor que cero.`,
              `ValorUnitario of part ${j + 1} of concept ${i + 1} must be greater than zero.`,
              `${path}.ValorUnitario`,
            ),
          );
        }
        if (
          v === undefined ||
          p.Importe === undefined ||
          !isImporte(v) ||
          !isImporte(p.Importe) ||
          !isImporte(p.Cantidad)
        )
          return;
        const limits = checkConceptoImporte(p.Cantidad, v, p.Importe);
        if (limits.ok) return;
        out.push(
          error(
            'CFDI40198',
            `El Importe "${p.Importe}" de la parte ${j + 1} del concepto ${i + 1} debe ser Cantidad x ValorUnitario; se acepta entre ${limits.lower} y ${limits.upper}.`,
            `Importe "${p.Importe}" of part ${j + 1} of concept ${i + 1} must be Cantidad x ValorUnitario; accepted between ${limits.lower} and ${limits.upper}.`,
            `${path}.Importe`,
          ),
        );
      });
    });
    return out;
  },
};
