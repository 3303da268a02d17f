/**
 * The event's authenticity: stripe.webhooks.constructEvent over the RAW body (never a re-serialized
 * object) with the endpoint's signing secret and an explicit tolerance; `now` is injectable for tests.
 * Pure: no storage, no network (the SDK's HMAC is a timing-safe compare).
 */
import Stripe from 'stripe';
import { StripeWebhookError } from './errors.js';

/** The SDK's webhook helpers need no API key. */
const sdk = new Stripe('sk_webhooks_only');

export interface VerifyOptions {
  toleranceSeconds: number;
  /** Seconds since the epoch; default the current time. */
  now?: number;
}

export function verifyStripeEvent(
  rawBody: Buffer,
  signature: string | undefined,
  secret: string,
  options: VerifyOptions,
): Stripe.Event {
  if (!signature) {
    throw new StripeWebhookError(
      'STRIPE_SIGNATURE_MISSING',
      'Falta el encabezado Stripe-Signature: solo se aceptan eventos firmados por Stripe.',
      'The Stripe-Signature header is missing: only events signed by Stripe are accepted.',
    );
  }
  if (!(options.toleranceSeconds > 0))
    throw new RangeError('A positive tolerance is required (0 would skip the check)');
  // The SDK takes the time of receipt in milliseconds.
  const receivedAtMs = (options.now ?? Date.now() / 1000) * 1000;
  try {
    return sdk.webhooks.constructEvent(
      rawBody,
      signature,
      secret,
      options.toleranceSeconds,
      undefined,
      receivedAtMs,
    );
  } catch (error) {
    if (error instanceof SyntaxError) {
      throw new StripeWebhookError(
        'STRIPE_EVENT_MALFORMED',
        'El cuerpo del evento no es JSON válido.',
        'The event body is not valid JSON.',
        400,
        error,
      );
    }
    if (error instanceof Error && /tolerance/i.test(error.message)) {
      throw new StripeWebhookError(
        'STRIPE_SIGNATURE_EXPIRED',
        `La firma del evento tiene más de ${options.toleranceSeconds} s; revisa el reloj del servidor o reenvía el evento desde Stripe.`,
        `The event's signature is older than ${options.toleranceSeconds} s; check the server's clock or resend the event from Stripe.`,
        400,
        error,
      );
    }
    throw new StripeWebhookError(
      'STRIPE_SIGNATURE_INVALID',
      'La firma no corresponde al secreto de este endpoint: copia el secreto de firma (whsec_...) del endpoint en Stripe a la configuración de autofactura.',
      "The signature does not match this endpoint's secret: copy the endpoint's signing secret (whsec_...) from Stripe into autofactura's settings.",
      400,
      error,
    );
  }
}
