/**
 * What every page carries: the header (logo, issuer, document title, serie/folio, fecha, UUID), the
 * status notice (unstamped or cancelled), the footer with "Página i de N", and the diagonal CANCELADO
 * mark. The header's height is measured first, so the content area is known, and everything is drawn
 * over the buffered pages once the content is laid out and the page count is final.
 */
import type { RenderContext } from '../context.js';
import { serieFolio } from '../display-format.js';
import type { PageGeometry } from '../flow.js';
import { drawLines, heightOf, type Line, toLines } from '../text-lines.js';

const PAGE = { width: 612, height: 792, margin: 28 };
const BAND = 5;
const TOP = 18;
const RIGHT_BLOCK = 196;
const LOGO = { width: 100, height: 56 };
const TITLE_BAR = 20;
const NOTICE = 16;
const FOOTER = 40;

export interface PageFrame {
  geometry: PageGeometry;
  /** Draws header, notice, footer and marks on every buffered page. */
  decorate(): void;
}

export function pageFrame(ctx: RenderContext): PageFrame {
  const { doc, comprobante: c, labels, styles, theme } = ctx;
  const contentWidth = PAGE.width - 2 * PAGE.margin;
  const rightX = PAGE.margin + contentWidth - RIGHT_BLOCK;
  const textX = PAGE.margin + (ctx.logo ? LOGO.width + 10 : 0);
  const leftWidth = rightX - 12 - textX;

  const left: Line[] = [];
  if (ctx.tradeName) left.push(...toLines(doc, ctx.tradeName, leftWidth, styles.tradeName));
  left.push(...toLines(doc, c.Emisor.Nombre, leftWidth, styles.issuerName));
  const field = (label: string, value: string) =>
    left.push(...toLines(doc, `${label}: ${value}`, leftWidth, styles.body));
  field(labels.rfc, c.Emisor.Rfc);
  field(labels.regimen, ctx.describe('regimenFiscal', c.Emisor.RegimenFiscal));
  field(labels.lugarExpedicion, c.LugarExpedicion);
  if (c.Emisor.FacAtrAdquirente) field(labels.facAtrAdquirente, c.Emisor.FacAtrAdquirente);

  const right: Line[] = [];
  const reference = serieFolio(c.Serie, c.Folio);
  const rightField = (label: string, value: string) => {
    right.push(...toLines(doc, label, RIGHT_BLOCK - 8, styles.label));
    right.push(...toLines(doc, value, RIGHT_BLOCK - 8, styles.bodyBold));
  };
  if (reference) rightField(labels.serieFolio, reference);
  rightField(labels.fecha, c.Fecha);
  const uuid = ctx.tfd?.attrs.UUID;
  if (uuid) rightField(labels.uuid, uuid);
  const title = c.InformacionGlobal ? labels.globalTitle : labels.titles[c.TipoDeComprobante];
  const titleLines = toLines(doc, title, RIGHT_BLOCK - 8, styles.title);
  const titleHeight = Math.max(TITLE_BAR, heightOf(titleLines) + 6);

  const blockHeight = Math.max(heightOf(left), ctx.logo ? LOGO.height : 0, titleHeight + 4 + heightOf(right));
  const notice = noticeText(ctx);
  const headerBottom = TOP + blockHeight + 6 + (notice ? NOTICE + 4 : 0);

  const geometry: PageGeometry = {
    ...PAGE,
    contentTop: headerBottom + 10,
    contentBottom: PAGE.height - FOOTER,
  };

  const drawHeader = () => {
    doc.rect(0, 0, PAGE.width, BAND).fill(theme.brand);
    if (ctx.logo) {
      doc.image(ctx.logo as Buffer, PAGE.margin, TOP, { fit: [LOGO.width, LOGO.height] });
    }
    drawLines(doc, left, textX, TOP, leftWidth);
    doc.rect(rightX, TOP, RIGHT_BLOCK, titleHeight).fill(theme.brand);
    drawLines(
      doc,
      titleLines,
      rightX + 4,
      TOP + (titleHeight - heightOf(titleLines)) / 2,
      RIGHT_BLOCK - 8,
      'center',
    );
    drawLines(doc, right, rightX + 4, TOP + titleHeight + 4, RIGHT_BLOCK - 8);
    let y = TOP + blockHeight + 6;
    if (notice) {
      const cancelled = ctx.cancelled !== undefined;
      doc.rect(PAGE.margin, y, contentWidth, NOTICE);
      if (cancelled) doc.fill(theme.danger);
      else doc.lineWidth(1).fillAndStroke('#FDECEA', theme.danger);
      const style = { ...styles.danger, color: cancelled ? '#FFFFFF' : theme.danger };
      drawLines(
        doc,
        toLines(doc, notice, contentWidth - 8, style).slice(0, 1),
        PAGE.margin + 4,
        y + 1.5,
        contentWidth - 8,
        'center',
      );
      y += NOTICE + 4;
    }
    doc
      .moveTo(PAGE.margin, y)
      .lineTo(PAGE.margin + contentWidth, y)
      .lineWidth(0.8)
      .stroke(theme.brand);
  };

  const drawFooter = (page: number, pages: number) => {
    const y = PAGE.height - FOOTER + 8;
    doc
      .moveTo(PAGE.margin, y)
      .lineTo(PAGE.margin + contentWidth, y)
      .lineWidth(0.5)
      .stroke(theme.rule);
    const legend = toLines(doc, labels.legend, contentWidth - 120, styles.small).slice(0, 1);
    drawLines(doc, legend, PAGE.margin, y + 5, contentWidth - 120);
    const number = toLines(doc, labels.page(page, pages), 110, styles.bodyBold);
    drawLines(doc, number, PAGE.margin + contentWidth - 110, y + 4, 110, 'right');
  };

  const drawWatermark = (text: string) => {
    doc.save();
    doc.rotate(-40, { origin: [PAGE.width / 2, PAGE.height / 2] });
    doc.font('Helvetica-Bold').fontSize(100).fillColor(theme.danger).fillOpacity(0.16);
    const width = doc.widthOfString(text);
    doc.text(text, (PAGE.width - width) / 2, PAGE.height / 2 - 50, { lineBreak: false });
    doc.restore();
  };

  return {
    geometry,
    decorate() {
      const range = doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        drawHeader();
        drawFooter(i - range.start + 1, range.count);
        if (ctx.cancelled) drawWatermark(labels.cancelled);
        else if (ctx.test) drawWatermark(labels.test);
      }
    },
  };
}

function noticeText(ctx: RenderContext): string | undefined {
  if (ctx.cancelled) {
    return ctx.cancelled.at ? ctx.labels.cancelledAt(ctx.cancelled.at) : ctx.labels.cancelledNoDate;
  }
  if (!ctx.tfd) return ctx.labels.unstamped;
  return ctx.test ? ctx.labels.testNotice : undefined;
}
