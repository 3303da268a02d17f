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
import type { RefundInput } from '../../../core/src/automation/types.js';
import { ignored, iso, SOURCE, type StripeAction } from './action.js';
import { fromMinorUnits } from './amounts.js';
import { chargePayment, intentPayment } from './charge-payment.js';
import { invoicePayment, sessionPayment } from './checkout-payment.js';
import { idOf } from './customer.js';
import type { ProductDefaults } from './items.js';

export type { StripeAction };

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
