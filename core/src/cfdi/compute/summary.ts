/**
 * Comprobante-level totals from the computed lines (SAT: Anexo 20; Guía 4.0 FAQ 39):
 * Traslados grouped by Impuesto, TipoFactor and TasaOCuota with Base and Importe = round(sum) (CFDI40215,
 * 40221); Retenciones grouped by Impuesto (40211); totals are sums of the summary nodes (40203, 40205);
 * SubTotal = round(sum of Importe); Descuento = round(sum of Descuento), absent when no line has one;
 * Total = SubTotal - Descuento + TotalImpuestosTrasladados - TotalImpuestosRetenidos.
 */
import { type Fixed, round, toFixed } from '../../money/fixed-point.js';
import type { Impuestos, TrasladoResumen } from '../model.js';
import { type ComputedLine, tasaOCuota } from './concepto.js';

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
  base: Fixed;
  importe: Fixed | undefined;
}

export function computeTotals(lines: readonly ComputedLine[], decimals: number): Totals {
  let subTotal = 0n;
  let descuento: Fixed | undefined;
  // Few groups per document: found by comparing their fields, no key string per tax.
  const traslados: TrasladoGroup[] = [];
  const retenciones = new Map<string, Fixed>();
  for (const line of lines) {
    subTotal += line.importe;
    if (line.descuento !== undefined) descuento = (descuento ?? 0n) + line.descuento;
    for (const tax of line.taxes) {
      if (tax.withholding) {
        retenciones.set(tax.impuesto, (retenciones.get(tax.impuesto) ?? 0n) + tax.importe!);
        continue;
      }
      const rate = tax.rate === undefined ? undefined : tasaOCuota(tax.rate);
      let group: TrasladoGroup | undefined;
      for (const g of traslados) {
        if (g.impuesto === tax.impuesto && g.factor === tax.factor && g.rate === rate) {
          group = g;
          break;
        }
      }
      if (group) {
        group.base += tax.base;
        if (tax.importe !== undefined) group.importe = (group.importe ?? 0n) + tax.importe;
      } else {
        traslados.push({
          impuesto: tax.impuesto,
          factor: tax.factor,
          rate,
          base: tax.base,
          importe: tax.importe,
        });
      }
    }
  }

  subTotal = round(subTotal, decimals);
  const discount = descuento === undefined ? 0n : round(descuento, decimals);
  let trasladados: Fixed | undefined;
  let retenidos: Fixed | undefined;
  const resumenTraslados: TrasladoResumen[] = [];
  for (const group of traslados) {
    const node: TrasladoResumen = {
      Base: toFixed(group.base, decimals),
      Impuesto: group.impuesto,
      TipoFactor: group.factor,
    };
    if (group.importe !== undefined && group.rate !== undefined) {
      const importe = round(group.importe, decimals);
      trasladados = (trasladados ?? 0n) + importe;
      node.TasaOCuota = group.rate;
      node.Importe = toFixed(importe, decimals);
    }
    resumenTraslados.push(node);
  }
  const resumenRetenciones: { Impuesto: string; Importe: string }[] = [];
  for (const [impuesto, sum] of retenciones) {
    const importe = round(sum, decimals);
    retenidos = (retenidos ?? 0n) + importe;
    resumenRetenciones.push({ Impuesto: impuesto, Importe: toFixed(importe, decimals) });
  }

  const total = subTotal - discount + (trasladados ?? 0n) - (retenidos ?? 0n);
  const totals: Totals = { SubTotal: toFixed(subTotal, decimals), Total: toFixed(total, decimals) };
  if (descuento !== undefined) totals.Descuento = toFixed(discount, decimals);
  if (resumenTraslados.length > 0 || resumenRetenciones.length > 0) {
    const impuestos: Impuestos = {};
    if (retenidos !== undefined) impuestos.TotalImpuestosRetenidos = toFixed(retenidos, decimals);
    if (trasladados !== undefined) impuestos.TotalImpuestosTrasladados = toFixed(trasladados, decimals);
    if (resumenRetenciones.length > 0) impuestos.Retenciones = resumenRetenciones;
    if (resumenTraslados.length > 0) impuestos.Traslados = resumenTraslados;
    totals.Impuestos = impuestos;
  }
  return totals;
}
