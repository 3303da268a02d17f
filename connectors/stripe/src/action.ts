/** What a Stripe event asks of core (normalize.ts), and the pieces every payment builder shares. */
import type Stripe from 'stripe';
import type { PaymentInput, RefundInput } from '../../../core/src/automation/types.js';
import type { PaymentMethod } from '../../../core/src/store/types.js';
import { fromMinorUnits } from './amounts.js';
import { idOf } from './customer.js';
import { methodOfKind, type StripeKind } from './payment-method.js';

export type StripeAction =
  | {
      kind: 'payment';
      payment: PaymentInput;
      exchangeRateFrom?: string;
      /** A card paid through Checkout: its PaymentIntent, whose Charge tells credit from debit. */
      cardFundingFrom?: string;
      /** A Checkout Session whose event carried no line items: its id, to list them with an API key. */
      itemsFrom?: { session: string; paid: number; currency: string };
    }
  | { kind: 'refunds'; refunds: RefundInput[]; payment?: PaymentInput; exchangeRateFrom?: string }
  | { kind: 'ignored'; reason: string };

export const SOURCE = 'stripe';

/** The payment's method and the Stripe kind it came from (kept in metadata for the form override). */
export function paidWith(kind: StripeKind | undefined): {
  method?: PaymentMethod;
  stripeMethod: Record<string, string>;
} {
  return kind ? { method: methodOfKind(kind), stripeMethod: { stripe_method: kind } } : { stripeMethod: {} };
}

export const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
export const ignored = (reason: string): StripeAction => ({ kind: 'ignored', reason });

/** The payment's id: its PaymentIntent's when it has one. */
export function paymentId(object: { id: string; payment_intent?: string | { id: string } | null }): string {
  return idOf(object.payment_intent) ?? object.id;
}

export function base(event: Stripe.Event, currency: string, amount: number) {
  const code = currency.toUpperCase();
  return {
    source: SOURCE,
    mode: event.livemode ? ('live' as const) : ('test' as const),
    amount: fromMinorUnits(amount, currency),
    currency: code,
  };
}
