/** What every section of the printed CFDI reads: the document, its stamp, labels, catalogs and theme. */
import type { Comprobante } from '../cfdi/model.js';
import type { XmlElement } from '../xml/tree.js';
import type { Describe, Name } from './describe.js';
import type { Labels } from './labels.js';
import type { TextStyle } from './text-lines.js';
import type { Theme } from './theme.js';

export interface RenderContext {
  doc: PDFKit.PDFDocument;
  comprobante: Comprobante;
  /** The TimbreFiscalDigital, when the CFDI is stamped. */
  tfd: XmlElement | undefined;
  labels: Labels;
  describe: Describe;
  name: Name;
  theme: Theme;
  styles: Styles;
  /** pdfkit image object of the merchant's logo, opened once and reused on every page. */
  logo: unknown;
  tradeName: string | undefined;
  cancelled: { at?: string } | undefined;
  /** A test-mode document (sandbox PAC): a notice and a PRUEBA watermark on every page. */
  test: boolean;
  /** Amount in words of the Total, in the document's language. */
  totalInWords: string;
}

export interface Styles {
  body: TextStyle;
  bodyBold: TextStyle;
  label: TextStyle;
  small: TextStyle;
  smallBold: TextStyle;
  mono: TextStyle;
  heading: TextStyle;
  onBrand: TextStyle;
  title: TextStyle;
  tradeName: TextStyle;
  issuerName: TextStyle;
  total: TextStyle;
  danger: TextStyle;
}

export function stylesFor(theme: Theme): Styles {
  return {
    body: { font: 'Helvetica', size: 7.5, color: theme.text },
    bodyBold: { font: 'Helvetica-Bold', size: 7.5, color: theme.text },
    label: { font: 'Helvetica-Bold', size: 6.8, color: theme.muted },
    small: { font: 'Helvetica', size: 6.3, color: theme.muted },
    smallBold: { font: 'Helvetica-Bold', size: 6.3, color: theme.muted },
    mono: { font: 'Courier', size: 6.2, color: theme.text },
    heading: { font: 'Helvetica-Bold', size: 7.8, color: theme.brandInk },
    onBrand: { font: 'Helvetica-Bold', size: 7, color: theme.onBrand },
    title: { font: 'Helvetica-Bold', size: 11, color: theme.onBrand },
    tradeName: { font: 'Helvetica-Bold', size: 13, color: theme.brandInk },
    issuerName: { font: 'Helvetica-Bold', size: 9, color: theme.text },
    total: { font: 'Helvetica-Bold', size: 9, color: theme.onBrand },
    danger: { font: 'Helvetica-Bold', size: 8.5, color: theme.danger },
  };
}
