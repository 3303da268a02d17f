/** The merchant's per-kind payment form overrides (merchant.connections['stripe.payment_forms']). */
import type { PaymentInput } from '../../../core/src/automation/types.js';
import type { Merchant } from '../../../core/src/store/types.js';
import { PAYMENT_FORMS_CONNECTION, parsePaymentForms } from './config.js';
import type { StripeKind } from './payment-method.js';

export /** The merchant's c_FormaPago for this Stripe kind, when its connection overrides the settings' one. */
function withPaymentForm(merchant: Merchant, payment: PaymentInput): PaymentInput {
  const overrides = merchant.connections?.[PAYMENT_FORMS_CONNECTION];
  const kind = payment.metadata?.stripe_method as StripeKind | undefined;
  if (!overrides || !kind) return payment;
  let form: string | undefined;
  try {
    form = parsePaymentForms(overrides)[kind];
  } catch {
    form = undefined; // Stored by connect-stripe after the same check; an older value is ignored.
  }
  return form ? { ...payment, paymentForm: form } : payment;
}
