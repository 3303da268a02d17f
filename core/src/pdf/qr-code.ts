/**
 * Draws a QR code as vector squares (crisp at any zoom, no image to embed). Error correction level M;
 * the caller leaves a white quiet zone around it. Dark modules of a row are merged into runs, and each
 * run overlaps the next row slightly so no hairline seams show when the page is rasterized.
 */
import QRCode from 'qrcode';

export function drawQrCode(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = modules.size;
  const cell = size / count;
  doc.save();
  for (let row = 0; row < count; row++) {
    let column = 0;
    while (column < count) {
      if (!modules.get(row, column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < count && modules.get(row, column)) column++;
      doc.rect(x + start * cell, y + row * cell, (column - start) * cell, cell * 1.04);
    }
  }
  doc.fill('#000000');
  doc.restore();
}
