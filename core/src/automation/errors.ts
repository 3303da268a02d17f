/**
 * Errors of the pipeline, each with a stable code, es-MX first and English: what a merchant, a customer
 * on the portal or an operator can act on.
 */
import { AutofacturaError, type ErrorDetail, ValidationError } from '../errors.js';

function error(code: string, status: number, message: string, messageEn: string): AutofacturaError {
  return new AutofacturaError({ code, status, message, messageEn });
}

export const notFound = {
  merchant: (id: string) =>
    error(
      'MERCHANT_NOT_FOUND',
      404,
      `No existe el comercio ${id}. Revisa el identificador o crea el comercio con "autofactura merchant create".`,
      `Merchant ${id} does not exist. Check the id or create it with "autofactura merchant create".`,
    ),
  payment: (what: string) =>
    error(
      'PAYMENT_NOT_FOUND',
      404,
      `No existe el pago ${what} en este comercio.`,
      `Payment ${what} does not exist for this merchant.`,
    ),
  receipt: () =>
    error(
      'RECEIPT_NOT_FOUND',
      404,
      'El enlace de facturación no es válido. Revisa que lo copiaste completo del correo o del ticket.',
      'The invoicing link is not valid. Check that you copied it completely from the email or the receipt.',
    ),
};

/** Validation failure with every problem in `details`; the first one is the top-level code. */
export function invalid(details: ErrorDetail[], status = 422): ValidationError {
  const first = details[0]!;
  return new ValidationError({
    code: first.code,
    message: first.message,
    ...(first.messageEn ? { messageEn: first.messageEn } : {}),
    status,
    details,
  });
}

export function detail(code: string, path: string, message: string, messageEn: string): ErrorDetail {
  return { code, path, message, messageEn };
}

export function conflict(code: string, message: string, messageEn: string): AutofacturaError {
  return error(code, 409, message, messageEn);
}

export function gone(code: string, message: string, messageEn: string): AutofacturaError {
  return error(code, 410, message, messageEn);
}

/** Work that cannot go on yet (another step is still running): retried by the job runner. */
export function notReady(what: string, whatEn: string): AutofacturaError {
  return new AutofacturaError({
    code: 'JOB_NOT_READY',
    status: 503,
    retriable: true,
    message: `Todavía no se puede continuar: ${what}. Se reintentará.`,
    messageEn: `Cannot continue yet: ${whatEn}. It will be retried.`,
  });
}

/** Thrown once the payments are marked failed: the job goes to the dead letter, nothing is retried. */
export class GiveUp extends AutofacturaError {
  static from(error: AutofacturaError): GiveUp {
    return new GiveUp({
      code: error.code,
      message: error.message,
      ...(error.messageEn ? { messageEn: error.messageEn } : {}),
      status: error.status,
      details: error.details,
      cause: error,
    });
  }
}
