/**
 * The fiscal stamp: SAT's verification QR next to the TFD data (UUID, certificate numbers, FechaTimbrado,
 * RfcProvCertif), then the Sello, the SelloSAT and the TFD cadena original in full. The long texts flow
 * over pages line by line. An unstamped CFDI shows its Sello (if sealed) and says it is not valid.
 */
import { cadenaTfd } from '../../cfdi/cadena/index.js';
import type { RenderContext } from '../context.js';
import type { Flow } from '../flow.js';
import { drawQrCode } from '../qr-code.js';
import { drawLines, heightOf, type Line, splitLines, toLines } from '../text-lines.js';
import { verificationUrl } from '../verification-url.js';

const QR_SIZE = 96;
const GAP = 10;
const SPACE_AFTER = 5;

export function drawStamp(ctx: RenderContext, flow: Flow): void {
  const { doc, comprobante: c, labels, styles, theme, tfd } = ctx;
  const textX = tfd ? flow.left + QR_SIZE + GAP : flow.left;
  const textWidth = flow.left + flow.width - textX;
  const fields: Line[] = [
    ...toLines(doc, tfd ? labels.timbre : labels.unstamped, textWidth, tfd ? styles.heading : styles.danger),
  ];
  const field = (label: string, value: string | undefined) => {
    if (!value) return;
    fields.push(
      ...toLines(doc, label, textWidth, styles.label),
      ...toLines(doc, value, textWidth, styles.body),
    );
  };
  if (tfd) field(labels.uuid, tfd.attrs.UUID);
  field(labels.noCertificado, c.NoCertificado);
  if (tfd) {
    field(labels.noCertificadoSat, tfd.attrs.NoCertificadoSAT);
    field(labels.fechaTimbrado, tfd.attrs.FechaTimbrado);
    field(labels.rfcProvCertif, tfd.attrs.RfcProvCertif);
    fields.push(...toLines(doc, labels.verifyAt, textWidth, styles.small));
  }
  const blockHeight = Math.max(tfd ? QR_SIZE : 0, heightOf(fields));
  const texts = [
    longText(ctx, flow, labels.sello, c.Sello),
    ...(tfd
      ? [
          longText(ctx, flow, labels.selloSat, tfd.attrs.SelloSAT),
          longText(ctx, flow, labels.cadenaTfd, cadenaTfd(tfd)),
        ]
      : []),
  ];
  // The whole stamp stays on one page when it fits on one; otherwise the long texts continue over pages.
  const whole = 6 + blockHeight + GAP + texts.reduce((sum, t) => sum + t.height, 0);
  flow.ensure(whole <= flow.pageCapacity() ? whole : blockHeight + 6);
  doc
    .moveTo(flow.left, flow.y)
    .lineTo(flow.left + flow.width, flow.y)
    .lineWidth(0.8)
    .stroke(theme.brand);
  flow.y += 6;
  if (tfd) {
    const url = verificationUrl({
      uuid: tfd.attrs.UUID ?? '',
      rfcEmisor: c.Emisor.Rfc,
      rfcReceptor: c.Receptor.Rfc,
      total: c.Total,
      sello: c.Sello ?? '',
    });
    drawQrCode(doc, url, flow.left, flow.y, QR_SIZE);
  }
  drawLines(doc, fields, textX, flow.y, textWidth);
  flow.y += blockHeight + GAP;
  for (const text of texts) text.draw();
}

interface LongText {
  height: number;
  draw(): void;
}

/** A label and a long unbroken text (base64, cadena) in a monospaced font, continued on the next page. */
function longText(ctx: RenderContext, flow: Flow, label: string, value: string | undefined): LongText {
  if (!value) return { height: 0, draw: () => {} };
  const { doc, styles } = ctx;
  const title = toLines(doc, label, flow.width, styles.label);
  const body = toLines(doc, value, flow.width, styles.mono);
  return {
    height: heightOf(title) + heightOf(body) + SPACE_AFTER,
    draw() {
      let lines = body;
      flow.ensure(heightOf(title) + Math.min(heightOf(lines), 3 * (lines[0]?.height ?? 0)));
      flow.y += drawLines(doc, title, flow.left, flow.y, flow.width);
      while (lines.length > 0) {
        const [fit, rest] = splitLines(lines, flow.remaining(), flow.y === flow.page.contentTop);
        flow.y += drawLines(doc, fit, flow.left, flow.y, flow.width);
        lines = rest;
        if (lines.length > 0) flow.newPage();
      }
      flow.y += SPACE_AFTER;
    },
  };
}
