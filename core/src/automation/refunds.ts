/**
 * Refunds (issue #4, step 6), idempotent on the refund's external id. An invoiced payment gets a CFDI de
 * egreso for the refunded amount related to the invoice with TipoRelacion 01, or — with refundPolicy
 * 'cancel_if_same_month', a full refund and the invoice's month still open — the invoice is cancelled
 * (motive 03). A receipt nobody invoiced is voided (full refund) or reduced (partial). Documents are made
 * by the `refund_payment` job (it talks to the PAC); a payment still being invoiced makes it wait.
 */
import { getCatalogs } from '../catalogs/index.js';
import type { ErrorDetail } from '../errors.js';
import { Dec } from '../money/decimal.js';
import { countDecimals } from '../money/format.js';
import { readDecimal } from '../money/parse-decimal.js';
import type { Merchant, Payment, PaymentRefund } from '../store/types.js';
import type { Context } from './context.js';
import { enqueueJob, type RefundPayload } from './enqueue.js';
import { detail, invalid, notFound } from './errors.js';
import { logEvent } from './events.js';
import { requireMerchant } from './merchant.js';
import { netAmount } from './payment-to-request.js';
import { loadPayment, updatePayment } from './payments.js';
import { updateReceipt } from './receipt-records.js';
import { settleWithDocument } from './refund-documents.js';
import type { RefundInput } from './types.js';

function checkRefund(input: RefundInput, payment: Payment): { amount: string; at: string } {
  const problems: ErrorDetail[] = [];
  if (typeof input.refundExternalId !== 'string' || input.refundExternalId.trim() === '') {
    problems.push(
      detail(
        'REFUND_INVALID_EXTERNAL_ID',
        'refundExternalId',
        'Indica el identificador del reembolso en su origen; con él se evitan reembolsos duplicados.',
        'Give the id of the refund at its source; it prevents duplicate refunds.',
      ),
    );
  }
  const decimals = getCatalogs().moneda.get(payment.currency)?.decimals ?? 2;
  const read = readDecimal(input.amount);
  if (!read.ok || read.value.lte(0) || countDecimals(read.text) > decimals) {
    problems.push(
      detail(
        'REFUND_INVALID_AMOUNT',
        'amount',
        `El importe del reembolso debe ser un decimal mayor que cero con a lo más ${decimals} decimales, p. ej. "100.00".`,
        `The refund amount must be a decimal greater than zero with at most ${decimals} decimals, e.g. "100.00".`,
      ),
    );
  } else if (read.value.gt(netAmount(payment))) {
    problems.push(
      detail(
        'REFUND_EXCEEDS_PAYMENT',
        'amount',
        `El reembolso de ${read.text} excede lo que queda del pago (${netAmount(payment)} ${payment.currency}).`,
        `The refund of ${read.text} exceeds what is left of the payment (${netAmount(payment)} ${payment.currency}).`,
      ),
    );
  }
  const at = input.at === undefined ? undefined : new Date(String(input.at));
  if (at && Number.isNaN(at.getTime())) {
    problems.push(
      detail(
        'REFUND_INVALID_DATE',
        'at',
        'at debe ser un instante ISO 8601.',
        'at must be an ISO 8601 instant.',
      ),
    );
  }
  if (problems.length > 0) throw invalid(problems, 400);
  return { amount: read.ok ? read.text : '0', at: (at ?? new Date()).toISOString() };
}

export async function recordRefund(
  ctx: Context,
  merchantId: string,
  input: RefundInput,
  options: { wait?: boolean } = {},
): Promise<Payment> {
  const merchant = await requireMerchant(ctx, merchantId);
  const payment = await ctx.store.payments.findByExternalId(
    merchantId,
    input?.source,
    input?.paymentExternalId,
  );
  if (!payment) throw notFound.payment(`${input?.source}/${input?.paymentExternalId}`);
  const externalId = String(input.refundExternalId ?? '').trim();
  if (payment.refunds.some((r) => r.externalId === externalId)) {
    await logEvent(
      ctx,
      merchantId,
      'refund.duplicate_ignored',
      { paymentId: payment.id },
      { refundExternalId: externalId },
    );
    return payment;
  }
  const { amount, at } = checkRefund({ ...input, at: input.at ?? ctx.clock.now().toISOString() }, payment);
  const documented = ['invoiced', 'issuing', 'recorded', 'in_global'].includes(payment.status);
  const refund: PaymentRefund = {
    externalId,
    amount,
    at,
    ...(documented ? { outcome: 'pending' as const } : {}),
  };
  const { payment: updated, changed } = await updatePayment(ctx, payment, (current) => {
    if (current.refunds.some((r) => r.externalId === externalId)) return null;
    const next = { ...current, refunds: [...current.refunds, refund] };
    if (!documented && new Dec(netAmount(next)).isZero()) next.status = 'refunded';
    return next;
  });
  if (!changed) return updated;
  const full = new Dec(netAmount(updated)).isZero();
  await logEvent(
    ctx,
    merchantId,
    'payment.refunded',
    { paymentId: payment.id },
    {
      refundExternalId: externalId,
      amount,
      full,
    },
  );
  if (!documented) {
    await settleReceipt(ctx, merchant, updated, refund, full);
    return loadPayment(ctx, merchantId, payment.id);
  }
  const payload: RefundPayload = { paymentId: payment.id, refundExternalId: externalId };
  await enqueueJob(
    ctx,
    merchantId,
    'refund_payment',
    `refund:${payment.id}:${externalId}`,
    payload,
    options.wait ? ctx.inlineGraceMs : 0,
  );
  if (options.wait) {
    await processRefund(ctx, merchantId, payload).catch((error) => {
      ctx.logger.warn('refund deferred to the job runner', { paymentId: payment.id, error: String(error) });
    });
  }
  return loadPayment(ctx, merchantId, payment.id);
}

/** A refund of a payment that only has a receipt: void it, or reduce its amount. */
async function settleReceipt(
  ctx: Context,
  merchant: Merchant,
  payment: Payment,
  refund: PaymentRefund,
  full: boolean,
): Promise<void> {
  if (!payment.receiptId) return;
  const result = await updateReceipt(ctx, merchant.id, payment.receiptId, (current) => {
    if (current.status !== 'open' && current.status !== 'expired') return null;
    if (full) return { ...current, status: 'voided' };
    return { ...current, amount: netAmount(payment) };
  });
  if (!result?.changed) return;
  const refs = { paymentId: payment.id, receiptId: payment.receiptId };
  await logEvent(ctx, merchant.id, full ? 'receipt.voided' : 'receipt.reduced', refs, {
    refundExternalId: refund.externalId,
    amount: result.receipt.amount,
  });
  if (full) {
    await updatePayment(ctx, payment, (current) => {
      const refunds = current.refunds.map((r) =>
        r.externalId === refund.externalId ? { ...r, outcome: 'receipt_voided' as const } : r,
      );
      return { ...current, refunds, status: 'refunded' };
    });
  }
}

/** The `refund_payment` job. */
export async function processRefund(ctx: Context, merchantId: string, payload: RefundPayload): Promise<void> {
  const merchant = await requireMerchant(ctx, merchantId);
  const payment = await loadPayment(ctx, merchantId, payload.paymentId);
  const refund = payment.refunds.find((r) => r.externalId === payload.refundExternalId);
  if (refund?.outcome !== 'pending') return;
  await settleWithDocument(ctx, merchant, payment, refund, {
    settleReceipt: (current, full) => settleReceipt(ctx, merchant, current, refund, full),
  });
}
