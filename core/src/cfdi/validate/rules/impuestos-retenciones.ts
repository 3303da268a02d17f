import { type Fixed, fixed, round, toFixed } from '../../../money/fixed-point.js';
import { currencyDecimals } from '../currency.js';
import { decimalPlaces, isImporte } from '../decimals.js';
import { error } from '../finding.js';
import { retencionGroups } from '../tax-groups.js';
import type { Finding, Rule } from '../types.js';

export const impuestosRetenciones: Rule = {
  codes: [
    'CFDI40202',
    'CFDI40203',
    'CFDI40206',
    'CFDI40207',
    'CFDI40208',
    'CFDI40209',
    'CFDI40210',
    'CFDI40211',
  ],
  meaning:
    'Retenciones del comprobante: una por impuesto de c_Impuesto, cada Importe igual al redondeo de la suma de los conceptos, TotalImpuestosRetenidos presente e igual a su suma, decimales de la moneda.',
  check(cfdi, ctx) {
    const out: Finding[] = [];
    if (cfdi.TipoDeComprobante === 'T' || cfdi.TipoDeComprobante === 'P') return out;
    const decimals = currencyDecimals(cfdi, ctx);
    const summary = cfdi.Impuestos?.Retenciones ?? [];
    const total = cfdi.Impuestos?.TotalImpuestosRetenidos;
    const groups = retencionGroups(cfdi);
    if (total !== undefined && isImporte(total) && decimalPlaces(total) > decimals) {
      out.push(
        error(
          'CFDI40202',
          `TotalImpuestosRetenidos "${total}" tiene más de ${decimals} decimales, los que admite la moneda ${cfdi.Moneda}.`,
          `TotalImpuestosRetenidos "${total}" has more than the ${decimals} decimals currency ${cfdi.Moneda} allows.`,
          'Impuestos.TotalImpuestosRetenidos',
        ),
      );
    }
    if (summary.length > 0 && total === undefined) {
      out.push(
        error(
          'CFDI40206',
          'Agrega TotalImpuestosRetenidos: el comprobante tiene retenciones.',
          'Add TotalImpuestosRetenidos: the document has withholdings.',
          'Impuestos.TotalImpuestosRetenidos',
        ),
      );
    } else if (summary.length === 0 && total === undefined && groups !== undefined && groups.size > 0) {
      out.push(
        error(
          'CFDI40209',
          'Agrega las Retenciones del comprobante y TotalImpuestosRetenidos: los conceptos tienen retenciones.',
          'Add the document Retenciones and TotalImpuestosRetenidos: the concepts have withholdings.',
          'Impuestos.TotalImpuestosRetenidos',
        ),
      );
    }
    const seen = new Set<string>();
    let sum: Fixed = 0n;
    let sumValid = true;
    summary.forEach((r, i) => {
      const path = `Impuestos.Retenciones[${i}]`;
      if (!ctx.catalogs.impuesto.has(r.Impuesto)) {
        out.push(
          error(
            'CFDI40207',
            `El Impuesto "${r.Impuesto}" de la retención ${i + 1} no está en c_Impuesto.`,
            `Impuesto "${r.Impuesto}" of withholding ${i + 1} is not in c_Impuesto.`,
            `${path}.Impuesto`,
          ),
        );
      }
      if (seen.has(r.Impuesto)) {
        out.push(
          error(
            'CFDI40208',
            `Hay más de una retención del impuesto ${r.Impuesto}: agrúpalas en una sola.`,
            `More than one withholding of tax ${r.Impuesto}: merge them into one.`,
            `${path}.Impuesto`,
          ),
        );
      }
      seen.add(r.Impuesto);
      if (!isImporte(r.Importe)) {
        sumValid = false;
        return;
      }
      sum += fixed(r.Importe);
      if (decimalPlaces(r.Importe) > decimals) {
        out.push(
          error(
            'CFDI40210',
            `El Importe "${r.Importe}" de la retención ${i + 1} tiene más de ${decimals} decimales.`,
            `Importe "${r.Importe}" of withholding ${i + 1} has more than ${decimals} decimals.`,
            `${path}.Importe`,
          ),
        );
      }
      if (groups === undefined) return;
      const expected = round(groups.get(r.Impuesto) ?? 0n, decimals);
      if (expected !== fixed(r.Importe)) {
        out.push(
          error(
            'CFDI40211',
            `El Importe "${r.Importe}" de la retención del impuesto ${r.Impuesto} debe ser la suma redondeada de las retenciones de ese impuesto en los conceptos: ${toFixed(expected, decimals)}.`,
            `Importe "${r.Importe}" of the ${r.Impuesto} withholding must be the rounded sum of that tax's withholdings in the concepts: ${toFixed(expected, decimals)}.`,
            `${path}.Importe`,
          ),
        );
      }
    });
    for (const [impuesto, amount] of groups ?? []) {
      if (seen.has(impuesto) || summary.length === 0) continue;
      out.push(
        error(
          'CFDI40211',
          `Falta la retención del impuesto ${impuesto} en el comprobante: ${toFixed(amount, decimals)}.`,
          `The document lacks the withholding of tax ${impuesto}: ${toFixed(amount, decimals)}.`,
          'Impuestos.Retenciones',
        ),
      );
    }
    if (total !== undefined && isImporte(total) && sumValid && sum !== fixed(total)) {
      out.push(
        error(
          'CFDI40203',
          `TotalImpuestosRetenidos "${total}" debe ser la suma de las retenciones del comprobante: ${toFixed(sum, decimals)}.`,
          `TotalImpuestosRetenidos "${total}" must be the sum of the document withholdings: ${toFixed(sum, decimals)}.`,
          'Impuestos.TotalImpuestosRetenidos',
        ),
      );
    }
    return out;
  },
};
