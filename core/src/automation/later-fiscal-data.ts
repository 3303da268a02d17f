/**
 * Fiscal data that arrives with a later event of the same payment (issue #6): a gateway tells the same
 * payment several times — Stripe's Charge first (how it was paid, no tax id), its Checkout Session after
 * (the customer's RFC and SAT metadata). When the payment already got a receipt and a redelivery brings
 * complete, valid fiscal data, the receipt is completed with it as the customer would on the portal: the
 * invoice is issued with no human step. Data that does not validate changes nothing.
 */
import type { FiscalData, Payment, PaymentCustomerInput } from '../store/types.js';
import { completeReceipt } from './complete-receipt.js';
import type { Context } from './context.js';
import { logEvent } from './events.js';
import { fiscalFromCustomerInput, fiscalProblems, normalizeFiscal } from './fiscal-data.js';
import { loadPayment } from './payments.js';
import { receiptToken } from './receipt-records.js';

export async function completeWithLaterData(
  ctx: Context,
  payment: Payment,
  customer: PaymentCustomerInput | undefined,
  options: { wait?: boolean } = {},
): Promise<Payment> {
  if (payment.status !== 'awaiting_customer' || !payment.receiptId) return payment;
  const brought = fiscalFromCustomerInput(customer);
  const keys = ['rfc', 'name', 'taxRegime', 'zip', 'cfdiUse'] as const;
  if (!brought || !keys.every((key) => brought[key]?.trim())) return payment;
  const fiscal = normalizeFiscal(brought);
  if (fiscalProblems(fiscal).length > 0) return payment;
  const receipt = await ctx.store.receipts.get(payment.merchantId, payment.receiptId);
  if (receipt?.status !== 'open') return payment;
  await logEvent(
    ctx,
    payment.merchantId,
    'payment.fiscal_data_arrived',
    { paymentId: payment.id, receiptId: receipt.id },
    { rfc: fiscal.rfc },
  );
  const email = customer?.email?.trim();
  await completeReceipt(
    ctx,
    receiptToken(ctx, receipt),
    { ...(fiscal as FiscalData), ...(email ? { email } : {}) },
    { wait: options.wait === true },
  );
  return loadPayment(ctx, payment.merchantId, payment.id);
}
