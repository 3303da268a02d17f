/**
 * Comprobante-level totals from the computed lines (SAT: Anexo 20; Guía 4.0 FAQ 39):
 * Traslados grouped by Impuesto, TipoFactor and TasaOCuota with Base and Importe = round(sum) (CFDI40215,
 * 40221); Retenciones grouped by Impuesto (40211); totals are sums of the summary nodes (40203, 40205);
 * SubTotal = round(sum of Importe); Descuento = round(sum of Descuento), absent when no line has one;
 * Total = SubTotal - Descuento + TotalImpuestosTrasladados - TotalImpuestosRetenidos.
 */
import { type Dec, roundTo, ZERO } from '../../money/decimal.js';
import { formatFixed } from '../../money/format.js';
import type { Impuestos, TrasladoResumen } from '../model.js';
import type { ComputedLine } from './concepto.js';

export interface Totals {
  SubTotal: string;
  Descuento?: string;
  Total: string;
  Impuestos?: Impuestos;
}

interface TrasladoGroup {
  impuesto: string;
  factor: 'Tasa' | 'Cuota' | 'Exento';
  rate: string | undefined;
  base: Dec;
  importe: Dec | undefined;
}

export function computeTotals(lines: readonly ComputedLine[], decimals: number): Totals {
  let subTotal = ZERO;
  let descuento: Dec | undefined;
  const traslados = new Map<string, TrasladoGroup>();
  const retenciones = new Map<string, Dec>();
  for (const line of lines) {
    subTotal = subTotal.plus(line.importe);
    if (line.descuento) descuento = (descuento ?? ZERO).plus(line.descuento);
    for (const tax of line.taxes) {
      if (tax.withholding) {
        retenciones.set(tax.impuesto, (retenciones.get(tax.impuesto) ?? ZERO).plus(tax.importe!));
        continue;
      }
      const rate = tax.rate ? formatFixed(tax.rate, 6) : undefined;
      const key = `${tax.impuesto}|${tax.factor}|${rate ?? ''}`;
      const group = traslados.get(key);
      if (group) {
        group.base = group.base.plus(tax.base);
        if (tax.importe) group.importe = (group.importe ?? ZERO).plus(tax.importe);
      } else {
        traslados.set(key, {
          impuesto: tax.impuesto,
          factor: tax.factor,
          rate,
          base: tax.base,
          importe: tax.importe,
        });
      }
    }
  }

  subTotal = roundTo(subTotal, decimals);
  const discount = descuento ? roundTo(descuento, decimals) : ZERO;
  let trasladados: Dec | undefined;
  let retenidos: Dec | undefined;
  const resumenTraslados: TrasladoResumen[] = [];
  for (const group of traslados.values()) {
    const node: TrasladoResumen = {
      Base: formatFixed(group.base, decimals),
      Impuesto: group.impuesto,
      TipoFactor: group.factor,
    };
    if (group.importe && group.rate !== undefined) {
      const importe = roundTo(group.importe, decimals);
      trasladados = (trasladados ?? ZERO).plus(importe);
      node.TasaOCuota = group.rate;
      node.Importe = formatFixed(importe, decimals);
    }
    resumenTraslados.push(node);
  }
  const resumenRetenciones = [...retenciones].map(([impuesto, sum]) => {
    const importe = roundTo(sum, decimals);
    retenidos = (retenidos ?? ZERO).plus(importe);
    return { Impuesto: impuesto, Importe: formatFixed(importe, decimals) };
  });

  const total = subTotal
    .minus(discount)
    .plus(trasladados ?? ZERO)
    .minus(retenidos ?? ZERO);
  const totals: Totals = { SubTotal: formatFixed(subTotal, decimals), Total: formatFixed(total, decimals) };
  if (descuento) totals.Descuento = formatFixed(discount, decimals);
  if (resumenTraslados.length > 0 || resumenRetenciones.length > 0) {
    const impuestos: Impuestos = {};
    if (retenidos) impuestos.TotalImpuestosRetenidos = formatFixed(retenidos, decimals);
    if (trasladados) impuestos.TotalImpuestosTrasladados = formatFixed(trasladados, decimals);
    if (resumenRetenciones.length > 0) impuestos.Retenciones = resumenRetenciones;
    if (resumenTraslados.length > 0) impuestos.Traslados = resumenTraslados;
    totals.Impuestos = impuestos;
  }
  return totals;
}
