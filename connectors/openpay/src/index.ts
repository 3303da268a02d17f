/**
 * The OpenPay connector (issue #10): notifications behind HTTP Basic auth become payments, refunds and
 * invoices, each charge re-fetched from OpenPay's API when the merchant gave API keys. Shape as in
 * DESIGN.md: config (what the connection keeps), verify (Basic auth, constant time), normalize
 * (notification -> core payment/refund, pure), client (the re-fetch) and handler (the route's glue).
 */
export const connector = {
  id: 'openpay',
  displayName: 'OpenPay',
  kind: 'gateway',
} as const;

/** The events to select when creating the webhook in OpenPay's panel. */
export const WEBHOOK_EVENTS = [
  'charge.succeeded',
  'spei.received',
  'charge.refunded',
  'chargeback.accepted',
] as const;

export { fetchCharge, type OpenpayApi } from './client.js';
export {
  ENVIRONMENT_SECRET,
  MERCHANT_ID_SECRET,
  openpayConnectionSchema,
  PASSWORD_SECRET,
  PRIVATE_KEY_SECRET,
  USER_SECRET,
} from './config.js';
export { connectOpenpayAccount, type OpenpayConnectInput } from './connect.js';
export { handleOpenpayDelivery, openpayHandler } from './handler.js';
export { actionOf, type OpenpayAction, parseNotification, SOURCE, transactionPayment } from './normalize.js';
export { basicAuthHeader, verifyBasicAuth } from './verify.js';
