/**
 * MercadoPago's payment_type_id -> the payment method whose c_FormaPago the merchant's settings give
 * (defaults: credit 04, debit 28, cash 01, transfer 03, wallet 06). Prepaid cards are debit cards for
 * SAT (28); ticket (OXXO, Paycash) and atm (cash at a bank's ATM or window) are cash (01); bank_transfer
 * is SPEI (03); account_money and digital wallets are electronic money (06).
 */
import type { PaymentMethod } from '../../../core/src/store/types.js';

const METHODS: Record<string, PaymentMethod> = {
  credit_card: 'card_credit',
  debit_card: 'card_debit',
  prepaid_card: 'card_debit',
  ticket: 'cash',
  atm: 'cash',
  bank_transfer: 'transfer',
  account_money: 'wallet',
  digital_wallet: 'wallet',
  digital_currency: 'wallet',
};

export function methodOfPaymentType(paymentTypeId: string | undefined): PaymentMethod | undefined {
  return paymentTypeId ? METHODS[paymentTypeId] : undefined;
}
