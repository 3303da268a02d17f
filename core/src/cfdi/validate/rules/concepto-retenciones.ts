import { isImporte, isZero } from '../decimals.js';
import { error } from '../finding.js';
import { checkImpuestoImporte } from '../limits.js';
import { tasaOCuotaAllowed } from '../tasa-o-cuota.js';
import type { Finding, Rule } from '../types.js';

export const conceptoRetenciones: Rule = {
  codes: ['CFDI40181', 'CFDI40182', 'CFDI40183', 'CFDI40184', 'CFDI40185', 'CFDI40186'],
  meaning:
    'Retenciones del concepto: Base mayor que cero; Impuesto, TipoFactor (no Exento) y TasaOCuota de sus catálogos; Importe = Base x TasaOCuota dentro de los límites.',
  check(cfdi, ctx) {
    const out: Finding[] = [];
    cfdi.Conceptos.forEach((c, i) => {
      (c.Impuestos?.Retenciones ?? []).forEach((r, j) => {
        const path = `Conceptos[${i}].Impuestos.Retenciones[${j}]`;
        const where = `la retención ${j + 1} del concepto ${i + 1}`;
        const whereEn = `withholding ${j + 1} of concept ${i + 1}`;
        if (isImporte(r.Base) && isZero(r.Base)) {
          out.push(
            error(
              'CFDI40181',
              `La Base de ${where} debe ser mayor que cero.`,
              `Base of ${whereEn} must be greater than zero.`,
              `${path}.Base`,
            ),
          );
        }
        if (!ctx.catalogs.impuesto.has(r.Impuesto)) {
          out.push(
            error(
              'CFDI40182',
              `El Impuesto "${r.Impuesto}" de ${where} no está en c_Impuesto (001 ISR, 002 IVA, 003 IEPS).`,
              `Impuesto "${r.Impuesto}" of ${whereEn} is not in c_Impuesto (001 ISR, 002 VAT, 003 IEPS).`,
              `${path}.Impuesto`,
            ),
          );
        }
        const factor: string = r.TipoFactor;
        if (!ctx.catalogs.tipoFactor.has(factor)) {
          out.push(
            error(
              'CFDI40183',
              `El TipoFactor "${factor}" de ${where} no está en c_TipoFactor (Tasa, Cuota).`,
              `TipoFactor "${factor}" of ${whereEn} is not in c_TipoFactor (Tasa, Cuota).`,
              `${path}.TipoFactor`,
            ),
          );
          return;
        }
        if (factor === 'Exento') {
          out.push(
            error(
              'CFDI40184',
              `La retención ${j + 1} del concepto ${i + 1} no puede ser Exento: una retención es Tasa o Cuota.`,
              `${whereEn} cannot be Exento: a withholding is Tasa or Cuota.`,
              `${path}.TipoFactor`,
            ),
          );
          return;
        }
        if (!tasaOCuotaAllowed(ctx.catalogs, 'retencion', r.Impuesto, factor, r.TasaOCuota)) {
          out.push(
            error(
              'CFDI40185',
              `La TasaOCuota "${r.TasaOCuota}" de ${where} no está en c_TasaOCuota para retener el impuesto ${r.Impuesto} con factor ${factor} (IVA hasta 0.160000, ISR hasta 0.350000).`,
              `TasaOCuota "${r.TasaOCuota}" of ${whereEn} is not in c_TasaOCuota for withholding tax ${r.Impuesto} with factor ${factor} (VAT up to 0.160000, ISR up to 0.350000).`,
              `${path}.TasaOCuota`,
            ),
          );
          return;
        }
        if (!isImporte(r.Base) || !isImporte(r.Importe)) return;
        const limits = checkImpuestoImporte(r.Base, r.TasaOCuota, r.Importe);
        if (limits.ok) return;
        out.push(
          error(
            'CFDI40186',
            `El Importe "${r.Importe}" de ${where} debe ser Base x TasaOCuota (${limits.exact}); se acepta entre ${limits.lower} y ${limits.upper}.`,
            `Importe "${r.Importe}" of ${whereEn} must be Base x TasaOCuota (${limits.exact}); accepted between ${limits.lower} and ${limits.upper}.`,
            `${path}.Importe`,
          ),
        );
      });
    });
    return out;
  },
};
