import { isImporte, isZero } from '../decimals.js';
import { error } from '../finding.js';
import { checkConceptoImporte } from '../limits.js';
import type { Finding, Rule } from '../types.js';

export const conceptoImporte: Rule = {
  codes: ['CFDI40166', 'CFDI40167'],
  meaning:
    'Concepto: ValorUnitario mayor que cero en I, E y N; Importe = Cantidad x ValorUnitario dentro de los límites de redondeo.',
  check(cfdi) {
    const out: Finding[] = [];
    const positive =
      cfdi.TipoDeComprobante === 'I' || cfdi.TipoDeComprobante === 'E' || cfdi.TipoDeComprobante === 'N';
    for (let i = 0; i < cfdi.Conceptos.length; i++) {
      const c = cfdi.Conceptos[i]!;
      if (!isImporte(c.ValorUnitario) || !isImporte(c.Importe) || !isImporte(c.Cantidad)) continue; // XSD rule
      if (positive && isZero(c.ValorUnitario)) {
        out.push(
          error(
            'CFDI40166',
            `El ValorUnitario del concepto ${i + 1} debe ser mayor que cero en un comprobante de tipo ${cfdi.TipoDeComprobante}.`,
            `ValorUnitario of concept ${i + 1} must be greater than zero in a type ${cfdi.TipoDeComprobante} document.`,
            `Conceptos[${i}].ValorUnitario`,
          ),
        );
      }
      const limits = checkConceptoImporte(c.Cantidad, c.ValorUnitario, c.Importe);
      if (limits.ok) continue;
      out.push(
        error(
          'CFDI40167',
          `El Importe "${c.Importe}" del concepto ${i + 1} debe ser Cantidad x ValorUnitario (${limits.exact}); se acepta entre ${limits.lower} y ${limits.upper}.`,
          `Importe "${c.Importe}" of concept ${i + 1} must be Cantidad x ValorUnitario (${limits.exact}); accepted between ${limits.lower} and ${limits.upper}.`,
          `Conceptos[${i}].Importe`,
        ),
      );
    }
    return out;
  },
};
