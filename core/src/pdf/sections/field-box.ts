/**
 * A titled box of "label: value" rows (labels in a column, values wrapped beside them), measured before
 * it is drawn so two boxes can sit side by side at the same height.
 */
import type { RenderContext } from '../context.js';
import { drawLines, heightOf, type Line, toLines } from '../text-lines.js';

export interface Field {
  label: string;
  value: string;
}

export interface MeasuredBox {
  height: number;
  draw(x: number, y: number, height: number): void;
}

const PAD = 4;
const ROW_GAP = 1.5;
export const BOX_TITLE = 13;

export function fieldBox(
  ctx: RenderContext,
  title: string,
  fields: Field[],
  width: number,
  labelWidth = 92,
): MeasuredBox {
  const { doc, styles, theme } = ctx;
  const valueWidth = width - 2 * PAD - labelWidth - 4;
  const rows: { label: Line[]; value: Line[]; height: number }[] = fields
    .filter((f) => f.value !== '')
    .map((f) => {
      const label = toLines(doc, f.label, labelWidth, styles.label);
      const value = toLines(doc, f.value, valueWidth, styles.body);
      return { label, value, height: Math.max(heightOf(label), heightOf(value)) };
    });
  const titleLines = toLines(doc, title, width - 2 * PAD, styles.heading).slice(0, 1);
  const height = BOX_TITLE + PAD + rows.reduce((sum, r) => sum + r.height + ROW_GAP, 0) + PAD;
  return {
    height,
    draw(x, y, boxHeight) {
      doc.rect(x, y, width, BOX_TITLE).fill(theme.tint);
      drawLines(doc, titleLines, x + PAD, y + (BOX_TITLE - heightOf(titleLines)) / 2, width - 2 * PAD);
      doc.rect(x, y, width, boxHeight).lineWidth(0.6).stroke(theme.rule);
      let top = y + BOX_TITLE + PAD;
      for (const row of rows) {
        drawLines(doc, row.label, x + PAD, top, labelWidth);
        drawLines(doc, row.value, x + PAD + labelWidth + 4, top, valueWidth);
        top += row.height + ROW_GAP;
      }
    },
  };
}
