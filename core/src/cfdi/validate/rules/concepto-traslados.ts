import { isImporte, isZero } from '../decimals.js';
import { error } from '../finding.js';
import { checkImpuestoImporte } from '../limits.js';
import { tasaOCuotaAllowed } from '../tasa-o-cuota.js';
import type { Finding, Rule } from '../types.js';

// Paths and places are only written when a finding needs them.
const at = (i: number, j: number) => `Conceptos[${i}].Impuestos.Traslados[${j}]`;
const ofWhere = (i: number, j: number) => `del traslado ${j + 1} del concepto ${i + 1}`;
const whereEn = (i: number, j: number) => `transfer ${j + 1} of concept ${i + 1}`;

export const conceptoTraslados: Rule = {
  codes: ['CFDI40174', 'CFDI40175', 'CFDI40176', 'CFDI40177', 'CFDI40178', 'CFDI40179', 'CFDI40180'],
  meaning:
    'Traslados del concepto: Base mayor que cero; Impuesto, TipoFactor y TasaOCuota de sus catálogos; Exento sin tasa ni importe; Importe = Base x TasaOCuota dentro de los límites.',
  check(cfdi, ctx) {
    const out: Finding[] = [];
    for (let i = 0; i < cfdi.Conceptos.length; i++) {
      const traslados = cfdi.Conceptos[i]!.Impuestos?.Traslados ?? [];
      for (let j = 0; j < traslados.length; j++) {
        const t = traslados[j]!;
        if (isImporte(t.Base) && isZero(t.Base)) {
          out.push(
            error(
              'CFDI40174',
              `La Base ${ofWhere(i, j)} debe ser mayor que cero.`,
              `Base of ${whereEn(i, j)} must be greater than zero.`,
              `${at(i, j)}.Base`,
            ),
          );
        }
        if (!ctx.catalogs.impuesto.has(t.Impuesto)) {
          out.push(
            error(
              'CFDI40175',
              `El Impuesto "${t.Impuesto}" ${ofWhere(i, j)} no está en c_Impuesto (002 IVA, 003 IEPS).`,
              `Impuesto "${t.Impuesto}" of ${whereEn(i, j)} is not in c_Impuesto (002 VAT, 003 IEPS).`,
              `${at(i, j)}.Impuesto`,
            ),
          );
        }
        if (!ctx.catalogs.tipoFactor.has(t.TipoFactor)) {
          out.push(
            error(
              'CFDI40176',
              `El TipoFactor "${t.TipoFactor}" ${ofWhere(i, j)} no está en c_TipoFactor (Tasa, Cuota, Exento).`,
              `TipoFactor "${t.TipoFactor}" of ${whereEn(i, j)} is not in c_TipoFactor (Tasa, Cuota, Exento).`,
              `${at(i, j)}.TipoFactor`,
            ),
          );
          continue;
        }
        if (t.TipoFactor === 'Exento') {
          if (t.TasaOCuota !== undefined || t.Importe !== undefined) {
            out.push(
              error(
                'CFDI40177',
                `El traslado ${j + 1} del concepto ${i + 1} es Exento: quita TasaOCuota e Importe.`,
                `${whereEn(i, j)} is Exento: remove TasaOCuota and Importe.`,
                at(i, j),
              ),
            );
          }
          continue;
        }
        if (t.TasaOCuota === undefined || t.Importe === undefined) {
          out.push(
            error(
              'CFDI40178',
              `El traslado ${j + 1} del concepto ${i + 1} es ${t.TipoFactor}: agrega TasaOCuota e Importe.`,
              `${whereEn(i, j)} is ${t.TipoFactor}: add TasaOCuota and Importe.`,
              at(i, j),
            ),
          );
          continue;
        }
        if (!tasaOCuotaAllowed(ctx.catalogs, 'traslado', t.Impuesto, t.TipoFactor, t.TasaOCuota)) {
          out.push(
            error(
              'CFDI40179',
              `La TasaOCuota "${t.TasaOCuota}" ${ofWhere(i, j)} no está en c_TasaOCuota para el impuesto ${t.Impuesto} con factor ${t.TipoFactor} (IVA: 0.160000, 0.080000 o 0.000000).`,
              `TasaOCuota "${t.TasaOCuota}" of ${whereEn(i, j)} is not in c_TasaOCuota for tax ${t.Impuesto} with factor ${t.TipoFactor} (VAT: 0.160000, 0.080000 or 0.000000).`,
              `${at(i, j)}.TasaOCuota`,
            ),
          );
          continue;
        }
        if (!isImporte(t.Base) || !isImporte(t.Importe)) continue;
        const limits = checkImpuestoImporte(t.Base, t.TasaOCuota, t.Importe);
        if (limits.ok) continue;
        out.push(
          error(
            'CFDI40180',
            `El Importe "${t.Importe}" ${ofWhere(i, j)} debe ser Base x TasaOCuota (${limits.exact}); se acepta entre ${limits.lower} y ${limits.upper}.`,
            `Importe "${t.Importe}" of ${whereEn(i, j)} must be Base x TasaOCuota (${limits.exact}); accepted between ${limits.lower} and ${limits.upper}.`,
            `${at(i, j)}.Importe`,
          ),
        );
      }
    }
    return out;
  },
};
