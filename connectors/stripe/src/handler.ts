/**
 * The glue: (raw body, Stripe-Signature, merchant id) -> core use cases. The event is verified with the
 * merchant's endpoint secret before anything is read from it; a Connect event (`account`) goes to the
 * merchant that connected that account, and must verify with that merchant's own secret too. What the
 * event carries is recorded durably (recordPayment / recordRefundOrDefer) before this resolves, so the
 * route acknowledges only stored facts (invariant 2). No Stripe API call happens here unless the
 * merchant gave an API key and the event lacks something only the API has (an exchange rate).
 */
import type Stripe from 'stripe';
import type { Autofactura, Logger } from '../../../core/src/automation/types.js';
import type { Merchant } from '../../../core/src/store/types.js';
import { withCardFunding, withCheckoutItems, withExchangeRate, writeBack } from './api-key.js';
import { ACCOUNT_CONNECTION, DEFAULT_TOLERANCE_SECONDS, WEBHOOK_SECRET } from './config.js';
import { StripeWebhookError } from './errors.js';
import { normalizeEvent } from './normalize.js';
import { withPaymentForm } from './payment-form.js';
import { verifyStripeEvent } from './verify.js';

export interface StripeWebhookDeps {
  af: Autofactura;
  /** The merchant record (the portal reads it from the store). */
  merchant(merchantId: string): Promise<Merchant | null>;
  /** A Stripe API client for a merchant's API key (tests point it at a local fake). */
  stripeClient?(apiKey: string): Stripe;
  toleranceSeconds?: number;
  logger?: Logger;
  /** Seconds since the epoch (tests). */
  now?(): number;
}

export interface StripeWebhookResult {
  eventId: string;
  type: string;
  merchantId: string;
  outcome: 'recorded' | 'duplicate' | 'ignored' | 'refund_recorded' | 'refund_deferred';
  reason?: string;
  paymentId?: string;
}

const notConnected = () =>
  new StripeWebhookError(
    'STRIPE_NOT_CONNECTED',
    'Este comercio no existe o no tiene Stripe conectado: guarda el secreto de firma del endpoint en Configuración › Conexiones o con "autofactura connect stripe".',
    'This merchant does not exist or has not connected Stripe: save the endpoint\'s signing secret in Settings › Connections or with "autofactura connect stripe".',
  );

async function target(
  deps: StripeWebhookDeps,
  urlMerchant: Merchant,
  event: Stripe.Event,
  verifyWith: (secret: string) => void,
) {
  if (!event.account || urlMerchant.connections?.[ACCOUNT_CONNECTION] === event.account) return urlMerchant;
  const owner = await deps.af.merchantByConnection(ACCOUNT_CONNECTION, event.account);
  if (!owner) {
    throw new StripeWebhookError(
      'STRIPE_ACCOUNT_NOT_CONNECTED',
      `Ningún comercio conectó la cuenta de Stripe ${event.account}; conéctala con "autofactura connect stripe --account ${event.account}".`,
      `No merchant connected Stripe account ${event.account}; connect it with "autofactura connect stripe --account ${event.account}".`,
    );
  }
  const secret = await deps.af.connectionSecret(owner.id, WEBHOOK_SECRET);
  if (!secret) throw notConnected();
  verifyWith(secret);
  return owner;
}

/**
 * What one authentic event carries, recorded for `merchant` (the webhook after verifying it; the sync
 * command for events it lists through the API). Idempotent: the same event again changes nothing.
 */
export async function processStripeEvent(
  deps: StripeWebhookDeps,
  merchant: Merchant,
  event: Stripe.Event,
): Promise<StripeWebhookResult> {
  const action = normalizeEvent(event, merchant.settings.defaultProduct);
  const result = { eventId: event.id, type: event.type, merchantId: merchant.id };
  if (action.kind === 'ignored') return { ...result, outcome: 'ignored', reason: action.reason };
  let paymentId: string | undefined;
  if (action.payment) {
    const funded =
      action.kind === 'payment'
        ? await withCheckoutItems(
            deps,
            merchant,
            await withCardFunding(deps, merchant, action.payment, action.cardFundingFrom),
            action.itemsFrom,
          )
        : action.payment;
    const payment = withPaymentForm(
      merchant,
      await withExchangeRate(deps, merchant, funded, action.exchangeRateFrom),
    );
    const recorded = await deps.af.recordPayment(merchant.id, payment);
    paymentId = recorded.payment.id;
    if (recorded.receipt?.status === 'open')
      await writeBack(deps, merchant, payment.externalId, recorded.receipt.url);
    if (action.kind === 'payment') {
      return { ...result, outcome: recorded.created ? 'recorded' : 'duplicate', paymentId };
    }
  }
  if (action.kind !== 'refunds') return { ...result, outcome: 'ignored' };
  let deferred = false;
  for (const refund of action.refunds) {
    const outcome = await deps.af.recordRefundOrDefer(merchant.id, refund);
    deferred ||= outcome.deferred;
    paymentId ??= outcome.payment?.id;
  }
  return {
    ...result,
    outcome: deferred ? 'refund_deferred' : 'refund_recorded',
    ...(paymentId ? { paymentId } : {}),
  };
}

export async function handleStripeWebhook(
  deps: StripeWebhookDeps,
  request: { merchantId: string; rawBody: Buffer; signature: string | undefined },
): Promise<StripeWebhookResult> {
  const urlMerchant = await deps.merchant(request.merchantId);
  const secret = urlMerchant ? await deps.af.connectionSecret(urlMerchant.id, WEBHOOK_SECRET) : null;
  if (!urlMerchant || !secret) throw notConnected();
  const options = {
    toleranceSeconds: deps.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS,
    ...(deps.now ? { now: deps.now() } : {}),
  };
  const verifyWith = (key: string) => verifyStripeEvent(request.rawBody, request.signature, key, options);
  const event = verifyWith(secret);
  return processStripeEvent(deps, await target(deps, urlMerchant, event, verifyWith), event);
}
