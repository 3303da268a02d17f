export type { PdfLang } from './labels.js';
export { type RenderCfdiPdfOptions, renderCfdiPdf } from './render-cfdi-pdf.js';
export type { PdfBranding } from './theme.js';
export { type VerificationValues, verificationUrl } from './verification-url.js';
