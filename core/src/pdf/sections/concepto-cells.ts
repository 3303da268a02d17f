/**
 * One concepto as table cells: keys, quantity, unit, the description followed by its ObjetoImp, each tax
 * (Traslado/Retención with impuesto, tasa, base and importe) and any third-party, customs, property or
 * part data, then the amounts. Every cell is pre-wrapped lines, so rows can be measured and split.
 */
import type { Concepto, RetencionConcepto, TrasladoConcepto } from '../../cfdi/model.js';
import type { RenderContext } from '../context.js';
import { formatAmount, formatRate } from '../display-format.js';
import { type Align, type Line, measure, toLines } from '../text-lines.js';
import { toWinAnsi } from '../win-ansi.js';

export interface Column {
  key: 'clave' | 'cantidad' | 'unidad' | 'descripcion' | 'valorUnitario' | 'descuento' | 'importe';
  width: number;
  align: Align;
}

export const CELL_PAD = 3;

export function conceptoCells(ctx: RenderContext, concepto: Concepto, columns: Column[]): Line[][] {
  return columns.map((column) => cell(ctx, concepto, column));
}

function cell(ctx: RenderContext, concepto: Concepto, column: Column): Line[] {
  const width = column.width - 2 * CELL_PAD;
  const text = (value: string, style = ctx.styles.body) => toLines(ctx.doc, value, width, style);
  switch (column.key) {
    case 'clave':
      return [
        ...text(concepto.ClaveProdServ),
        ...(concepto.NoIdentificacion
          ? text(`${ctx.labels.noIdentificacion}: ${concepto.NoIdentificacion}`, ctx.styles.small)
          : []),
      ];
    case 'cantidad':
      return text(formatAmount(concepto.Cantidad));
    case 'unidad':
      return [
        ...text(concepto.ClaveUnidad, ctx.styles.bodyBold),
        ...text(concepto.Unidad ?? ctx.name('claveUnidad', concepto.ClaveUnidad), ctx.styles.small),
      ];
    case 'descripcion':
      return [
        ...text(concepto.Descripcion),
        ...pack(detailTexts(ctx, concepto), width, measure(ctx.doc, ctx.styles.small)).flatMap((detail) =>
          text(detail, ctx.styles.small),
        ),
      ];
    case 'valorUnitario':
      return text(formatAmount(concepto.ValorUnitario));
    case 'descuento':
      return concepto.Descuento ? text(formatAmount(concepto.Descuento)) : [];
    case 'importe':
      return text(formatAmount(concepto.Importe), ctx.styles.bodyBold);
  }
}

const SEPARATOR = ' · ';

/** Puts short detail items on one line (joined by ' · ') while they fit, so a row stays compact. */
function pack(items: string[], width: number, measureText: (text: string) => number): string[] {
  const lines: string[] = [];
  for (const item of items) {
    const last = lines[lines.length - 1];
    const joined = last === undefined ? undefined : `${last}${SEPARATOR}${item}`;
    if (joined !== undefined && measureText(toWinAnsi(joined)) <= width) lines[lines.length - 1] = joined;
    else lines.push(item);
  }
  return lines;
}

function detailTexts(ctx: RenderContext, concepto: Concepto): string[] {
  const { labels, describe } = ctx;
  const out = [`${labels.objetoImp}: ${describe('objetoImp', concepto.ObjetoImp)}`];
  for (const traslado of concepto.Impuestos?.Traslados ?? [])
    out.push(taxText(ctx, labels.traslado, traslado));
  for (const retencion of concepto.Impuestos?.Retenciones ?? [])
    out.push(taxText(ctx, labels.retencion, retencion));
  const terceros = concepto.ACuentaTerceros;
  if (terceros) {
    out.push(
      `${labels.aCuentaTerceros}: ${terceros.RfcACuentaTerceros} - ${terceros.NombreACuentaTerceros}; ` +
        `${labels.regimen}: ${describe('regimenFiscal', terceros.RegimenFiscalACuentaTerceros)}; ` +
        `${labels.domicilioFiscal}: ${terceros.DomicilioFiscalACuentaTerceros}`,
    );
  }
  for (const aduana of concepto.InformacionAduanera ?? [])
    out.push(`${labels.pedimento}: ${aduana.NumeroPedimento}`);
  for (const predial of concepto.CuentaPredial ?? []) out.push(`${labels.cuentaPredial}: ${predial.Numero}`);
  for (const parte of concepto.Parte ?? []) {
    const importe = parte.Importe ? ` = ${formatAmount(parte.Importe)}` : '';
    out.push(
      `${labels.parte}: ${parte.ClaveProdServ} ${parte.NoIdentificacion ?? ''} ${formatAmount(parte.Cantidad)} x ${parte.Descripcion}${importe}`.replace(
        /\s+/g,
        ' ',
      ),
    );
  }
  return out;
}

/** 'Traslado IVA 16% · Base 1,350.00 · Importe 216.00'; 'Traslado IVA Exento · Base 100.00'. */
export function taxText(
  ctx: RenderContext,
  kind: string,
  tax: Pick<
    TrasladoConcepto | RetencionConcepto,
    'Base' | 'Impuesto' | 'TipoFactor' | 'TasaOCuota' | 'Importe'
  >,
): string {
  const { labels } = ctx;
  const rate =
    tax.TipoFactor === 'Exento'
      ? labels.exento
      : tax.TipoFactor === 'Cuota'
        ? `${labels.cuota} ${tax.TasaOCuota ?? ''}`
        : formatRate(tax.TasaOCuota ?? '');
  const parts = [
    `${kind} ${ctx.name('impuesto', tax.Impuesto)} ${rate}`,
    `${labels.base} ${formatAmount(tax.Base)}`,
  ];
  if (tax.Importe !== undefined) parts.push(`${labels.importe} ${formatAmount(tax.Importe)}`);
  return parts.join(' · ');
}
