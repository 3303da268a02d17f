/**
 * The glue: (raw body, headers, URL query, merchant) -> core. The signature is checked with the
 * merchant's webhook secret before anything is read; a payment notification then fetches the payment
 * with the merchant's access token (the notification carries no payment data, and the fetched payment is
 * the stronger proof). What it carries is recorded (recordPayment, then each refund through
 * recordRefundOrDefer) before this resolves, so the route acknowledges only stored facts. MercadoPago's API
 * down answers 503 (retriable): nothing is stored and MercadoPago delivers the notification again.
 */

import type { GatewayRequest, GatewayResult } from '../../../core/src/automation/inbound.js';
import type { Autofactura, Logger } from '../../../core/src/automation/types.js';
import { fetchPayment } from './client.js';
import { ACCESS_TOKEN_SECRET, DEFAULT_TOLERANCE_SECONDS, WEBHOOK_SECRET } from './config.js';
import { mercadoPagoError } from './errors.js';
import { normalizePayment } from './normalize.js';
import { parseNotification, signedDataId } from './notification.js';
import type { MercadoPagoPayment } from './types.js';
import { verifyMercadoPagoSignature } from './verify.js';

export interface MercadoPagoDeps {
  af: Autofactura;
  logger?: Logger;
  /** MercadoPago's API base URL (MERCADOPAGO_API_URL); default https://api.mercadopago.com. */
  apiUrl?: string | undefined;
  toleranceSeconds?: number;
  /** Seconds since the epoch (tests of stale signatures). */
  now?: () => number;
  /** The payment by id (default: the SDK against apiUrl). */
  fetchPayment?: (accessToken: string, id: string) => Promise<MercadoPagoPayment>;
}

const notConnected = () =>
  mercadoPagoError(
    'MERCADOPAGO_NOT_CONNECTED',
    'Este comercio no existe o no tiene Mercado Pago conectado: guarda la clave secreta de Webhooks y el access token con "autofactura connect mercadopago".',
    'This merchant does not exist or has not connected Mercado Pago: store the Webhooks secret and the access token with "autofactura connect mercadopago".',
    404,
  );

export function mercadoPagoHandler(deps: MercadoPagoDeps) {
  const lookUp =
    deps.fetchPayment ?? ((token: string, id: string) => fetchPayment(token, id, { apiUrl: deps.apiUrl }));
  return {
    gateway: 'mercadopago',
    async handle(request: GatewayRequest): Promise<GatewayResult> {
      const secret = await deps.af.connectionSecret(request.merchantId, WEBHOOK_SECRET);
      if (!secret) throw notConnected();
      verifyMercadoPagoSignature({
        signature: request.headers['x-signature'],
        requestId: request.headers['x-request-id'],
        dataId: signedDataId(request.query),
        secret,
        toleranceSeconds: deps.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS,
        now: deps.now ? deps.now() : Date.now() / 1000,
      });
      const notification = parseNotification(request.rawBody, request.query);
      const event = {
        ...(notification.id ? { eventId: notification.id } : {}),
        eventType: notification.action ?? notification.type,
      };
      if (notification.type !== 'payment') {
        return {
          ...event,
          outcome: 'ignored',
          reason: `Notificación de tipo ${notification.type}: solo se usan las de pagos (payment).`,
          reasonEn: `A ${notification.type} notification: only payment notifications are used.`,
        };
      }
      const token = await deps.af.connectionSecret(request.merchantId, ACCESS_TOKEN_SECRET);
      if (!token) {
        throw mercadoPagoError(
          'MERCADOPAGO_ACCESS_TOKEN_MISSING',
          'Falta el access token de Mercado Pago para consultar el pago: guárdalo con "autofactura connect mercadopago --access-token"; Mercado Pago reenviará la notificación.',
          'The Mercado Pago access token needed to fetch the payment is missing: store it with "autofactura connect mercadopago --access-token"; Mercado Pago will resend the notification.',
          422,
        );
      }
      const action = normalizePayment(await lookUp(token, notification.dataId));
      if (action.kind === 'ignored') {
        return { ...event, outcome: 'ignored', reason: action.reason, reasonEn: action.reasonEn };
      }
      const recorded = await deps.af.recordPayment(request.merchantId, action.payment);
      const known = new Set(recorded.payment.refunds.map((refund) => refund.externalId));
      const fresh = action.refunds.filter((refund) => !known.has(refund.refundExternalId));
      for (const refund of fresh) await deps.af.recordRefundOrDefer(request.merchantId, refund);
      deps.logger?.info('mercadopago payment', {
        merchantId: request.merchantId,
        payment: action.payment.externalId,
        created: recorded.created,
        refunds: fresh.length,
      });
      return {
        ...event,
        outcome: recorded.created || fresh.length > 0 ? 'accepted' : 'duplicate',
        paymentId: recorded.payment.id,
      };
    },
  };
}
