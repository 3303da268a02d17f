/**
 * `charges.data[].payment_method` -> how the customer paid: card_payment with type credit (c_FormaPago
 * 04) or debit (28), cash_payment (OXXO and other stores, 01), bank_transfer_payment (SPEI, 03). The
 * merchant's settings turn the method into the form, so a merchant can map them otherwise.
 */
import type { PaymentMethod } from '../../../core/src/store/types.js';

export interface ConektaPaymentMethod {
  object?: string | undefined;
  type?: string | undefined;
  brand?: string | undefined;
  last4?: string | undefined;
}

export function methodOf(pm: ConektaPaymentMethod | undefined): PaymentMethod | undefined {
  switch (pm?.object) {
    case 'card_payment':
      if (pm.type === 'debit') return 'card_debit';
      if (pm.type === 'credit') return 'card_credit';
      return undefined; // Unknown funding: the merchant's settings or "99 Por definir" decide.
    case 'cash_payment':
      return 'cash';
    case 'bank_transfer_payment':
      return 'transfer';
    default:
      return undefined;
  }
}
