/**
 * The Stripe connector (issue #6): signed webhooks become payments, refunds and invoices. Shape as in
 * DESIGN.md: config (the merchant's settings for it), verify (the signature, over the raw body), normalize
 * (Stripe objects -> core payments and refunds, pure) and handler (the glue the portal's route calls);
 * sync replays the events Stripe kept through the API (`autofactura stripe sync`).
 */
export const connector = {
  id: 'stripe',
  displayName: 'Stripe',
  kind: 'gateway',
} as const;

export { apiLocation, type StripeApiLocation, stripeClient } from './client.js';
export {
  ACCOUNT_CONNECTION,
  API_KEY_SECRET,
  PAYMENT_FORMS_CONNECTION,
  stripeConnectionSchema,
  WEBHOOK_SECRET,
} from './config.js';
export { StripeWebhookError } from './errors.js';
export { WEBHOOK_EVENTS } from './events.js';
export { handleStripeWebhook, processStripeEvent, type StripeWebhookResult } from './handler.js';
export { normalizeEvent, type StripeAction } from './normalize.js';
export { type SyncReport, syncStripe } from './sync.js';
export { verifyStripeEvent } from './verify.js';
