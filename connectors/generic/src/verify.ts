/**
 * Standard Webhooks (standardwebhooks.com) with its reference library: HMAC-SHA256 of
 * `<webhook-id>.<webhook-timestamp>.<raw body>` under the connection's `whsec_` secret, compared in
 * constant time against every `v1,` signature in `webhook-signature`; a timestamp more than 5 minutes
 * away from now is refused (replays).
 */
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { AutofacturaError } from '../../../core/src/errors.js';

export function verifyGeneric(
  rawBody: Buffer,
  headers: Record<string, string | undefined>,
  secret: string,
): void {
  const given = {
    'webhook-id': headers['webhook-id'] ?? '',
    'webhook-timestamp': headers['webhook-timestamp'] ?? '',
    'webhook-signature': headers['webhook-signature'] ?? '',
  };
  try {
    new Webhook(secret).verify(rawBody, given, { jsonParse: false });
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    const stale = /timestamp/i.test(error.message);
    const missing = /missing/i.test(error.message);
    throw new AutofacturaError({
      code: stale ? 'GENERIC_TIMESTAMP_STALE' : 'GENERIC_SIGNATURE_INVALID',
      status: 401,
      message: stale
        ? 'La marca de tiempo del webhook (webhook-timestamp) está a más de 5 minutos de la hora actual: se rechaza para evitar repeticiones. Revisa el reloj del emisor.'
        : missing
          ? 'Faltan los encabezados de firma (webhook-id, webhook-timestamp, webhook-signature). Configura el emisor para firmar con Standard Webhooks.'
          : 'La firma del webhook no corresponde al secreto de esta conexión. Revisa que el emisor firme con el secreto que muestra autofactura.',
      messageEn: stale
        ? "The webhook timestamp (webhook-timestamp) is more than 5 minutes from now: refused to prevent replays. Check the sender's clock."
        : missing
          ? 'The signature headers are missing (webhook-id, webhook-timestamp, webhook-signature). Configure the sender to sign with Standard Webhooks.'
          : "The webhook's signature does not match this connection's secret. Check that the sender signs with the secret autofactura shows.",
    });
  }
}
