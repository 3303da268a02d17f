/**
 * The summary under the conceptos: on the left the amount in words and the taxes broken down (each
 * traslado by impuesto, factor and tasa with its base, each retención); on the right subtotal,
 * descuento, total taxes and the Total. Kept together on one page.
 */
import type { RenderContext } from '../context.js';
import { formatAmount, formatRate } from '../display-format.js';
import type { Flow } from '../flow.js';
import { type Align, drawLines, heightOf, type Line, toLines } from '../text-lines.js';

const GAP = 12;
const PAD = 3;

export function drawSummary(ctx: RenderContext, flow: Flow): void {
  const { doc, comprobante: c, labels, styles, theme } = ctx;
  const rightWidth = Math.round(flow.width * 0.36);
  const leftWidth = flow.width - rightWidth - GAP;

  const words = [
    ...toLines(doc, labels.importeConLetra, leftWidth, styles.label),
    ...toLines(doc, ctx.totalInWords, leftWidth, styles.bodyBold),
  ];
  const taxes = taxTable(ctx, leftWidth);
  const leftHeight = heightOf(words) + (taxes ? 6 + taxes.height : 0);

  const amountWidth = 90;
  const labelWidth = rightWidth - amountWidth - 2 * PAD;
  const rows: [string, string][] = [[labels.subtotal, c.SubTotal]];
  if (c.Descuento !== undefined) rows.push([labels.descuento, c.Descuento]);
  if (c.Impuestos?.TotalImpuestosTrasladados !== undefined)
    rows.push([labels.totalTrasladados, c.Impuestos.TotalImpuestosTrasladados]);
  if (c.Impuestos?.TotalImpuestosRetenidos !== undefined)
    rows.push([labels.totalRetenidos, c.Impuestos.TotalImpuestosRetenidos]);
  const rowLines = rows.map(([label, value]) => ({
    label: toLines(doc, label, labelWidth, styles.body),
    value: toLines(doc, formatAmount(value), amountWidth, styles.bodyBold),
  }));
  const total = {
    label: toLines(doc, labels.total, labelWidth, styles.total),
    value: toLines(doc, `${formatAmount(c.Total)} ${c.Moneda}`, amountWidth + 20, styles.total),
  };
  const rowHeight = (r: { label: Line[]; value: Line[] }) =>
    Math.max(heightOf(r.label), heightOf(r.value)) + 2 * PAD;
  const totalHeight = rowHeight(total) + 2;
  const rightHeight = rowLines.reduce((sum, r) => sum + rowHeight(r), 0) + totalHeight;

  flow.ensure(Math.max(leftHeight, rightHeight));
  const top = flow.y;
  let y = top + drawLines(doc, words, flow.left, top, leftWidth);
  if (taxes) taxes.draw(flow.left, y + 6);

  const x = flow.left + leftWidth + GAP;
  y = top;
  for (const row of rowLines) {
    const h = rowHeight(row);
    drawLines(doc, row.label, x + PAD, y + PAD, labelWidth);
    drawLines(doc, row.value, x + rightWidth - PAD - amountWidth, y + PAD, amountWidth, 'right');
    y += h;
    doc
      .moveTo(x, y)
      .lineTo(x + rightWidth, y)
      .lineWidth(0.4)
      .stroke(theme.rule);
  }
  doc.rect(x, y + 2, rightWidth, totalHeight - 2).fill(theme.brand);
  drawLines(doc, total.label, x + PAD, y + 2 + PAD, labelWidth);
  drawLines(
    doc,
    total.value,
    x + rightWidth - PAD - amountWidth - 20,
    y + 2 + PAD,
    amountWidth + 20,
    'right',
  );
  flow.y = top + Math.max(leftHeight, rightHeight) + 10;
}

interface Table {
  height: number;
  draw(x: number, y: number): void;
}

/** The comprobante's Impuestos as a small table, or undefined when it has none. */
function taxTable(ctx: RenderContext, width: number): Table | undefined {
  const { doc, comprobante: c, labels, styles, theme } = ctx;
  const rows: string[][] = [];
  for (const t of c.Impuestos?.Traslados ?? []) {
    const rate =
      t.TipoFactor === 'Exento'
        ? labels.exento
        : t.TipoFactor === 'Cuota'
          ? (t.TasaOCuota ?? '')
          : formatRate(t.TasaOCuota ?? '');
    rows.push([
      ctx.name('impuesto', t.Impuesto),
      labels.trasladados,
      t.TipoFactor,
      rate,
      formatAmount(t.Base),
      t.Importe ? formatAmount(t.Importe) : '',
    ]);
  }
  for (const r of c.Impuestos?.Retenciones ?? [])
    rows.push([ctx.name('impuesto', r.Impuesto), labels.retenidos, '', '', '', formatAmount(r.Importe)]);
  if (rows.length === 0) return undefined;

  const heads = [
    labels.impuesto,
    labels.tipo,
    labels.tipoFactor,
    labels.tasaOCuota,
    labels.base,
    labels.importe,
  ];
  const shares = [0.13, 0.17, 0.12, 0.16, 0.21, 0.21];
  const aligns: Align[] = ['left', 'left', 'left', 'right', 'right', 'right'];
  const widths = shares.map((s) => s * width);
  const cells = (texts: string[], style = styles.body) =>
    texts.map((text, i) => toLines(doc, text, (widths[i] as number) - 2 * PAD, style));
  const head = cells(heads, styles.label);
  const body = rows.map((r) => cells(r));
  const lineOf = (row: Line[][]) => Math.max(...row.map(heightOf)) + 2 * PAD;
  const title = toLines(doc, labels.impuestos, width, styles.heading);
  const height = heightOf(title) + lineOf(head) + body.reduce((sum, row) => sum + lineOf(row), 0);
  return {
    height,
    draw(x, y) {
      let top = y + drawLines(doc, title, x, y, width);
      const drawRow = (row: Line[][], fill?: string) => {
        const h = lineOf(row);
        if (fill) doc.rect(x, top, width, h).fill(fill);
        let left = x;
        row.forEach((lines, i) => {
          drawLines(doc, lines, left + PAD, top + PAD, (widths[i] as number) - 2 * PAD, aligns[i]);
          left += widths[i] as number;
        });
        top += h;
        doc
          .moveTo(x, top)
          .lineTo(x + width, top)
          .lineWidth(0.4)
          .stroke(theme.rule);
      };
      drawRow(head, theme.tint);
      for (const row of body) drawRow(row);
    },
  };
}
