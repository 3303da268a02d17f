/**
 * The generic signed webhook (issue #10): any sender that signs with Standard Webhooks (HMAC-SHA256,
 * `webhook-id`, `webhook-timestamp`, `webhook-signature`) — RetryPay's payment notifications, a shop, an
 * orchestrator — connected per merchant with a secret and a mapping from its JSON to a payment (JSON
 * pointers). `POST /webhooks/generic/{merchant_id}/{connection_id}`. Shape as in DESIGN.md: config (the
 * mapping), verify, normalize (pure), handler (the glue the portal's route calls).
 */
export const connector = {
  id: 'generic',
  displayName: 'Webhook firmado',
  kind: 'gateway',
} as const;

export {
  connectionNames,
  type GenericMapping,
  genericConnectionIds,
  genericMappingSchema,
  parseMapping,
} from './config.js';
export { type ConnectGenericInput, connectGeneric } from './connect.js';
export { genericHandler } from './handler.js';
export { type GenericAction, normalizeGeneric } from './normalize.js';
export { resolvePointer } from './pointer.js';
export { verifyGeneric } from './verify.js';
