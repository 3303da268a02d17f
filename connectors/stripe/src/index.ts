/**
 * The Stripe connector (issue #6): signed webhooks become payments, refunds and invoices. Shape as in
 * DESIGN.md: config (the merchant's settings for it), verify (the signature, over the raw body), normalize
 * (Stripe objects -> core payments and refunds, pure) and handler (the glue the portal's route calls).
 */
export const connector = {
  id: 'stripe',
  displayName: 'Stripe',
  kind: 'gateway',
} as const;

export { ACCOUNT_CONNECTION, API_KEY_SECRET, WEBHOOK_SECRET } from './config.js';
export { StripeWebhookError } from './errors.js';
export { handleStripeWebhook, type StripeWebhookResult } from './handler.js';
export { normalizeEvent, type StripeAction } from './normalize.js';
export { verifyStripeEvent } from './verify.js';
