/**
 * The glue: (raw body, PAYPAL-* headers, merchant) -> core. The delivery is verified against the
 * merchant's webhook id before anything it carries is used — offline with PayPal's certificate (default),
 * or through PayPal's verify API when the merchant chose it. A completed capture is recorded as a payment;
 * its payer comes from the capture or, with the REST app's credentials, from its order (the capture
 * usually has none). A refund goes through recordRefundOrDefer (it may arrive before its capture).
 * Everything is stored before this resolves; PayPal unreachable (certificate, token, order) answers 503
 * and nothing is stored, so PayPal delivers the event again (it retries for 3 days).
 */

import type { GatewayRequest, GatewayResult } from '../../../core/src/automation/inbound.js';
import type { Autofactura, Logger } from '../../../core/src/automation/types.js';
import { type PaypalApi, type PaypalCredentials, paypalApi } from './api.js';
import { type CertificateCache, certificateCache } from './certs.js';
import {
  API_URLS,
  CLIENT_SECRET,
  DEFAULT_MAX_AGE_SECONDS,
  type PaypalSettings,
  parseSettings,
  SETTINGS_SECRET,
} from './config.js';
import { paypalError } from './errors.js';
import { normalizeEvent, type PaypalEvent, parseEvent, withOrder } from './normalize.js';
import { checkTransmissionTime, transmissionHeaders, verifyPaypalSignature } from './verify.js';

export interface PaypalDeps {
  af: Autofactura;
  logger?: Logger;
  /** PayPal's API base URL (PAYPAL_API_URL) for every merchant; default by environment (api-m.paypal.com). */
  apiUrl?: string | undefined;
  maxAgeSeconds?: number;
  /** Seconds since the epoch (tests of stale transmissions). */
  now?: () => number;
  certificates?: CertificateCache;
  api?: PaypalApi;
}

const notConnected = () =>
  paypalError(
    'PAYPAL_NOT_CONNECTED',
    'Este comercio no existe o no tiene PayPal conectado: guarda el Webhook ID con "autofactura connect paypal --webhook-id".',
    'This merchant does not exist or has not connected PayPal: store the Webhook ID with "autofactura connect paypal --webhook-id".',
    404,
  );

export function paypalHandler(deps: PaypalDeps) {
  const certificates = deps.certificates ?? certificateCache({ apiUrl: deps.apiUrl });
  const api = deps.api ?? paypalApi();
  const base = (settings: PaypalSettings) =>
    (deps.apiUrl || API_URLS[settings.environment]).replace(/\/+$/, '');

  async function credentials(
    merchantId: string,
    settings: PaypalSettings,
  ): Promise<PaypalCredentials | null> {
    if (!settings.clientId) return null;
    const clientSecret = await deps.af.connectionSecret(merchantId, CLIENT_SECRET);
    return clientSecret ? { clientId: settings.clientId, clientSecret } : null;
  }

  async function verify(request: GatewayRequest, settings: PaypalSettings): Promise<PaypalEvent> {
    const headers = transmissionHeaders(request.headers);
    const now = deps.now ? deps.now() : Date.now() / 1000;
    checkTransmissionTime(headers.transmissionTime, now, deps.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS);
    if (settings.verification === 'offline') {
      const certificate = await certificates.get(headers.certUrl);
      verifyPaypalSignature({
        rawBody: request.rawBody,
        headers,
        webhookId: settings.webhookId,
        certificate,
        now,
      });
      return parseEvent(request.rawBody);
    }
    const event = parseEvent(request.rawBody);
    const creds = await credentials(request.merchantId, settings);
    if (!creds) {
      throw paypalError(
        'PAYPAL_CREDENTIALS_MISSING',
        'La verificación por la API de PayPal necesita el Client ID y Secret: guárdalos con "autofactura connect paypal --client-id --client-secret".',
        'Verification through the PayPal API needs the Client ID and Secret: store them with "autofactura connect paypal --client-id --client-secret".',
        422,
      );
    }
    const ok = await api.verifySignature(base(settings), creds, {
      ...headers,
      webhookId: settings.webhookId,
      rawBody: request.rawBody,
    });
    if (!ok) {
      throw paypalError(
        'PAYPAL_SIGNATURE_INVALID',
        'PayPal no reconoce la firma de este evento para el Webhook ID guardado: revisa que sea el del webhook que apunta a esta URL.',
        'PayPal does not recognise this event signature for the stored Webhook ID: check that it is the one of the webhook pointing at this URL.',
        401,
      );
    }
    return event;
  }

  return {
    gateway: 'paypal',
    async handle(request: GatewayRequest): Promise<GatewayResult> {
      const settings = parseSettings(await deps.af.connectionSecret(request.merchantId, SETTINGS_SECRET));
      if (!settings) throw notConnected();
      const event = await verify(request, settings);
      const meta = { eventId: event.id, eventType: event.event_type };
      const action = normalizeEvent(event, settings.environment === 'sandbox' ? 'test' : 'live');
      if (action.kind === 'ignored')
        return { ...meta, outcome: 'ignored', reason: action.reason, reasonEn: action.reasonEn };
      if (action.kind === 'refund') {
        const outcome = await deps.af.recordRefundOrDefer(request.merchantId, action.refund);
        return {
          ...meta,
          outcome: outcome.deferred ? 'deferred' : 'accepted',
          ...(outcome.payment ? { paymentId: outcome.payment.id } : {}),
        };
      }
      let payment = action.payment;
      const creds =
        action.orderId && !payment.customer?.email ? await credentials(request.merchantId, settings) : null;
      if (creds && action.orderId) {
        const order = await api.order(base(settings), creds, action.orderId);
        if (order) payment = withOrder(payment, order);
      }
      const recorded = await deps.af.recordPayment(request.merchantId, payment);
      deps.logger?.info('paypal capture', {
        merchantId: request.merchantId,
        capture: payment.externalId,
        created: recorded.created,
      });
      return {
        ...meta,
        outcome: recorded.created ? 'accepted' : 'duplicate',
        paymentId: recorded.payment.id,
      };
    },
  };
}
