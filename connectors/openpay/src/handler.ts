/**
 * The glue the portal's gateway route calls for `POST /webhooks/openpay/:merchantId`: Basic auth checked
 * against the merchant's stored webhook user and password before the body is read; the verification
 * handshake answered with its code (shown in the dashboard's delivery log); a charge re-fetched from
 * OpenPay's API when the merchant gave API keys (what the API says is what gets recorded; a charge
 * OpenPay does not know is refused; the API down throws a retriable 503 so OpenPay retries — nothing is
 * lost, nothing half-stored); then recordPayment / recordRefundOrDefer before this resolves.
 */

import type { GatewayHandler, GatewayRequest, GatewayResult } from '../../../core/src/automation/inbound.js';
import type { Autofactura } from '../../../core/src/automation/types.js';
import { fetchCharge, type OpenpayApi } from './client.js';
import {
  ENVIRONMENT_SECRET,
  MERCHANT_ID_SECRET,
  PASSWORD_SECRET,
  PRIVATE_KEY_SECRET,
  PRODUCTION_API,
  SANDBOX_API,
  USER_SECRET,
} from './config.js';
import { openpayError } from './errors.js';
import { actionOf, parseNotification, transactionPayment, transactionRefund } from './normalize.js';
import type { OpenpayTransaction } from './schema.js';
import { parseBody, verifyBasicAuth } from './verify.js';

export interface OpenpayHandlerDeps {
  af: Autofactura;
  /** OPENPAY_API_URL: overrides the production/sandbox host (tests: a local fake). */
  apiUrl?: string | undefined;
}

const notConnected = () =>
  openpayError(
    'OPENPAY_NOT_CONNECTED',
    'Este comercio no existe o no tiene OpenPay conectado: guarda el usuario y la contraseña del webhook con "autofactura connect openpay --merchant ID --user U --password P".',
    'This merchant does not exist or has not connected OpenPay: store the webhook user and password with "autofactura connect openpay --merchant ID --user U --password P".',
    404,
  );

async function secrets(af: Autofactura, merchantId: string) {
  const read = (name: string) => af.connectionSecret(merchantId, name);
  const [user, password, merchant, key, environment] = await Promise.all([
    read(USER_SECRET),
    read(PASSWORD_SECRET),
    read(MERCHANT_ID_SECRET),
    read(PRIVATE_KEY_SECRET),
    read(ENVIRONMENT_SECRET),
  ]);
  return { user, password, merchant, key, environment };
}

/** The transaction to record: OpenPay's own copy when keys are configured, else the notification's. */
async function authoritative(
  api: OpenpayApi | undefined,
  sent: OpenpayTransaction,
): Promise<{ tx: OpenpayTransaction; fetched: boolean }> {
  if (!api) return { tx: sent, fetched: false };
  const fetched = await fetchCharge(api, sent.id);
  if (!fetched) {
    throw openpayError(
      'OPENPAY_CHARGE_NOT_FOUND',
      `OpenPay no tiene el cargo ${sent.id} en la cuenta conectada: la notificación no es de esta cuenta o no es auténtica.`,
      `OpenPay has no charge ${sent.id} in the connected account: the notification is not from this account or not authentic.`,
      422,
    );
  }
  return { tx: { ...fetched, metadata: fetched.metadata ?? sent.metadata }, fetched: true };
}

export async function handleOpenpayDelivery(
  deps: OpenpayHandlerDeps,
  request: GatewayRequest,
): Promise<GatewayResult> {
  const s = await secrets(deps.af, request.merchantId);
  if (!s.user || !s.password) throw notConnected();
  verifyBasicAuth(request.headers.authorization, { user: s.user, password: s.password });
  const note = parseNotification(parseBody(request.rawBody));
  const action = actionOf(note);
  const eventType = note.type;
  if (action.kind === 'verification') {
    return {
      outcome: 'verification',
      eventType,
      reason: action.code,
      reasonEn: action.code,
    };
  }
  const eventId = `${note.type}:${note.transaction?.id ?? note.event_date ?? 'unknown'}`;
  if (action.kind === 'ignored') {
    return { outcome: 'ignored', eventId, eventType, reason: action.reason, reasonEn: action.reasonEn };
  }
  const api: OpenpayApi | undefined =
    s.merchant && s.key
      ? {
          baseUrl: deps.apiUrl || (s.environment === 'sandbox' ? SANDBOX_API : PRODUCTION_API),
          merchantId: s.merchant,
          privateKey: s.key,
        }
      : undefined;
  const { tx, fetched } = await authoritative(api, note.transaction!);
  const payment = transactionPayment(tx, note.type, note.event_date);
  if (fetched) payment.metadata = { ...payment.metadata, openpay_verified: 'api' };
  if (action.kind === 'payment') {
    if (tx.status && tx.status !== 'completed') {
      return {
        outcome: 'ignored',
        eventId,
        eventType,
        reason: `El cargo está "${tx.status}" en OpenPay, no completado.`,
        reasonEn: `The charge is "${tx.status}" at OpenPay, not completed.`,
      };
    }
    const recorded = await deps.af.recordPayment(request.merchantId, payment);
    return {
      outcome: recorded.created ? 'accepted' : 'duplicate',
      eventId,
      eventType,
      paymentId: recorded.payment.id,
    };
  }
  if (!action.chargeback && fetched && !tx.refund && tx.status !== 'refunded') {
    return {
      outcome: 'ignored',
      eventId,
      eventType,
      reason: 'OpenPay no muestra reembolso en este cargo.',
      reasonEn: 'OpenPay shows no refund on this charge.',
    };
  }
  // The charge first (a no-op when it was recorded), so a refund of a charge never seen still credits.
  const recorded = await deps.af.recordPayment(request.merchantId, payment);
  const outcome = await deps.af.recordRefundOrDefer(
    request.merchantId,
    transactionRefund(tx, action.chargeback, note.event_date),
  );
  return {
    outcome: outcome.deferred ? 'deferred' : 'accepted',
    eventId,
    eventType,
    paymentId: recorded.payment.id,
  };
}

export function openpayHandler(deps: OpenpayHandlerDeps): GatewayHandler {
  return { gateway: 'openpay', handle: (request) => handleOpenpayDelivery(deps, request) };
}
