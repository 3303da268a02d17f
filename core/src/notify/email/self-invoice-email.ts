/**
 * The receipt email: the customer paid but autofactura lacks their fiscal data, so it sends a link to
 * the merchant's self-invoice portal, valid until `expiresAt`; after that the sale goes into the period's
 * factura global. The link must be http(s); it is shown as a button and as text to copy.
 */
import { recipients } from '../address.js';
import { invalidContent } from '../errors.js';
import type { MailMessage } from '../message.js';
import { branding, type MailMerchant } from './branding.js';
import { formatInstant, formatMoney, type MailLang } from './format.js';
import { html } from './html.js';
import { footerLines, greeting } from './labels.js';
import { button, detailsTable, footer, layout, note, paragraph, textBody } from './layout.js';

export interface SelfInvoiceEmailInput {
  merchant: MailMerchant;
  to: string | string[];
  bcc?: string | string[];
  lang: MailLang;
  /** The customer's name when known. */
  customerName?: string;
  receipt: {
    /** The portal link for this receipt. */
    url: string;
    /** Until when the customer can ask for the invoice (instant; ISO 8601 with offset, or Date). */
    expiresAt: Date | string;
    /** Amount paid, decimal string. */
    amount: string;
    currency: string;
    /** Ticket number or payment reference the customer can recognize. */
    reference?: string;
  };
  /** Time zone the deadline is shown in (default America/Mexico_City). */
  timeZone?: string;
}

export function selfInvoiceEmail(input: SelfInvoiceEmailInput): MailMessage {
  const { lang, receipt } = input;
  const brand = branding(input.merchant);
  const to = recipients(input.to, 'to');
  const bcc = input.bcc === undefined ? [] : recipients(input.bcc, 'bcc');
  const url = portalLink(receipt.url);
  const amount = formatMoney(receipt.amount, receipt.currency, 'receipt.amount');
  const deadline = formatInstant(receipt.expiresAt, lang, input.timeZone, 'receipt.expiresAt');
  const name = input.merchant.tradeName.trim();
  const w = lang === 'es' ? spanish(name, amount, deadline) : english(name, amount, deadline);
  const rows: [string, string][] = [
    ...(receipt.reference ? [[w.referenceLabel, receipt.reference] as [string, string]] : []),
    [w.amountLabel, amount],
    [w.deadlineLabel, deadline],
  ];
  const foot = footerLines(lang, input.merchant, w.about);
  const body = html`${paragraph(greeting(lang, input.customerName))}${paragraph(w.intro)}${detailsTable(brand, rows)}${button(
    brand,
    url,
    w.action,
  )}${note(brand, w.deadlineNote)}${paragraph(html`<span style="font-size:13px;color:${brand.theme.muted};">${w.copy} <a href="${url}" style="color:${brand.theme.brandInk};word-break:break-all;">${url}</a></span>`)}`;
  return {
    to,
    ...(bcc.length ? { bcc } : {}),
    ...(brand.replyTo ? { replyTo: brand.replyTo } : {}),
    fromName: name,
    subject: w.subject,
    html: layout({
      lang,
      branding: brand,
      title: w.subject,
      preheader: w.preheader,
      body,
      footer: footer(foot),
    }),
    text: textBody([
      greeting(lang, input.customerName),
      w.intro,
      rows,
      `${w.action}: ${url}`,
      w.deadlineNote,
      [foot.ask, foot.sentBy].filter(Boolean).join('\n'),
    ]),
    attachments: brand.logo ? [brand.logo] : [],
  };
}

function portalLink(text: unknown): string {
  let url: URL | undefined;
  try {
    url = new URL(String(text));
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw invalidContent(
      'receipt.url',
      `El enlace al portal de autofacturación "${String(text)}" no es una URL http(s) completa.`,
      `The self-invoice portal link "${String(text)}" is not a complete http(s) URL.`,
    );
  }
  return url.href;
}

function spanish(merchant: string, amount: string, deadline: string) {
  return {
    subject: `Solicita la factura de tu compra en ${merchant}`,
    preheader: `Tu compra por ${amount}: solicita tu factura antes del ${deadline}.`,
    intro: `Gracias por tu compra en ${merchant}. Si necesitas factura (CFDI), solicítala en nuestro portal con tus datos fiscales; la recibirás en tu correo al momento.`,
    referenceLabel: 'Referencia',
    amountLabel: 'Importe pagado',
    deadlineLabel: 'Solicítala antes del',
    action: 'Solicitar mi factura',
    deadlineNote: `Puedes solicitar tu factura hasta el ${deadline}. Después, la venta se incluirá en la factura global del periodo.`,
    copy: 'Si el botón no funciona, copia este enlace en tu navegador:',
    about: 'tu compra',
  };
}

function english(merchant: string, amount: string, deadline: string) {
  return {
    subject: `Request the invoice for your purchase at ${merchant}`,
    preheader: `Your purchase of ${amount}: request your invoice by ${deadline}.`,
    intro: `Thank you for your purchase at ${merchant}. If you need an invoice (CFDI), request it on our portal with your tax details; it will reach your inbox right away.`,
    referenceLabel: 'Reference',
    amountLabel: 'Amount paid',
    deadlineLabel: 'Request it by',
    action: 'Request my invoice',
    deadlineNote: `You can request your invoice until ${deadline}. After that, the sale will be included in the period's global invoice.`,
    copy: "If the button doesn't work, copy this link into your browser:",
    about: 'your purchase',
  };
}
