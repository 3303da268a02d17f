/**
 * Text as pre-measured lines: wrapped to a width in a given font, so a block's height is known before it
 * is drawn, and a block can be split between pages line by line.
 */
import { toWinAnsi } from './win-ansi.js';
import { wrapLines } from './wrap-lines.js';

export type FontName = 'Helvetica' | 'Helvetica-Bold' | 'Courier';

export interface TextStyle {
  font: FontName;
  size: number;
  color: string;
}

export interface Line {
  text: string;
  style: TextStyle;
  height: number;
}

export type Align = 'left' | 'right' | 'center';

const LEADING = 1.22;

export function lineHeight(style: TextStyle): number {
  return style.size * LEADING;
}

export function measure(doc: PDFKit.PDFDocument, style: TextStyle): (text: string) => number {
  return (text) => {
    doc.font(style.font).fontSize(style.size);
    return doc.widthOfString(text);
  };
}

/** `text` (any Unicode) wrapped into lines no wider than `width`. */
export function toLines(doc: PDFKit.PDFDocument, text: string, width: number, style: TextStyle): Line[] {
  const height = lineHeight(style);
  return wrapLines(toWinAnsi(text), width, measure(doc, style)).map((line) => ({
    text: line,
    style,
    height,
  }));
}

export function heightOf(lines: readonly Line[]): number {
  let total = 0;
  for (const line of lines) total += line.height;
  return total;
}

/** Draws lines top-down from (x, y) inside `width`; returns the height used. */
export function drawLines(
  doc: PDFKit.PDFDocument,
  lines: readonly Line[],
  x: number,
  y: number,
  width: number,
  align: Align = 'left',
): number {
  let top = y;
  for (const line of lines) {
    if (line.text !== '') {
      doc.font(line.style.font).fontSize(line.style.size).fillColor(line.style.color);
      let left = x;
      if (align !== 'left') {
        const free = width - doc.widthOfString(line.text);
        left = x + (align === 'right' ? free : free / 2);
      }
      doc.text(line.text, left, top + (line.height - line.style.size) / 2, { lineBreak: false });
    }
    top += line.height;
  }
  return top - y;
}

/** The first lines of `lines` that fit in `height` (at least one when `atLeastOne`), and the rest. */
export function splitLines(
  lines: readonly Line[],
  height: number,
  atLeastOne = false,
): [fit: Line[], rest: Line[]] {
  let used = 0;
  let count = 0;
  while (count < lines.length && used + (lines[count] as Line).height <= height) {
    used += (lines[count] as Line).height;
    count++;
  }
  if (count === 0 && atLeastOne && lines.length > 0) count = 1;
  return [lines.slice(0, count), lines.slice(count)];
}
