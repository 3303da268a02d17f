/** The identity of a CFDI in an email: folio fiscal (UUID), serie-folio, and its XML and PDF attachments. */
import { serieFolio } from '../../pdf/display-format.js';
import { invalidContent } from '../errors.js';
import type { MailAttachment } from '../message.js';

const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

/** The folio fiscal in upper case (as SAT prints it), or MAIL_INVALID_CONTENT. */
export function folioFiscal(uuid: unknown, path: string): string {
  const upper = typeof uuid === 'string' ? uuid.trim().toUpperCase() : '';
  if (!UUID.test(upper)) {
    throw invalidContent(
      path,
      `El folio fiscal ${path} "${String(uuid)}" no es un UUID (8-4-4-4-12 dígitos hexadecimales).`,
      `The folio fiscal ${path} "${String(uuid)}" is not a UUID (8-4-4-4-12 hexadecimal digits).`,
    );
  }
  return upper;
}

/** "A-123", "A", "123" or undefined. */
export function reference(series: string | undefined, folio: string | undefined): string | undefined {
  return serieFolio(series?.trim() || undefined, folio?.trim() || undefined);
}

/** `<UUID>.xml`, after checking the XML is the stamped CFDI with that UUID (not another document's). */
export function xmlAttachment(xml: unknown, uuid: string, path: string): MailAttachment {
  // The timbre's UUID: a credit note also carries UUIDs in cfdi:CfdiRelacionado, before the timbre.
  const found =
    typeof xml === 'string' ? /TimbreFiscalDigital\b[^>]*?\sUUID="([^"]+)"/.exec(xml)?.[1] : undefined;
  if (found?.toUpperCase() !== uuid) {
    throw invalidContent(
      path,
      `El XML adjunto no es el CFDI timbrado con folio fiscal ${uuid}${found ? ` (trae ${found})` : ' (no tiene TimbreFiscalDigital)'}.`,
      `The attached XML is not the stamped CFDI with folio fiscal ${uuid}${found ? ` (it has ${found})` : ' (it has no TimbreFiscalDigital)'}.`,
    );
  }
  return {
    filename: `${uuid}.xml`,
    content: Buffer.from(xml as string, 'utf8'),
    contentType: 'application/xml; charset=utf-8',
  };
}

/** `<UUID>.pdf`, after checking the bytes are a PDF. */
export function pdfAttachment(pdf: unknown, uuid: string, path: string): MailAttachment {
  if (!Buffer.isBuffer(pdf) || !pdf.subarray(0, 5).equals(Buffer.from('%PDF-'))) {
    throw invalidContent(
      path,
      'El PDF adjunto no es un archivo PDF (no empieza con %PDF-).',
      'The attached PDF is not a PDF file (it does not start with %PDF-).',
    );
  }
  return { filename: `${uuid}.pdf`, content: pdf, contentType: 'application/pdf' };
}
