/**
 * A Charge, or a PaymentIntent, as a payment: the PaymentIntent's id, the charge's amount captured, its
 * card funding or method, billing details and TipoCambio; an intent alone records only when its
 * payment method types tell the form without a card's funding (OXXO, SPEI).
 */
import type Stripe from 'stripe';
import type { PaymentInput } from '../../../core/src/automation/types.js';
import { base, ignored, iso, paidWith, paymentId, type StripeAction } from './action.js';
import { exchangeRateText } from './amounts.js';
import { customerInput, customerMetadata, idOf } from './customer.js';
import { kindOfCharge, kindOfTypes } from './payment-method.js';

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

export function intentPayment(event: Stripe.Event, intent: Stripe.PaymentIntent): StripeAction {
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
