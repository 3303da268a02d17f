/**
 * A verified Stripe event -> what core should do with it (pure: no storage, no network).
 * - payment: record this payment (externalId = the PaymentIntent when there is one, so a PaymentIntent,
 *   its Charge, its Checkout Session and its Billing invoice are ONE payment, recorded once).
 * - refunds: record these refunds of a payment (refund, charge.refunded, a lost dispute); a
 *   charge.refunded also carries the whole charge, so its payment is recorded first if it is new.
 * - ignored: acknowledged and nothing recorded (other types, unpaid sessions, an intent whose card
 *   funding only its charge tells).
 */
import type Stripe from 'stripe';
import type { PaymentInput, RefundInput } from '../../../core/src/automation/types.js';
import type { PaymentMethod } from '../../../core/src/store/types.js';
import { exchangeRateText, fromMinorUnits } from './amounts.js';
import { customerInput, customerMetadata, customFieldsMetadata, idOf, rfcFromTaxIds } from './customer.js';
import { invoiceItems, type ProductDefaults } from './items.js';
import { kindOfCharge, kindOfTypes, methodOfKind, type StripeKind } from './payment-method.js';

export type StripeAction =
  | { kind: 'payment'; payment: PaymentInput; exchangeRateFrom?: string }
  | { kind: 'refunds'; refunds: RefundInput[]; payment?: PaymentInput; exchangeRateFrom?: string }
  | { kind: 'ignored'; reason: string };

export const SOURCE = 'stripe';

