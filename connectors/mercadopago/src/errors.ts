/** The connector's refusals: a code, es-MX and English messages that say what to fix, an HTTP status. */
import { AutofacturaError } from '../../../core/src/errors.js';

export function mercadoPagoError(
  code: string,
  message: string,
  messageEn: string,
  status = 400,
  cause?: unknown,
): AutofacturaError {
  return new AutofacturaError({ code, message, messageEn, status, ...(cause ? { cause } : {}) });
}

/** MercadoPago's API could not answer now: 503 so MercadoPago delivers the notification again later. */
export function apiUnavailable(cause: unknown): AutofacturaError {
  return new AutofacturaError({
    code: 'MERCADOPAGO_API_UNAVAILABLE',
    message:
      'No se pudo consultar el pago en Mercado Pago; no se guardó nada y Mercado Pago reenviará la notificación.',
    messageEn:
      'The payment could not be fetched from Mercado Pago; nothing was stored and Mercado Pago will resend the notification.',
    status: 503,
    retriable: true,
    cause,
  });
}
