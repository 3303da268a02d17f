/**
 * What the notify tests send: stamped CFDIs from the SAT sample set (a real PAC-stamped invoice from
 * phpcfdi/CfdiUtils, and satcfdi's H&E invoice whose issuer name needs escaping), a real PDF made with
 * pdfkit, and a PNG logo made with pngjs.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { PNG } from 'pngjs';
import type { InvoiceEmailInput, MailMerchant } from '../../../core/src/notify/index.js';
import { FIXTURES } from '../../support/oracles.js';

const SAMPLES = join(FIXTURES, 'sat/samples');

export interface StampedSample {
  xml: string;
  uuid: string;
  series: string;
  folio: string;
  total: string;
  currency: string;
  issuedAt: string;
  receiverName: string;
}

/** The attribute values of a stamped CFDI the email needs, read with plain regexes (test data only). */
export async function stampedSample(relative: string): Promise<StampedSample> {
  const xml = await readFile(join(SAMPLES, relative), 'utf8');
  const attr = (element: string, name: string) => {
    const tag = new RegExp(`<${element}\\b[^>]*>`).exec(xml)?.[0] ?? '';
    const value = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
    if (value === undefined) throw new Error(`${relative}: no ${element}/@${name}`);
    return value.replace(/&amp;/g, '&');
  };
  return {
    xml,
    uuid: attr('tfd:TimbreFiscalDigital', 'UUID'),
    series: attr('cfdi:Comprobante', 'Serie'),
    folio: attr('cfdi:Comprobante', 'Folio'),
    total: attr('cfdi:Comprobante', 'Total'),
    currency: attr('cfdi:Comprobante', 'Moneda'),
    issuedAt: attr('cfdi:Comprobante', 'Fecha'),
    receiverName: attr('cfdi:Receptor', 'Nombre'),
  };
}

/** A real stamped invoice (phpcfdi/CfdiUtils tests, PAC-stamped). */
export const REAL_INVOICE = 'cfdiutils/cfdi40-real.xml';
/** satcfdi's stamped invoice from issuer "HERRERIA & ELECTRICOS". */
export const HE_INVOICE = 'satcfdi/invoices/h&e951128469_ingreso_iva16_stamped.xml';

/** A one-page PDF with the UUID written in it. */
export function samplePdf(uuid: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'LETTER', info: { Title: `CFDI ${uuid}` } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(14).text(`Representación impresa de un CFDI\nFolio fiscal: ${uuid}`);
    doc.end();
  });
}

/** A 32x32 PNG filled with `rgb`. */
export function sampleLogo(rgb: [number, number, number] = [0xc6, 0x28, 0x28]): Buffer {
  const png = new PNG({ width: 32, height: 32 });
  for (let i = 0; i < png.data.length; i += 4) {
    png.data[i] = rgb[0];
    png.data[i + 1] = rgb[1];
    png.data[i + 2] = rgb[2];
    png.data[i + 3] = 255;
  }
  return PNG.sync.write(png);
}

/** A merchant whose name needs escaping in HTML. */
export const HE_MERCHANT: MailMerchant = {
  tradeName: 'H&E <Herrería> "El Yunque"',
  rfc: 'H&E951128469',
  color: '#C62828',
  supportEmail: 'facturas@herreria-he.mx',
};

export async function invoiceInput(
  sample: string,
  overrides: Partial<Omit<InvoiceEmailInput, 'invoice'>> = {},
): Promise<InvoiceEmailInput> {
  const s = await stampedSample(sample);
  return {
    merchant: HE_MERCHANT,
    to: 'cliente@example.mx',
    lang: 'es',
    ...overrides,
    invoice: {
      uuid: s.uuid,
      series: s.series,
      folio: s.folio,
      total: s.total,
      currency: s.currency,
      issuedAt: s.issuedAt,
      receiverName: s.receiverName,
      type: 'I',
      xml: s.xml,
      pdf: await samplePdf(s.uuid),
    },
  };
}
