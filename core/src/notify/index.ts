/**
 * notify: email delivery (DESIGN.md). `createMailer` / `mailerFromEnv` send through SMTP_URL or write
 * .eml files to `<dataDir>/outbox`; the templates build the customer-facing messages in es-MX and English.
 */
export { type Mailbox, parseMailbox, parseRecipients } from './address.js';
export type { MailMerchant } from './email/branding.js';
export { type CancellationEmailInput, cancellationEmail } from './email/cancellation-email.js';
export { formatMoney, type MailLang } from './email/format.js';
export { escapeHtml } from './email/html.js';
export { type InvoiceEmailInput, invoiceEmail } from './email/invoice-email.js';
export type { MailDocumentType } from './email/labels.js';
export { type SelfInvoiceEmailInput, selfInvoiceEmail } from './email/self-invoice-email.js';
export { MailError, type MailErrorCode } from './errors.js';
export {
  createMailer,
  DEFAULT_MAIL_FROM,
  type MailerFromEnvOptions,
  type MailerOptions,
  type MailerTimeouts,
  mailerFromEnv,
} from './mailer.js';
export type { MailAttachment, Mailer, MailMessage, SentMail } from './message.js';
