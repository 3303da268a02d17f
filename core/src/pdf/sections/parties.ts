/**
 * First-page data under the header: the receptor and the comprobante's payment data side by side, the
 * InformacionGlobal of a factura global, and the CfdiRelacionados (TipoRelacion and every UUID) of,
 * e.g., a nota de crédito. The UUID list flows over pages when it is long.
 */
import type { RenderContext } from '../context.js';
import type { Flow } from '../flow.js';
import { drawLines, heightOf, lineHeight, toLines } from '../text-lines.js';
import { BOX_TITLE, type Field, fieldBox } from './field-box.js';

const GAP = 8;

export function drawParties(ctx: RenderContext, flow: Flow): void {
  const { comprobante: c, labels, describe } = ctx;
  const half = (flow.width - GAP) / 2;
  const receptor: Field[] = [
    { label: labels.nombre, value: c.Receptor.Nombre },
    { label: labels.rfc, value: c.Receptor.Rfc },
    { label: labels.domicilioFiscal, value: c.Receptor.DomicilioFiscalReceptor },
    { label: labels.regimen, value: describe('regimenFiscal', c.Receptor.RegimenFiscalReceptor) },
    { label: labels.usoCfdi, value: describe('usoCfdi', c.Receptor.UsoCFDI) },
    { label: labels.residenciaFiscal, value: describe('pais', c.Receptor.ResidenciaFiscal) },
    { label: labels.numRegIdTrib, value: c.Receptor.NumRegIdTrib ?? '' },
  ];
  const comprobante: Field[] = [
    { label: labels.tipoComprobante, value: describe('tipoComprobante', c.TipoDeComprobante) },
    { label: labels.formaPago, value: describe('formaPago', c.FormaPago) },
    { label: labels.metodoPago, value: describe('metodoPago', c.MetodoPago) },
    { label: labels.moneda, value: describe('moneda', c.Moneda) },
    { label: labels.tipoCambio, value: c.TipoCambio ?? '' },
    { label: labels.exportacion, value: describe('exportacion', c.Exportacion) },
    { label: labels.condicionesPago, value: c.CondicionesDePago ?? '' },
    { label: labels.confirmacion, value: c.Confirmacion ?? '' },
  ];
  const left = fieldBox(ctx, labels.receptor, receptor, half);
  const right = fieldBox(ctx, labels.comprobante, comprobante, half);
  const height = Math.max(left.height, right.height);
  flow.ensure(height);
  left.draw(flow.left, flow.y, height);
  right.draw(flow.left + half + GAP, flow.y, height);
  flow.y += height + GAP;

  const global = c.InformacionGlobal;
  if (global) {
    const box = fieldBox(
      ctx,
      labels.informacionGlobal,
      [
        { label: labels.periodicidad, value: describe('periodicidad', global.Periodicidad) },
        { label: labels.meses, value: describe('meses', global.Meses) },
        { label: labels.año, value: global.Año },
      ],
      flow.width,
    );
    flow.ensure(box.height);
    box.draw(flow.left, flow.y, box.height);
    flow.y += box.height + GAP;
  }
  drawRelated(ctx, flow);
}

const COLUMNS = 3;

function drawRelated(ctx: RenderContext, flow: Flow): void {
  const groups = ctx.comprobante.CfdiRelacionados ?? [];
  if (groups.length === 0) return;
  const { doc, labels, styles, theme } = ctx;
  const columnWidth = (flow.width - 8) / COLUMNS;
  const row = lineHeight(styles.body);

  const heading = () => {
    doc.rect(flow.left, flow.y, flow.width, BOX_TITLE).fill(theme.tint);
    const lines = toLines(doc, labels.relacionados, flow.width - 8, styles.heading).slice(0, 1);
    drawLines(doc, lines, flow.left + 4, flow.y + (BOX_TITLE - heightOf(lines)) / 2, flow.width - 8);
    flow.y += BOX_TITLE + 3;
  };
  flow.ensure(BOX_TITLE + 3 + 2 * row);
  heading();
  for (const group of groups) {
    const tipo = toLines(
      doc,
      `${labels.tipoRelacion}: ${ctx.describe('tipoRelacion', group.TipoRelacion)}`,
      flow.width - 8,
      styles.bodyBold,
    );
    flow.ensure(heightOf(tipo) + row);
    flow.y += drawLines(doc, tipo, flow.left + 4, flow.y, flow.width - 8);
    for (let i = 0; i < group.uuids.length; i += COLUMNS) {
      flow.ensure(row);
      group.uuids.slice(i, i + COLUMNS).forEach((uuid, column) => {
        const lines = toLines(doc, uuid, columnWidth - 4, styles.body).slice(0, 1);
        drawLines(doc, lines, flow.left + 4 + column * columnWidth, flow.y, columnWidth - 4);
      });
      flow.y += row;
    }
    flow.y += 3;
  }
  flow.y += GAP - 3;
}
