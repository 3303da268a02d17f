/**
 * The printed representation (representación impresa) of a CFDI 4.0 as a PDF: header with the merchant's
 * logo and color on every page, receptor and payment data, conceptos with their taxes, totals and the
 * amount in words, and the stamp (QR to SAT's verification service, Sello, SelloSAT, TFD cadena).
 * Cancelled and unstamped documents are marked on every page. Letter size, pdfkit's built-in Helvetica
 * and Courier (WinAnsi covers Spanish). The same input gives the same bytes: CreationDate is the CFDI's
 * Fecha (its wall-clock digits, written as UTC) and pdfkit derives the file ID from it.
 */
import PDFDocument from 'pdfkit';
import { getCatalogs } from '../catalogs/index.js';
import type { Catalogs } from '../catalogs/types.js';
import type { Comprobante } from '../cfdi/model.js';
import { comprobanteFromTree } from '../cfdi/xml/from-tree.js';
import { amountInWords } from '../money/amount-in-words.js';
import { parseXml } from '../xml/parse.js';
import { NS, type XmlElement } from '../xml/tree.js';
import { type RenderContext, stylesFor } from './context.js';
import { describer } from './describe.js';
import { serieFolio } from './display-format.js';
import { Flow } from './flow.js';
import { labelsFor, type PdfLang } from './labels.js';
import { drawConceptosTable } from './sections/conceptos-table.js';
import { pageFrame } from './sections/page-frame.js';
import { drawParties } from './sections/parties.js';
import { drawStamp } from './sections/stamp.js';
import { drawSummary } from './sections/summary.js';
import { checkLogo, logoError, type PdfBranding, themeFor } from './theme.js';
import { toWinAnsi } from './win-ansi.js';

export interface RenderCfdiPdfOptions {
  lang?: PdfLang;
  branding?: PdfBranding;
  /** Marks the document as cancelled on every page; `at` is the cancellation date shown. */
  cancelled?: { at?: string };
  /** A test-mode document (stamped by the sandbox for a test key): marked PRUEBA on every page. */
  test?: boolean;
  catalogs?: Catalogs;
}

export async function renderCfdiPdf(
  xml: string | Buffer,
  options: RenderCfdiPdfOptions = {},
): Promise<Buffer> {
  const comprobante = comprobanteFromTree(parseXml(xml));
  const lang = options.lang ?? 'es';
  const labels = labelsFor(lang);
  const catalogs = options.catalogs ?? getCatalogs();
  const theme = themeFor(options.branding?.color);
  const logo = options.branding?.logo ? checkLogo(options.branding.logo) : undefined;
  const tfd = timbre(comprobante);

  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 0,
    bufferPages: true,
    info: documentInfo(comprobante, tfd, labels.titles[comprobante.TipoDeComprobante]),
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const ctx: RenderContext = {
    doc,
    comprobante,
    tfd,
    labels,
    ...describer(catalogs),
    theme,
    styles: stylesFor(theme),
    logo: logo ? openImage(doc, logo) : undefined,
    tradeName: options.branding?.tradeName || undefined,
    cancelled: options.cancelled,
    test: options.test === true,
    totalInWords: amountInWords(comprobante.Total, comprobante.Moneda, { lang, catalogs }),
  };
  const frame = pageFrame(ctx);
  const flow = new Flow(doc, frame.geometry);
  drawParties(ctx, flow);
  drawConceptosTable(ctx, flow);
  drawSummary(ctx, flow);
  drawStamp(ctx, flow);
  frame.decorate();
  doc.end();
  return finished;
}

/** The TimbreFiscalDigital among the complements, when the CFDI is stamped. */
function timbre(comprobante: Comprobante): XmlElement | undefined {
  return comprobante.Complemento?.find((node) => node.ns === NS.tfd && node.local === 'TimbreFiscalDigital');
}

/** pdfkit embeds an image once per call unless it is given the opened image object. */
function openImage(doc: PDFKit.PDFDocument, logo: Buffer): unknown {
  try {
    return (doc as unknown as { openImage(src: Buffer): unknown }).openImage(logo);
  } catch (cause) {
    throw logoError(cause);
  }
}

function documentInfo(c: Comprobante, tfd: XmlElement | undefined, title: string): PDFKit.DocumentInfo {
  const reference = serieFolio(c.Serie, c.Folio);
  return {
    Title: toWinAnsi(`${title}${reference ? ` ${reference}` : ''} - ${c.Emisor.Nombre}`),
    Author: toWinAnsi(c.Emisor.Nombre),
    Subject: toWinAnsi(tfd?.attrs.UUID ?? c.Fecha),
    Creator: 'autofactura',
    Producer: 'autofactura (pdfkit)',
    CreationDate: fechaAsDate(c.Fecha),
  };
}

/** '2026-11-28T10:15:00' -> that instant read as UTC; epoch 0 for a malformed Fecha (still deterministic). */
function fechaAsDate(fecha: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(fecha);
  if (!m) return new Date(0);
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return new Date(Date.UTC(y as number, (mo as number) - 1, d, h, mi, s));
}
