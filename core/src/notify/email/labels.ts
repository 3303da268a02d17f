/** Words the email templates share, in es-MX and English. */
import type { CancellationMotive, CancellationStatus } from '../../pac/port.js';
import type { MailMerchant } from './branding.js';
import type { MailLang } from './format.js';

/** TipoDeComprobante of the documents a customer receives by email. */
export type MailDocumentType = 'I' | 'E' | 'P';

/** Name of the document: [capitalized for subjects, lower case inside a sentence]. */
const DOCUMENT: Record<MailLang, Record<MailDocumentType, [string, string]>> = {
  es: {
    I: ['Factura', 'factura'],
    E: ['Nota de crédito', 'nota de crédito'],
    P: ['Complemento de pago', 'complemento de pago'],
  },
  en: {
    I: ['Invoice', 'invoice'],
    E: ['Credit note', 'credit note'],
    P: ['Payment receipt', 'payment receipt'],
  },
};

export function documentName(lang: MailLang, type: MailDocumentType, inSentence = false): string {
  return DOCUMENT[lang][type][inSentence ? 1 : 0];
}

/** c_MotivoCancelacion, as SAT words it and in English. */
export const MOTIVES: Record<MailLang, Record<CancellationMotive, string>> = {
  es: {
    '01': '01 - Comprobante emitido con errores con relación',
    '02': '02 - Comprobante emitido con errores sin relación',
    '03': '03 - No se llevó a cabo la operación',
    '04': '04 - Operación nominativa relacionada en una factura global',
  },
  en: {
    '01': '01 - Issued with errors, replaced by another CFDI',
    '02': '02 - Issued with errors, without a replacement',
    '03': '03 - The transaction did not take place',
    '04': '04 - Nominative transaction included in a global invoice',
  },
};

/** EstatusCancelacion as shown to the customer (SAT's own words in Spanish). */
export const STATUSES: Record<
  MailLang,
  Record<Exclude<CancellationStatus, 'Solicitud rechazada'>, string>
> = {
  es: {
    'En proceso': 'En proceso (pendiente de tu aceptación)',
    'Cancelado sin aceptación': 'Cancelado sin aceptación',
    'Cancelado con aceptación': 'Cancelado con aceptación',
    'Plazo vencido': 'Cancelado (venció el plazo para responder)',
  },
  en: {
    'En proceso': 'In process (awaiting your acceptance)',
    'Cancelado sin aceptación': 'Cancelled (no acceptance required)',
    'Cancelado con aceptación': 'Cancelled (accepted by the receiver)',
    'Plazo vencido': 'Cancelled (the deadline to answer passed)',
  },
};

export function greeting(lang: MailLang, name: string | undefined): string {
  if (lang === 'es') return name ? `Hola, ${name}:` : 'Hola:';
  return name ? `Hello ${name},` : 'Hello,';
}

/** Footer lines: where to ask (when the merchant gave an address) and on whose behalf this was sent. */
export function footerLines(lang: MailLang, merchant: MailMerchant, about: string) {
  const contact = merchant.supportEmail ?? merchant.replyTo;
  if (lang === 'es') {
    return {
      ask: contact ? `¿Dudas sobre ${about}? Escribe a ${contact} o responde a este correo.` : undefined,
      sentBy: `Enviado por autofactura en nombre de ${merchant.tradeName} (RFC ${merchant.rfc}). Este es un mensaje automático.`,
    };
  }
  return {
    ask: contact ? `Questions about ${about}? Write to ${contact} or reply to this email.` : undefined,
    sentBy: `Sent by autofactura on behalf of ${merchant.tradeName} (RFC ${merchant.rfc}). This is an automated message.`,
  };
}

export const SAT_VERIFY_URL = 'https://verificacfdi.facturaelectronica.sat.gob.mx/';
