/**
 * The Conekta connector (issue #10): webhooks signed with the merchant's webhook key (DIGEST) become
 * payments, refunds and invoices. Shape as in DESIGN.md: config (the public key it keeps), verify (the
 * DIGEST over the raw body), normalize (Conekta orders -> core payments and refunds, pure) and handler
 * (the glue the portal's gateway route calls).
 */
export const connector = {
  id: 'conekta',
  displayName: 'Conekta',
  kind: 'gateway',
} as const;

/** The events to subscribe the webhook to in Conekta's panel. */
export const WEBHOOK_EVENTS = [
  'order.paid',
  'order.refunded',
  'order.partially_refunded',
  'order.charged_back',
] as const;

export { fromCentavos } from './centavos.js';
export { conektaConnectionSchema, isRsaPublicKey, PUBLIC_KEY_SECRET } from './config.js';
export { connectConektaAccount } from './connect.js';
export { conektaHandler, handleConektaDelivery } from './handler.js';
export { type ConektaAction, normalizeEvent, SOURCE } from './normalize.js';
export { methodOf } from './payment-method.js';
export { conektaTestDigest, verifyConektaDigest } from './verify.js';
