/**
 * What a merchant's Stripe API key adds to an event: the exchange rate of a foreign charge whose event
 * carries only its balance transaction's id, and the receipt's portal link written back on the
 * PaymentIntent. Without a key nothing here calls Stripe.
 */
import type { PaymentInput } from '../../../core/src/automation/types.js';
import type { Merchant } from '../../../core/src/store/types.js';
import { exchangeRateText } from './amounts.js';
import { ACCOUNT_CONNECTION, API_KEY_SECRET } from './config.js';
import { StripeWebhookError } from './errors.js';
import type { StripeWebhookDeps } from './handler.js';
import { invoiceItems } from './items.js';
import { kindOfCharge, methodOfKind } from './payment-method.js';

/**
 * What a failed Stripe call means for the event: Stripe answered that there is no such thing (4xx) — go
 * on without it (null); anything else (network, 5xx) — a 503, so Stripe delivers the event again later.
 */
function notFoundOrRetry(message: string, messageEn: string) {
  return (error: { statusCode?: number }): null => {
    if (error.statusCode && error.statusCode < 500) return null;
    throw new StripeWebhookError('STRIPE_API_UNAVAILABLE', message, messageEn, 503, error);
  };
}

export async function withExchangeRate(
  deps: StripeWebhookDeps,
  merchant: Merchant,
  payment: PaymentInput,
  balanceTransaction: string | undefined,
): Promise<PaymentInput> {
  if (payment.exchangeRate || (payment.currency ?? 'MXN') === 'MXN') return payment;
  const apiKey = await deps.af.connectionSecret(merchant.id, API_KEY_SECRET);
  if (balanceTransaction && apiKey && deps.stripeClient) {
    const account = merchant.connections?.[ACCOUNT_CONNECTION];
    const bt = await deps
      .stripeClient(apiKey)
      .balanceTransactions.retrieve(balanceTransaction, {}, account ? { stripeAccount: account } : undefined)
      .catch(
        notFoundOrRetry(
          'No se pudo consultar el tipo de cambio en Stripe; el evento se reintentará.',
          'Could not read the exchange rate from Stripe; the event will be retried.',
        ),
      );
    if (bt?.exchange_rate && bt.currency === 'mxn') {
      return { ...payment, exchangeRate: exchangeRateText(bt.exchange_rate) };
    }
  }
  throw new StripeWebhookError(
    'STRIPE_EXCHANGE_RATE_MISSING',
    `El pago en ${payment.currency} necesita el tipo de cambio: da a autofactura una llave API de Stripe (lectura de balance) o pon metadata sat_exchange_rate en el pago.`,
    `The ${payment.currency} payment needs its exchange rate: give autofactura a Stripe API key (balance read) or set metadata sat_exchange_rate on the payment.`,
    422,
  );
}

/**
 * A card paid through Checkout whose Session came before its Charge: with the merchant's API key the
 * PaymentIntent's latest Charge tells credit (04) from debit or prepaid (28), so the CFDI carries the
 * right FormaPago. Without a key the Session's assumption (credit) stands; Stripe down is a 503, so the
 * event is retried rather than invoiced with a guess.
 */
export async function withCardFunding(
  deps: StripeWebhookDeps,
  merchant: Merchant,
  payment: PaymentInput,
  intentId: string | undefined,
): Promise<PaymentInput> {
  if (!intentId || !deps.stripeClient) return payment;
  const apiKey = await deps.af.connectionSecret(merchant.id, API_KEY_SECRET);
  if (!apiKey) return payment;
  const account = merchant.connections?.[ACCOUNT_CONNECTION];
  const intent = await deps
    .stripeClient(apiKey)
    .paymentIntents.retrieve(
      intentId,
      { expand: ['latest_charge'] },
      account ? { stripeAccount: account } : undefined,
    )
    .catch(
      notFoundOrRetry(
        'No se pudo consultar en Stripe si la tarjeta es de crédito o débito; el evento se reintentará.',
        'Could not read from Stripe whether the card is credit or debit; the event will be retried.',
      ),
    );
  const charge = intent && typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
  const kind = charge ? kindOfCharge(charge.payment_method_details) : undefined;
  if (!kind) return payment;
  return { ...payment, method: methodOfKind(kind), metadata: { ...payment.metadata, stripe_method: kind } };
}

/**
 * Checkout events do not carry the line items: with the merchant's API key they are listed (products
 * expanded for their SAT keys), so each line becomes a concepto; without a key, or when the lines do not
 * add up to what was paid, the merchant's default product covers the payment. Stripe down: 503.
 */
export async function withCheckoutItems(
  deps: StripeWebhookDeps,
  merchant: Merchant,
  payment: PaymentInput,
  from: { session: string; paid: number; currency: string } | undefined,
): Promise<PaymentInput> {
  if (!from || payment.items || !deps.stripeClient) return payment;
  const apiKey = await deps.af.connectionSecret(merchant.id, API_KEY_SECRET);
  if (!apiKey) return payment;
  const account = merchant.connections?.[ACCOUNT_CONNECTION];
  const lines = await deps
    .stripeClient(apiKey)
    .checkout.sessions.listLineItems(
      from.session,
      { limit: 100, expand: ['data.price.product'] },
      account ? { stripeAccount: account } : undefined,
    )
    .catch(
      notFoundOrRetry(
        'No se pudieron leer en Stripe los artículos de la compra; el evento se reintentará.',
        "Could not read the purchase's line items from Stripe; the event will be retried.",
      ),
    );
  if (!lines || lines.has_more) return payment;
  const items = invoiceItems(lines.data, from.paid, from.currency, merchant.settings.defaultProduct);
  return items ? { ...payment, items } : payment;
}

export /**
 * With the merchant's API key, the receipt's portal link goes onto the PaymentIntent's metadata, so the
 * Stripe Dashboard shows where the customer invoices. Best effort: the payment is already stored, and a
 * failure here is logged, never a reason for Stripe to redeliver.
 */
async function writeBack(deps: StripeWebhookDeps, merchant: Merchant, externalId: string, url: string) {
  if (!externalId.startsWith('pi_') || !deps.stripeClient) return;
  const apiKey = await deps.af.connectionSecret(merchant.id, API_KEY_SECRET);
  if (!apiKey) return;
  const account = merchant.connections?.[ACCOUNT_CONNECTION];
  try {
    await deps
      .stripeClient(apiKey)
      .paymentIntents.update(
        externalId,
        { metadata: { autofactura_invoice_url: url, autofactura_status: 'awaiting_customer' } },
        account ? { stripeAccount: account } : undefined,
      );
  } catch (error) {
    deps.logger?.warn('stripe metadata write-back failed', {
      merchantId: merchant.id,
      paymentIntent: externalId,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
