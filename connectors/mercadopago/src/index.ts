/**
 * The MercadoPago connector (issue #10): a thin notification (`?data.id=..&type=payment`) signed with the
 * application's webhook secret (`x-signature`) is verified, the payment it names is fetched back with the
 * official `mercadopago` SDK, and an approved payment becomes a payment, its refunds credits. Shape as in
 * DESIGN.md: config, verify (pure), notification + normalize (pure), client (the SDK), handler (glue).
 */
export const connector = {
  id: 'mercadopago',
  displayName: 'Mercado Pago',
  kind: 'gateway',
} as const;

export { fetchPayment, setApiBaseUrl } from './client.js';
export {
  ACCESS_TOKEN_SECRET,
  DEFAULT_TOLERANCE_SECONDS,
  mercadoPagoConnectionSchema,
  WEBHOOK_SECRET,
} from './config.js';
export { connectMercadoPagoAccount, type MercadoPagoConnectInput } from './connect.js';
export { type MercadoPagoDeps, mercadoPagoHandler } from './handler.js';
export { type MercadoPagoAction, normalizePayment, SOURCE } from './normalize.js';
export { parseNotification } from './notification.js';
export { methodOfPaymentType } from './payment-type.js';
export type { MercadoPagoPayment } from './types.js';
export { manifest, signMercadoPagoTest, verifyMercadoPagoSignature } from './verify.js';
