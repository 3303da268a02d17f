import { type Fixed, fixed, round, toFixed } from '../../../money/fixed-point.js';
import { currencyDecimals } from '../currency.js';
import { decimalPlaces, isImporte } from '../decimals.js';
import { error } from '../finding.js';
import { tasaOCuotaAllowed } from '../tasa-o-cuota.js';
import { trasladoGroups, trasladoKey } from '../tax-groups.js';
import type { Finding, Rule } from '../types.js';

function tooManyDecimals(value: string, decimals: number): boolean {
  return isImporte(value) && decimalPlaces(value) > decimals;
}

export const impuestosTraslados: Rule = {
  codes: [
    'CFDI40204',
    'CFDI40205',
    'CFDI40212',
    'CFDI40213',
    'CFDI40214',
    'CFDI40215',
    'CFDI40216',
    'CFDI40217',
    'CFDI40218',
    'CFDI40219',
    'CFDI40220',
    'CFDI40221',
  ],
  meaning:
    'Traslados del comprobante: uno por impuesto, factor y tasa de los catálogos; Base e Importe iguales al redondeo de la suma de los conceptos; TotalImpuestosTrasladados igual a su suma; decimales de la moneda.',
  check(cfdi, ctx) {
    const out: Finding[] = [];
    if (cfdi.TipoDeComprobante === 'T' || cfdi.TipoDeComprobante === 'P') return out;
    const decimals = currencyDecimals(cfdi, ctx);
    const summary = cfdi.Impuestos?.Traslados ?? [];
    const total = cfdi.Impuestos?.TotalImpuestosTrasladados;
    const groups = trasladoGroups(cfdi);
    if (total !== undefined && tooManyDecimals(total, decimals)) {
      out.push(
        error(
          'CFDI40204',
          `TotalImpuestosTrasladados "${total}" tiene más de ${decimals} decimales, los que admite la moneda ${cfdi.Moneda}.`,
          `TotalImpuestosTrasladados "${total}" has more than the ${decimals} decimals currency ${cfdi.Moneda} allows.`,
          'Impuestos.TotalImpuestosTrasladados',
        ),
      );
    }
    const taxed = summary.some((t) => t.TipoFactor !== 'Exento');
    if (taxed && total === undefined) {
      out.push(
        error(
          'CFDI40212',
          'Agrega TotalImpuestosTrasladados: el comprobante traslada impuestos con tasa o cuota.',
          'Add TotalImpuestosTrasladados: the document transfers taxes with a rate or fee.',
          'Impuestos.TotalImpuestosTrasladados',
        ),
      );
    }
    let onlyExento = groups !== undefined && groups.size > 0;
    for (const group of groups?.values() ?? []) if (group.factor !== 'Exento') onlyExento = false;
    if (onlyExento && total !== undefined) {
      out.push(
        error(
          'CFDI40213',
          'Quita TotalImpuestosTrasladados: todos los traslados son exentos.',
          'Remove TotalImpuestosTrasladados: every transfer is exempt.',
          'Impuestos.TotalImpuestosTrasladados',
        ),
      );
    }
    const seen = new Set<string>();
    let sum: Fixed = 0n;
    let sumValid = true;
    for (let i = 0; i < summary.length; i++) {
      const t = summary[i]!;
      const key = trasladoKey(t.Impuesto, t.TipoFactor, t.TasaOCuota);
      if (!ctx.catalogs.impuesto.has(t.Impuesto)) {
        out.push(
          error(
            'CFDI40217',
            `El Impuesto "${t.Impuesto}" del traslado ${i + 1} no está en c_Impuesto.`,
            `Impuesto "${t.Impuesto}" of transfer ${i + 1} is not in c_Impuesto.`,
            `Impuestos.Traslados[${i}].Impuesto`,
          ),
        );
      }
      if (seen.has(key)) {
        out.push(
          error(
            'CFDI40218',
            `Hay más de un traslado con impuesto ${t.Impuesto}, factor ${t.TipoFactor} y tasa ${t.TasaOCuota ?? '-'}: agrúpalos en uno.`,
            `More than one transfer with tax ${t.Impuesto}, factor ${t.TipoFactor} and rate ${t.TasaOCuota ?? '-'}: merge them.`,
            `Impuestos.Traslados[${i}]`,
          ),
        );
      }
      seen.add(key);
      if (t.TipoFactor === 'Exento') {
        if (t.TasaOCuota !== undefined || t.Importe !== undefined) {
          out.push(
            error(
              'CFDI40213',
              `El traslado exento ${i + 1} del comprobante solo lleva Base, Impuesto y TipoFactor: quita TasaOCuota e Importe.`,
              `Exempt transfer ${i + 1} only carries Base, Impuesto and TipoFactor: remove TasaOCuota and Importe.`,
              `Impuestos.Traslados[${i}]`,
            ),
          );
        }
      } else if (
        t.TasaOCuota === undefined ||
        !tasaOCuotaAllowed(ctx.catalogs, 'traslado', t.Impuesto, t.TipoFactor, t.TasaOCuota)
      ) {
        out.push(
          error(
            'CFDI40219',
            `La TasaOCuota "${t.TasaOCuota ?? ''}" del traslado ${i + 1} no está en c_TasaOCuota para el impuesto ${t.Impuesto} con factor ${t.TipoFactor}.`,
            `TasaOCuota "${t.TasaOCuota ?? ''}" of transfer ${i + 1} is not in c_TasaOCuota for tax ${t.Impuesto} with factor ${t.TipoFactor}.`,
            `Impuestos.Traslados[${i}].TasaOCuota`,
          ),
        );
      }
      if (tooManyDecimals(t.Base, decimals)) {
        out.push(
          error(
            'CFDI40214',
            `La Base "${t.Base}" del traslado ${i + 1} tiene más de ${decimals} decimales.`,
            `Base "${t.Base}" of transfer ${i + 1} has more than ${decimals} decimals.`,
            `Impuestos.Traslados[${i}].Base`,
          ),
        );
      }
      if (t.Importe !== undefined) {
        if (!isImporte(t.Importe)) sumValid = false;
        else {
          sum += fixed(t.Importe);
          if (tooManyDecimals(t.Importe, decimals)) {
            out.push(
              error(
                'CFDI40220',
                `El Importe "${t.Importe}" del traslado ${i + 1} tiene más de ${decimals} decimales.`,
                `Importe "${t.Importe}" of transfer ${i + 1} has more than ${decimals} decimals.`,
                `Impuestos.Traslados[${i}].Importe`,
              ),
            );
          }
        }
      }
      if (groups === undefined || !isImporte(t.Base)) continue;
      const group = groups.get(key);
      const expectedBase = round(group?.base ?? 0n, decimals);
      if (expectedBase !== fixed(t.Base)) {
        const code = t.TipoFactor === 'Exento' ? 'CFDI40216' : 'CFDI40215';
        out.push(
          error(
            code,
            `La Base "${t.Base}" del traslado ${i + 1} debe ser la suma redondeada de las bases de los conceptos con el mismo impuesto, factor y tasa: ${toFixed(expectedBase, decimals)}.`,
            `Base "${t.Base}" of transfer ${i + 1} must be the rounded sum of the concept bases with the same tax, factor and rate: ${toFixed(expectedBase, decimals)}.`,
            `Impuestos.Traslados[${i}].Base`,
          ),
        );
      }
      if (t.TipoFactor === 'Exento' || t.Importe === undefined || !isImporte(t.Importe)) continue;
      const expected = round(group?.importe ?? 0n, decimals);
      if (expected !== fixed(t.Importe)) {
        out.push(
          error(
            'CFDI40221',
            `El Importe "${t.Importe}" del traslado ${i + 1} debe ser la suma redondeada de los importes de los conceptos con el mismo impuesto y tasa: ${toFixed(expected, decimals)}.`,
            `Importe "${t.Importe}" of transfer ${i + 1} must be the rounded sum of the concept amounts with the same tax and rate: ${toFixed(expected, decimals)}.`,
            `Impuestos.Traslados[${i}].Importe`,
          ),
        );
      }
    }
    for (const [key, group] of groups ?? []) {
      if (seen.has(key)) continue;
      const exento = group.factor === 'Exento';
      out.push(
        error(
          exento ? 'CFDI40216' : 'CFDI40221',
          `Falta en el comprobante el traslado de impuesto ${group.impuesto}, factor ${group.factor}${group.tasa ? ` y tasa ${group.tasa}` : ''} que tienen los conceptos (Base ${toFixed(round(group.base, decimals), decimals)}).`,
          `The document lacks the transfer of tax ${group.impuesto}, factor ${group.factor}${group.tasa ? ` and rate ${group.tasa}` : ''} the concepts have (Base ${toFixed(round(group.base, decimals), decimals)}).`,
          'Impuestos.Traslados',
        ),
      );
    }
    if (total !== undefined && isImporte(total) && sumValid && sum !== fixed(total)) {
      out.push(
        error(
          'CFDI40205',
          `TotalImpuestosTrasladados "${total}" debe ser la suma de los importes de los traslados del comprobante: ${toFixed(sum, decimals)}.`,
          `TotalImpuestosTrasladados "${total}" must be the sum of the document transfer amounts: ${toFixed(sum, decimals)}.`,
          'Impuestos.TotalImpuestosTrasladados',
        ),
      );
    }
    return out;
  },
};
