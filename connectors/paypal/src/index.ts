/**
 * The PayPal connector (issue #10): PAYMENT.CAPTURE.COMPLETED becomes a payment (its payer fetched from
 * the order when the capture has none), PAYMENT.CAPTURE.REFUNDED a refund. Every delivery is verified
 * against the merchant's webhook id: offline (SHA256withRSA over transmission id, time, webhook id and the
 * body's CRC32, with PayPal's certificate) or through PayPal's verify API. Shape as in DESIGN.md: config,
 * verify + certs, normalize (pure), api (calls back), handler (glue).
 */
export const connector = {
  id: 'paypal',
  displayName: 'PayPal',
  kind: 'gateway',
} as const;

export { type PaypalApi, type PaypalOrder, paypalApi } from './api.js';
export { allowedCertUrl, type CertificateCache, certificateCache } from './certs.js';
export {
  API_URLS,
  CLIENT_SECRET,
  DEFAULT_MAX_AGE_SECONDS,
  formatSettings,
  type PaypalConnection,
  parseSettings,
  paypalConnectionSchema,
  SETTINGS_SECRET,
} from './config.js';
export { connectPaypalAccount, type PaypalConnectInput } from './connect.js';
export { type PaypalDeps, paypalHandler } from './handler.js';
export {
  normalizeEvent,
  type PaypalAction,
  type PaypalEvent,
  parseEvent,
  SOURCE,
  withOrder,
} from './normalize.js';
export { signedMessage, signPaypalTest, transmissionHeaders, verifyPaypalSignature } from './verify.js';
