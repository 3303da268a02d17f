import { isImporte, isZero } from '../decimals.js';
import { error } from '../finding.js';
import { checkImpuestoImporte } from '../limits.js';
import { tasaOCuotaAllowed } from '../tasa-o-cuota.js';
import type { Finding, Rule } from '../types.js';

// Paths and places are only written when a finding needs them.
const at = (i: number, j: number) => `Conceptos[${i}].Impuestos.Retenciones[${j}]`;
const where = (i: number, j: number) => `la retención ${j + 1} del concepto ${i + 1}`;
const whereEn = (i: number, j: number) => `withholding ${j + 1} of concept ${i + 1}`;

export const conceptoRetenciones: Rule = {
  codes: ['CFDI40181', 'CFDI40182', 'CFDI40183', 'CFDI40184', 'CFDI40185', 'CFDI40186'],
  meaning:
    'Retenciones del concepto: Base mayor que cero; Impuesto, TipoFactor (no Exento) y TasaOCuota de sus catálogos; Importe = Base x TasaOCuota dentro de los límites.',
  check(cfdi, ctx) {
    const out: Finding[] = [];
    for (let i = 0; i < cfdi.Conceptos.length; i++) {
      const retenciones = cfdi.Conceptos[i]!.Impuestos?.Retenciones ?? [];
      for (let j = 0; j < retenciones.length; j++) {
        const r = retenciones[j]!;
        if (isImporte(r.Base) && isZero(r.Base)) {
          out.push(
            error(
              'CFDI40181',
              `La Base de ${where(i, j)} debe ser mayor que cero.`,
              `Base of ${whereEn(i, j)} must be greater than zero.`,
              `${at(i, j)}.Base`,
            ),
          );
        }
        if (!ctx.catalogs.impuesto.has(r.Impuesto)) {
          out.push(
            error(
              'CFDI40182',
              `El Impuesto "${r.Impuesto}" de ${where(i, j)} no está en c_Impuesto (001 ISR, 002 IVA, 003 IEPS).`,
              `Impuesto "${r.Impuesto}" of ${whereEn(i, j)} is not in c_Impuesto (001 ISR, 002 VAT, 003 IEPS).`,
              `${at(i, j)}.Impuesto`,
            ),
          );
        }
        const factor: string = r.TipoFactor;
        if (!ctx.catalogs.tipoFactor.has(factor)) {
          out.push(
            error(
              'CFDI40183',
              `El TipoFactor "${factor}" de ${where(i, j)} no está en c_TipoFactor (Tasa, Cuota).`,
              `TipoFactor "${factor}" of ${whereEn(i, j)} is not in c_TipoFactor (Tasa, Cuota).`,
              `${at(i, j)}.TipoFactor`,
            ),
          );
          continue;
        }
        if (factor === 'Exento') {
          out.push(
            error(
              'CFDI40184',
              `La retención ${j + 1} del concepto ${i + 1} no puede ser Exento: una retención es Tasa o Cuota.`,
              `${whereEn(i, j)} cannot be Exento: a withholding is Tasa or Cuota.`,
              `${at(i, j)}.TipoFactor`,
            ),
          );
          continue;
        }
        if (!tasaOCuotaAllowed(ctx.catalogs, 'retencion', r.Impuesto, factor, r.TasaOCuota)) {
          out.push(
            error(
              'CFDI40185',
              `La TasaOCuota "${r.TasaOCuota}" de ${where(i, j)} no está en c_TasaOCuota para retener el impuesto ${r.Impuesto} con factor ${factor} (IVA hasta 0.160000, ISR hasta 0.350000).`,
              `TasaOCuota "${r.TasaOCuota}" of ${whereEn(i, j)} is not in c_TasaOCuota for withholding tax ${r.Impuesto} with factor ${factor} (VAT up to 0.160000, ISR up to 0.350000).`,
              `${at(i, j)}.TasaOCuota`,
            ),
          );
          continue;
        }
        if (!isImporte(r.Base) || !isImporte(r.Importe)) continue;
        const limits = checkImpuestoImporte(r.Base, r.TasaOCuota, r.Importe);
        if (limits.ok) continue;
        out.push(
          error(
            'CFDI40186',
            `El Importe "${r.Importe}" de ${where(i, j)} debe ser Base x TasaOCuota (${limits.exact}); se acepta entre ${limits.lower} y ${limits.upper}.`,
            `Importe "${r.Importe}" of ${whereEn(i, j)} must be Base x TasaOCuota (${limits.exact}); accepted between ${limits.lower} and ${limits.upper}.`,
            `${at(i, j)}.Importe`,
          ),
        );
      }
    }
    return out;
  },
};
