/**
 * The glue the portal's gateway route calls for `POST /webhooks/conekta/:merchantId`: the merchant's
 * webhook public key from the facade, the DIGEST checked over the raw body, then what the event carries
 * recorded durably (recordPayment / recordRefundOrDefer) before this resolves, so the route acknowledges
 * only stored facts. A refusal throws (400/404) and nothing the delivery carried is stored.
 */

import type { GatewayHandler, GatewayRequest, GatewayResult } from '../../../core/src/automation/inbound.js';
import type { Autofactura } from '../../../core/src/automation/types.js';
import { PUBLIC_KEY_SECRET } from './config.js';
import { conektaError } from './errors.js';
import { normalizeEvent } from './normalize.js';
import { verifyConektaDigest } from './verify.js';

export interface ConektaHandlerDeps {
  af: Autofactura;
}

const notConnected = () =>
  conektaError(
    'CONEKTA_NOT_CONNECTED',
    'Este comercio no existe o no tiene Conekta conectado: guarda la llave pública de tu llave de webhook con "autofactura connect conekta --merchant ID --public-key llave.pem".',
    'This merchant does not exist or has not connected Conekta: store the public key of your webhook key with "autofactura connect conekta --merchant ID --public-key key.pem".',
    404,
  );

export async function handleConektaDelivery(
  deps: ConektaHandlerDeps,
  request: GatewayRequest,
): Promise<GatewayResult> {
  const publicKey = await deps.af.connectionSecret(request.merchantId, PUBLIC_KEY_SECRET);
  if (!publicKey) throw notConnected();
  const body = verifyConektaDigest(request.rawBody, request.headers.digest, publicKey);
  const { event, action } = normalizeEvent(body);
  const base = { eventId: event.id, eventType: event.type };
  if (action.kind === 'ignored') {
    return { ...base, outcome: 'ignored', reason: action.reason, reasonEn: action.reasonEn };
  }
  const recorded = await deps.af.recordPayment(request.merchantId, action.payment);
  const paymentId = recorded.payment.id;
  if (action.kind === 'payment') {
    return { ...base, outcome: recorded.created ? 'accepted' : 'duplicate', paymentId };
  }
  let deferred = false;
  for (const refund of action.refunds) {
    const outcome = await deps.af.recordRefundOrDefer(request.merchantId, refund);
    deferred ||= outcome.deferred;
  }
  return { ...base, outcome: deferred ? 'deferred' : 'accepted', paymentId };
}

export function conektaHandler(deps: ConektaHandlerDeps): GatewayHandler {
  return { gateway: 'conekta', handle: (request) => handleConektaDelivery(deps, request) };
}
