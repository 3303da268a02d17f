/**
 * How the customer paid, as autofactura's payment method (the merchant's settings.paymentForms turn it
 * into c_FormaPago): card credit -> card_credit (04), debit and prepaid -> card_debit (28), OXXO ->
 * cash (01), customer_balance (SPEI bank transfer) -> transfer (03). A card whose funding Stripe reports
 * as unknown counts as credit (04), the usual case in Mexico.
 */
import type Stripe from 'stripe';
import type { PaymentMethod } from '../../../core/src/store/types.js';

export function methodOfCharge(
  details: Stripe.Charge.PaymentMethodDetails | null | undefined,
): PaymentMethod | undefined {
  switch (details?.type) {
    case 'card':
    case 'card_present':
      return fundingMethod(details.card?.funding ?? details.card_present?.funding);
    case 'oxxo':
      return 'cash';
    case 'customer_balance':
      return 'transfer';
    case undefined:
      return undefined;
    default:
      return 'other';
  }
}

function fundingMethod(funding: string | null | undefined): PaymentMethod {
  return funding === 'debit' || funding === 'prepaid' ? 'card_debit' : 'card_credit';
}

/**
 * The method from a PaymentIntent or Checkout Session's payment_method_types, when it is one kind that
 * needs no card funding to map (OXXO, SPEI); a card needs its Charge.
 */
export function methodOfTypes(types: string[] | null | undefined): PaymentMethod | undefined {
  if (types?.length !== 1) return undefined;
  if (types[0] === 'oxxo') return 'cash';
  if (types[0] === 'customer_balance') return 'transfer';
  return undefined;
}
