/**
 * Sums of the concepts' taxes, grouped the way the summary Impuestos node must group them: traslados by
 * Impuesto + TipoFactor + TasaOCuota, retenciones by Impuesto. Shared by the summary rules.
 */
import { type Fixed, fixed, toFixed } from '../../money/fixed-point.js';
import type { Comprobante } from '../model.js';
import { isImporte } from './decimals.js';

export interface TrasladoGroup {
  impuesto: string;
  factor: string;
  tasa?: string;
  base: Fixed;
  importe: Fixed;
}

const SIX = /^[0-9]+\.[0-9]{6}$/;

const normalized = new Map<string, string>();

/** The TasaOCuota as 6 decimals, so "0.16" and "0.160000" group together (the few rates in use are kept). */
export function normalizeTasa(tasa: string | undefined): string {
  if (tasa === undefined) return '';
  let text = normalized.get(tasa);
  if (text === undefined) {
    text = SIX.test(tasa) ? tasa : isImporte(tasa) ? toFixed(fixed(tasa), 6) : tasa;
    if (normalized.size >= 1024) normalized.clear();
    normalized.set(tasa, text);
  }
  return text;
}

export function trasladoKey(impuesto: string, factor: string, tasa: string | undefined): string {
  return `${impuesto}|${factor}|${normalizeTasa(tasa)}`;
}

/**
 * Returns undefined when an amount is malformed (the XSD rules report that). Groups are found by
 * comparing impuesto, factor and normalised rate; the key string is written once per group.
 */
export function trasladoGroups(cfdi: Comprobante): Map<string, TrasladoGroup> | undefined {
  const found: { group: TrasladoGroup; rate: string }[] = [];
  for (const c of cfdi.Conceptos) {
    for (const t of c.Impuestos?.Traslados ?? []) {
      if (!isImporte(t.Base) || (t.Importe !== undefined && !isImporte(t.Importe))) return undefined;
      const rate = normalizeTasa(t.TasaOCuota);
      let group: TrasladoGroup | undefined;
      for (const entry of found) {
        const g = entry.group;
        if (g.impuesto === t.Impuesto && g.factor === t.TipoFactor && entry.rate === rate) {
          group = g;
          break;
        }
      }
      if (group === undefined) {
        const created: TrasladoGroup = {
          impuesto: t.Impuesto,
          factor: t.TipoFactor,
          base: fixed(t.Base),
          importe: t.Importe === undefined ? 0n : fixed(t.Importe),
        };
        if (t.TasaOCuota !== undefined) created.tasa = t.TasaOCuota;
        found.push({ group: created, rate });
      } else {
        group.base += fixed(t.Base);
        if (t.Importe !== undefined) group.importe += fixed(t.Importe);
      }
    }
  }
  const groups = new Map<string, TrasladoGroup>();
  for (const { group, rate } of found) groups.set(`${group.impuesto}|${group.factor}|${rate}`, group);
  return groups;
}

export function retencionGroups(cfdi: Comprobante): Map<string, Fixed> | undefined {
  const groups = new Map<string, Fixed>();
  for (const c of cfdi.Conceptos) {
    for (const r of c.Impuestos?.Retenciones ?? []) {
      if (!isImporte(r.Importe)) return undefined;
      groups.set(r.Impuesto, (groups.get(r.Impuesto) ?? 0n) + fixed(r.Importe));
    }
  }
  return groups;
}
