/** The connector's refusals: a code, es-MX and English messages that say what to fix, an HTTP status. */
import { AutofacturaError } from '../../../core/src/errors.js';

export function paypalError(
  code: string,
  message: string,
  messageEn: string,
  status = 400,
  cause?: unknown,
): AutofacturaError {
  return new AutofacturaError({ code, message, messageEn, status, ...(cause ? { cause } : {}) });
}

/** PayPal could not answer now (certificate, token, order, verify API): 503, PayPal delivers again. */
export function paypalUnavailable(what: string, whatEn: string, cause: unknown): AutofacturaError {
  return new AutofacturaError({
    code: 'PAYPAL_API_UNAVAILABLE',
    message: `No se pudo obtener ${what} de PayPal; no se guardó nada y PayPal reenviará el evento.`,
    messageEn: `Could not get ${whatEn} from PayPal; nothing was stored and PayPal will resend the event.`,
    status: 503,
    retriable: true,
    cause,
  });
}