/** The payment's method and the Stripe kind it came from (kept in metadata for the form override). */
function paidWith(kind: StripeKind | undefined): {
  method?: PaymentMethod;
  stripeMethod: Record<string, string>;
} {
  return kind ? { method: methodOfKind(kind), stripeMethod: { stripe_method: kind } } : { stripeMethod: {} };
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const ignored = (reason: string): StripeAction => ({ kind: 'ignored', reason });

/** The payment's id: its PaymentIntent's when it has one. */
function paymentId(object: { id: string; payment_intent?: string | { id: string } | null }): string {
  return idOf(object.payment_intent) ?? object.id;
}

function base(event: Stripe.Event, currency: string, amount: number) {
  const code = currency.toUpperCase();
  return {
    source: SOURCE,
    mode: event.livemode ? ('live' as const) : ('test' as const),
    amount: fromMinorUnits(amount, currency),
    currency: code,
  };
}

/** TipoCambio from an expanded balance transaction (pesos per unit), else its id to look it up. */
function exchange(
  charge: Stripe.Charge,
  metadata: Stripe.Metadata,
): { exchangeRate?: string; from?: string } {
  if (charge.currency.toLowerCase() === 'mxn') return {};
  const bt = charge.balance_transaction;
  if (bt && typeof bt === 'object' && bt.exchange_rate && bt.currency.toLowerCase() === 'mxn') {
    return { exchangeRate: exchangeRateText(bt.exchange_rate) };
  }
  if (metadata.sat_exchange_rate) return { exchangeRate: metadata.sat_exchange_rate };
  const id = idOf(bt as string | { id: string } | null);
  return id ? { from: id } : {};
}

export function chargePayment(
  event: Stripe.Event,
  charge: Stripe.Charge,
): { payment: PaymentInput; exchangeRateFrom?: string } {
  const amount = charge.amount_captured > 0 ? charge.amount_captured : charge.amount;
  const { method, stripeMethod } = paidWith(kindOfCharge(charge.payment_method_details));
  const rate = exchange(charge, charge.metadata);
  const payment: PaymentInput = {
    ...base(event, charge.currency, amount),
    externalId: paymentId(charge),
    paidAt: iso(charge.created),
    ...(method ? { method } : {}),
    ...(rate.exchangeRate ? { exchangeRate: rate.exchangeRate } : {}),
    customer: customerInput({
      stripeCustomer: idOf(charge.customer),
      email: charge.billing_details?.email ?? charge.receipt_email,
      name: charge.billing_details?.name,
      zip: charge.billing_details?.address?.postal_code,
      metadata: [charge.metadata, customerMetadata(charge.customer)],
    }),
    metadata: {
      stripe_charge: charge.id,
      ...stripeMethod,
      ...(charge.payment_intent ? { stripe_payment_intent: paymentId(charge) } : {}),
    },
  };
  return { payment, ...(rate.from ? { exchangeRateFrom: rate.from } : {}) };
}

function intentPayment(event: Stripe.Event, intent: Stripe.PaymentIntent): StripeAction {
  const charge =
    typeof intent.latest_charge === 'object' && intent.latest_charge ? intent.latest_charge : null;
  if (charge) {
    const { payment, exchangeRateFrom } = chargePayment(event, {
      ...charge,
      metadata: { ...charge.metadata, ...intent.metadata },
    });
    payment.customer = customerInput({
      stripeCustomer: idOf(intent.customer),
      email: charge.billing_details?.email ?? intent.receipt_email,
      name: charge.billing_details?.name,
      zip: charge.billing_details?.address?.postal_code,
      metadata: [intent.metadata, charge.metadata, customerMetadata(intent.customer)],
    });
    return { kind: 'payment', payment, ...(exchangeRateFrom ? { exchangeRateFrom } : {}) };
  }
  const { method, stripeMethod } = paidWith(kindOfTypes(intent.payment_method_types));
  if (!method) return ignored('awaiting_charge');
  if (intent.currency.toLowerCase() !== 'mxn' && !intent.metadata.sat_exchange_rate)
    return ignored('awaiting_charge');
  return {
    kind: 'payment',
    payment: {
      ...base(event, intent.currency, intent.amount_received),
      externalId: intent.id,
      paidAt: iso(event.created),
      method,
      ...(intent.metadata.sat_exchange_rate ? { exchangeRate: intent.metadata.sat_exchange_rate } : {}),
      customer: customerInput({
        stripeCustomer: idOf(intent.customer),
        email: intent.receipt_email,
        metadata: [intent.metadata, customerMetadata(intent.customer)],
      }),
      metadata: { stripe_payment_intent: intent.id, ...stripeMethod },
    },
  };
}

function sessionPayment(
  event: Stripe.Event,
  session: Stripe.Checkout.Session,
  defaults: ProductDefaults,
): StripeAction {
  if (session.mode !== 'payment') return ignored('subscription_session_invoiced_by_invoice_paid');
  if (session.payment_status !== 'paid') return ignored('session_not_paid');
  const currency = session.currency ?? 'mxn';
  const metadata = { ...customFieldsMetadata(session.custom_fields), ...session.metadata };
  if (currency.toLowerCase() !== 'mxn' && !metadata.sat_exchange_rate) return ignored('awaiting_charge');
  const details = session.customer_details;
  // A card's funding only its Charge tells; a Session that comes first counts it as credit.
  const { method, stripeMethod } = paidWith(
    kindOfTypes(session.payment_method_types) ??
      (session.payment_method_types?.includes('card') ? 'credit' : undefined),
  );
  const items = session.line_items
    ? invoiceItems(session.line_items.data, session.amount_total ?? 0, currency, defaults)
    : undefined;
  const intent = typeof session.payment_intent === 'object' ? session.payment_intent : null;
  return {
    kind: 'payment',
    payment: {
      ...base(event, currency, session.amount_total ?? 0),
      externalId: idOf(session.payment_intent) ?? session.id,
      paidAt: iso(event.created),
      ...(method ? { method } : {}),
      ...(metadata.sat_exchange_rate ? { exchangeRate: metadata.sat_exchange_rate } : {}),
      ...(items ? { items } : {}),
      customer: customerInput({
        stripeCustomer: idOf(session.customer),
        email: details?.email ?? session.customer_email,
        name: details?.name,
        zip: details?.address?.postal_code,
        rfc: rfcFromTaxIds(details?.tax_ids),
        metadata: [metadata, intent?.metadata, customerMetadata(session.customer)],
      }),
      metadata: { stripe_checkout_session: session.id, ...stripeMethod },
    },
  };
}

/** The PaymentIntent of an invoice: `payment_intent` (before API 2025-03-31) or its first payment's. */
function invoiceIntent(invoice: Stripe.Invoice): string | undefined {
  const legacy = (invoice as unknown as { payment_intent?: string | { id: string } | null }).payment_intent;
  const paid = invoice.payments?.data?.find((entry) => entry.payment?.payment_intent);
  return idOf(legacy) ?? idOf(paid?.payment?.payment_intent);
}

function invoicePayment(
  event: Stripe.Event,
  invoice: Stripe.Invoice,
  defaults: ProductDefaults,
): StripeAction {
  if (invoice.amount_paid <= 0) return ignored('invoice_nothing_paid');
  if (invoice.currency.toLowerCase() !== 'mxn' && !invoice.metadata?.sat_exchange_rate)
    return ignored('awaiting_charge');
  const items = invoiceItems(invoice.lines.data, invoice.amount_paid, invoice.currency, defaults);
  return {
    kind: 'payment',
    payment: {
      ...base(event, invoice.currency, invoice.amount_paid),
      externalId: invoiceIntent(invoice) ?? invoice.id,
      paidAt: iso(invoice.status_transitions?.paid_at ?? event.created),
      ...(invoice.metadata?.sat_exchange_rate ? { exchangeRate: invoice.metadata.sat_exchange_rate } : {}),
      ...(items ? { items } : {}),
      customer: customerInput({
        stripeCustomer: idOf(invoice.customer),
        email: invoice.customer_email,
        name: invoice.customer_name,
        zip: invoice.customer_address?.postal_code,
        rfc: rfcFromTaxIds(invoice.customer_tax_ids),
        metadata: [invoice.metadata, customerMetadata(invoice.customer)],
      }),
      metadata: { stripe_invoice: invoice.id },
    },
  };
}

function refundInput(refund: Stripe.Refund): RefundInput | undefined {
  if (refund.status !== 'succeeded') return undefined;
  const charge = idOf(refund.charge);
  const intent = idOf(refund.payment_intent);
  if (!charge && !intent) return undefined;
  return {
    source: SOURCE,
    paymentExternalId: intent ?? charge!,
    refundExternalId: refund.id,
    amount: fromMinorUnits(refund.amount, refund.currency),
    at: iso(refund.created),
  };
}

export function normalizeEvent(event: Stripe.Event, defaults: ProductDefaults): StripeAction {
  switch (event.type) {
    case 'payment_intent.succeeded':
      return intentPayment(event, event.data.object);
    case 'charge.succeeded': {
      const charge = event.data.object;
      if (!charge.paid || charge.status !== 'succeeded' || !charge.captured)
        return ignored('charge_not_captured');
      return { kind: 'payment', ...chargePayment(event, charge) };
    }
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      return sessionPayment(event, event.data.object, defaults);
    case 'invoice.paid':
      return invoicePayment(event, event.data.object, defaults);
    case 'charge.refunded': {
      const charge = event.data.object;
      const refunds = (charge.refunds?.data ?? [])
        .map(refundInput)
        .filter((r): r is RefundInput => r !== undefined);
      const { payment, exchangeRateFrom } = chargePayment(event, charge);
      return { kind: 'refunds', refunds, payment, ...(exchangeRateFrom ? { exchangeRateFrom } : {}) };
    }
    case 'refund.created':
    case 'refund.updated': {
      const refund = refundInput(event.data.object);
      return refund ? { kind: 'refunds', refunds: [refund] } : ignored('refund_not_succeeded');
    }
    case 'charge.dispute.closed': {
      const dispute = event.data.object;
      if (dispute.status !== 'lost') return ignored('dispute_not_lost');
      const charge = idOf(dispute.charge);
      return {
        kind: 'refunds',
        refunds: [
          {
            source: SOURCE,
            paymentExternalId: idOf(dispute.payment_intent) ?? charge!,
            refundExternalId: dispute.id,
            amount: fromMinorUnits(dispute.amount, dispute.currency),
            at: iso(event.created),
          },
        ],
      };
    }
    default:
      return ignored('event_type_not_used');
  }
}
