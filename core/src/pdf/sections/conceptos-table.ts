/**
 * The conceptos table. Its column headings repeat at the top of every page it spans; a row that does
 * not fit moves to the next page, and a row taller than a whole page (a 1000-character description with
 * its taxes) is split line by line and continues there.
 */
import type { RenderContext } from '../context.js';
import type { Flow } from '../flow.js';
import { drawLines, heightOf, type Line, splitLines, toLines } from '../text-lines.js';
import { CELL_PAD, type Column, conceptoCells } from './concepto-cells.js';

const FIXED: Omit<Column, 'width'>[] = [
  { key: 'clave', align: 'left' },
  { key: 'cantidad', align: 'right' },
  { key: 'unidad', align: 'left' },
  { key: 'descripcion', align: 'left' },
  { key: 'valorUnitario', align: 'right' },
  { key: 'descuento', align: 'right' },
  { key: 'importe', align: 'right' },
];
const WIDTHS: Record<Column['key'], number> = {
  clave: 54,
  cantidad: 44,
  unidad: 52,
  descripcion: 0,
  valorUnitario: 62,
  descuento: 52,
  importe: 66,
};
/** Smallest piece of a split row worth drawing at the bottom of a page. */
const MIN_PIECE = 24;

export function drawConceptosTable(ctx: RenderContext, flow: Flow): void {
  const { doc, labels, styles, theme } = ctx;
  // The Descuento column only when some concepto has one: the description gets the room otherwise.
  const withDiscount = ctx.comprobante.Conceptos.some((c) => c.Descuento !== undefined);
  const keys = FIXED.filter((c) => withDiscount || c.key !== 'descuento');
  const fixed = keys.reduce((sum, c) => sum + WIDTHS[c.key], 0);
  const columns: Column[] = keys.map((c) => ({
    ...c,
    width: c.key === 'descripcion' ? flow.width - fixed : WIDTHS[c.key],
  }));
  const titles: Record<Column['key'], string> = {
    clave: labels.colClave,
    cantidad: labels.colCantidad,
    unidad: labels.colUnidad,
    descripcion: labels.colDescripcion,
    valorUnitario: labels.colValorUnitario,
    descuento: labels.colDescuento,
    importe: labels.colImporte,
  };
  const headingCells = columns.map((c) =>
    toLines(doc, titles[c.key], c.width - 2 * CELL_PAD, styles.onBrand),
  );
  const headingHeight = rowHeight(headingCells);

  let pageTop = 0;
  const drawHeading = () => {
    doc.rect(flow.left, flow.y, flow.width, headingHeight).fill(theme.brand);
    drawCells(headingCells, flow.y);
    flow.y += headingHeight;
    pageTop = flow.y;
  };
  const drawCells = (cells: Line[][], y: number) => {
    let x = flow.left;
    columns.forEach((column, i) => {
      drawLines(
        doc,
        cells[i] as Line[],
        x + CELL_PAD,
        y + CELL_PAD,
        column.width - 2 * CELL_PAD,
        column.align,
      );
      x += column.width;
    });
  };
  const drawRow = (cells: Line[][], height: number, striped: boolean) => {
    if (striped) doc.rect(flow.left, flow.y, flow.width, height).fill(theme.stripe);
    drawCells(cells, flow.y);
    flow.y += height;
    doc
      .moveTo(flow.left, flow.y)
      .lineTo(flow.left + flow.width, flow.y)
      .lineWidth(0.4)
      .stroke(theme.rule);
  };

  flow.ensure(headingHeight + MIN_PIECE * 2);
  drawHeading();
  const stopRepeating = flow.onNewPage(drawHeading);
  ctx.comprobante.Conceptos.forEach((concepto, index) => {
    const striped = index % 2 === 1;
    let cells = conceptoCells(ctx, concepto, columns);
    for (;;) {
      const height = rowHeight(cells);
      if (height <= flow.remaining()) {
        drawRow(cells, height, striped);
        return;
      }
      const emptyPage = flow.y === pageTop;
      const fitsOnFreshPage = height <= flow.pageCapacity() - headingHeight;
      if (!emptyPage && (fitsOnFreshPage || flow.remaining() < MIN_PIECE)) {
        flow.newPage();
        continue;
      }
      const room = flow.remaining() - 2 * CELL_PAD;
      const pieces = cells.map((lines) => splitLines(lines, room, true));
      drawRow(
        pieces.map(([fit]) => fit),
        flow.remaining(),
        striped,
      );
      cells = pieces.map(([, rest]) => rest);
      if (cells.every((lines) => lines.length === 0)) return;
      flow.newPage();
    }
  });
  stopRepeating();
  flow.y += 6;
}

function rowHeight(cells: Line[][]): number {
  return Math.max(...cells.map(heightOf)) + 2 * CELL_PAD;
}
