/**
 * Errors of email delivery. Every one is a MailError (an AutofacturaError) with a stable code:
 *
 * - MAIL_INVALID_ADDRESS: a recipient, Reply-To or sender that is not one plain email address
 *   (CR/LF, lists, groups, missing domain). Fix the address; never retriable.
 * - MAIL_INVALID_CONTENT: what a template was given cannot make an email (amount, UUID, link, color, logo).
 * - MAIL_CONFIG_INVALID: SMTP_URL or MAIL_FROM cannot be used.
 * - MAIL_AUTH_FAILED: the SMTP server refused the user or password of SMTP_URL (retriable only for a
 *   4xx reply such as 454).
 * - MAIL_SEND_FAILED: the message did not reach the server or the server refused it. Retriable for
 *   connection failures, timeouts and 4xx replies; not for 5xx (permanent rejection).
 * - MAIL_OUTBOX_WRITE_FAILED: the .eml file could not be written to the outbox folder.
 *
 * Messages never carry SMTP credentials: SMTP errors are rebuilt from the reply code and a redacted reply.
 */
import { AutofacturaError, type AutofacturaErrorOptions } from '../errors.js';

export type MailErrorCode =
  | 'MAIL_INVALID_ADDRESS'
  | 'MAIL_INVALID_CONTENT'
  | 'MAIL_CONFIG_INVALID'
  | 'MAIL_AUTH_FAILED'
  | 'MAIL_SEND_FAILED'
  | 'MAIL_OUTBOX_WRITE_FAILED';

export interface MailErrorOptions extends AutofacturaErrorOptions {
  code: MailErrorCode;
  /** SMTP reply code (e.g. 550, 451) when the server answered. */
  smtpCode?: number;
  /** The server's reply, credentials removed. */
  smtpResponse?: string;
}

export class MailError extends AutofacturaError {
  declare readonly code: MailErrorCode;
  readonly smtpCode: number | undefined;
  readonly smtpResponse: string | undefined;

  constructor(options: MailErrorOptions) {
    super(options);
    this.smtpCode = options.smtpCode;
    this.smtpResponse = options.smtpResponse;
  }
}

/** An address that cannot be used; `path` names the field (e.g. `to[1]`, `merchant.replyTo`). */
export function invalidAddress(path: string, reason: { es: string; en: string }): MailError {
  const message = `La dirección de correo en ${path} no es válida: ${reason.es}.`;
  const messageEn = `The email address in ${path} is not valid: ${reason.en}.`;
  return new MailError({
    code: 'MAIL_INVALID_ADDRESS',
    message,
    messageEn,
    details: [{ code: 'MAIL_INVALID_ADDRESS', message, messageEn, path }],
  });
}

/** Template input that cannot make an email. */
export function invalidContent(path: string, es: string, en: string): MailError {
  return new MailError({
    code: 'MAIL_INVALID_CONTENT',
    message: es,
    messageEn: en,
    details: [{ code: 'MAIL_INVALID_CONTENT', message: es, messageEn: en, path }],
  });
}

/** A setting (SMTP_URL, MAIL_FROM) that cannot be used; the messages never repeat its value. */
export function invalidConfig(setting: string, es: string, en: string): MailError {
  return new MailError({
    code: 'MAIL_CONFIG_INVALID',
    status: 500,
    message: `${setting}: ${es}`,
    messageEn: `${setting}: ${en}`,
    details: [{ code: 'MAIL_CONFIG_INVALID', message: es, messageEn: en, path: setting }],
  });
}
