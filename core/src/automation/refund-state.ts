/** A refund's record inside its payment, changed by compare-and-set, and the payment's status with it. */
import { Dec } from '../money/decimal.js';
import type { Payment, PaymentRefund } from '../store/types.js';
import type { Context } from './context.js';
import { netAmount } from './payment-to-request.js';
import { updatePayment } from './payments.js';

export async function setRefund(
  ctx: Context,
  payment: Payment,
  externalId: string,
  change: (refund: PaymentRefund) => PaymentRefund | null,
  status?: (next: Payment) => Payment['status'],
): Promise<Payment> {
  const { payment: updated } = await updatePayment(ctx, payment, (current) => {
    const refund = current.refunds.find((r) => r.externalId === externalId);
    const next = refund ? change(refund) : null;
    if (!next) return null;
    const out = { ...current, refunds: current.refunds.map((r) => (r.externalId === externalId ? next : r)) };
    return status ? { ...out, status: status(out) } : out;
  });
  return updated;
}

export const fullyRefunded = (payment: Payment) => new Dec(netAmount(payment)).isZero();
export const refundedIfWhole = (payment: Payment): Payment['status'] =>
  fullyRefunded(payment) ? 'refunded' : payment.status;
export const settled =
  (outcome?: PaymentRefund['outcome']) =>
  (r: PaymentRefund): PaymentRefund => {
    const { outcome: _, ...rest } = r;
    return outcome ? { ...rest, outcome } : rest;
  };
