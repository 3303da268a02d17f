/**
 * How the customer paid. Stripe's payment method becomes a kind — `credit`, `debit`, `prepaid`
 * (card funding; a card whose funding is unknown counts as credit, the usual case in Mexico), `oxxo`,
 * `customer_balance` (SPEI bank transfer) or `other` — and the kind autofactura's payment method, whose
 * c_FormaPago the merchant's settings give (credit 04, debit and prepaid 28, OXXO cash 01, SPEI 03).
 * A merchant may override the form per kind in its Stripe connection (config.ts paymentForms).
 */
import type Stripe from 'stripe';
import type { PaymentMethod } from '../../../core/src/store/types.js';

export const STRIPE_KINDS = ['credit', 'debit', 'prepaid', 'oxxo', 'customer_balance', 'other'] as const;
export type StripeKind = (typeof STRIPE_KINDS)[number];

const METHOD: Record<StripeKind, PaymentMethod> = {
  credit: 'card_credit',
  debit: 'card_debit',
  prepaid: 'card_debit',
  oxxo: 'cash',
  customer_balance: 'transfer',
  other: 'other',
};

export function methodOfKind(kind: StripeKind): PaymentMethod {
  return METHOD[kind];
}

export function kindOfCharge(
  details: Stripe.Charge.PaymentMethodDetails | null | undefined,
): StripeKind | undefined {
  switch (details?.type) {
    case 'card':
    case 'card_present': {
      const funding = details.card?.funding ?? details.card_present?.funding;
      return funding === 'debit' || funding === 'prepaid' ? funding : 'credit';
    }
    case 'oxxo':
    case 'customer_balance':
      return details.type;
    case undefined:
      return undefined;
    default:
      return 'other';
  }
}

/**
 * The kind from a PaymentIntent or Checkout Session's payment_method_types, when it is one kind that
 * needs no card funding to tell (OXXO, SPEI); a card's funding only its Charge tells.
 */
export function kindOfTypes(types: string[] | null | undefined): StripeKind | undefined {
  if (types?.length !== 1) return undefined;
  return types[0] === 'oxxo' || types[0] === 'customer_balance' ? types[0] : undefined;
}
