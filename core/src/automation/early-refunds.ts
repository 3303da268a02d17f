/**
 * A refund that arrives before its payment (webhooks come out of order, issue #6): instead of failing
 * with PAYMENT_NOT_FOUND, it is stored durably as a `refund_awaiting_payment` job keyed by the refund,
 * and applied by recordRefund as soon as the payment is recorded — by recordPayment right after it stores
 * the payment, or by the job itself, which retries (backing off) until the payment exists. A payment
 * that never arrives leaves the job dead with a `refund.orphaned` event, for a person to look at.
 */
import { AutofacturaError } from '../errors.js';
import { readDecimal } from '../money/parse-decimal.js';
import type { Job, Payment } from '../store/types.js';
import type { Context } from './context.js';
import { detail, invalid } from './errors.js';
import { logEvent } from './events.js';
import type { JobHandler } from './jobs.js';
import { requireMerchant } from './merchant.js';
import { recordRefund } from './refunds.js';
import type { RefundInput } from './types.js';

export const EARLY_REFUND_JOB = 'refund_awaiting_payment';
/** First look after a minute; with the default backoff (up to 30 min) the job waits about 3 days. */
const FIRST_LOOK_MS = 60_000;
const MAX_ATTEMPTS = 160;

type EarlyRefund = Required<
  Pick<RefundInput, 'source' | 'paymentExternalId' | 'refundExternalId' | 'amount'>
> & {
  at: string;
};

export interface DeferredRefundResult {
  /** The payment with the refund applied; null while the payment is not known yet. */
  payment: Payment | null;
  /** true: stored to be applied when the payment arrives. */
  deferred: boolean;
}

function checked(input: RefundInput, now: Date): EarlyRefund {
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const problems = [];
  for (const key of ['source', 'paymentExternalId', 'refundExternalId'] as const) {
    if (!text(input?.[key])) {
      problems.push(
        detail(
          'REFUND_INVALID_REFERENCE',
          key,
          `Indica ${key} del reembolso: con él se relaciona con su pago.`,
          `Give the refund's ${key}: it ties the refund to its payment.`,
        ),
      );
    }
  }
  const amount = readDecimal(input?.amount);
  if (!amount.ok || amount.value.lte(0)) {
    problems.push(
      detail(
        'REFUND_INVALID_AMOUNT',
        'amount',
        'El importe del reembolso debe ser un decimal mayor que cero, p. ej. "100.00".',
        'The refund amount must be a decimal greater than zero, e.g. "100.00".',
      ),
    );
  }
  if (problems.length > 0) throw invalid(problems, 400);
  return {
    source: text(input.source),
    paymentExternalId: text(input.paymentExternalId),
    refundExternalId: text(input.refundExternalId),
    amount: amount.ok ? amount.text : '0',
    at: input.at ?? now.toISOString(),
  };
}

/** recordRefund, or — when the payment is not recorded yet — the refund kept until it is. */
export async function recordRefundOrDefer(
  ctx: Context,
  merchantId: string,
  input: RefundInput,
  options: { wait?: boolean } = {},
): Promise<DeferredRefundResult> {
  await requireMerchant(ctx, merchantId);
  const find = () => ctx.store.payments.findByExternalId(merchantId, input?.source, input?.paymentExternalId);
  if (await find()) return { payment: await recordRefund(ctx, merchantId, input, options), deferred: false };
  const refund = checked(input, ctx.clock.now());
  const { created } = await ctx.store.jobs.enqueue({
    merchantId,
    type: EARLY_REFUND_JOB,
    dedupeKey: `refund-early:${refund.source}:${refund.paymentExternalId}:${refund.refundExternalId}`,
    payload: refund,
    runAt: new Date(ctx.clock.now().getTime() + FIRST_LOOK_MS).toISOString(),
    maxAttempts: MAX_ATTEMPTS,
  });
  if (created) await logEvent(ctx, merchantId, 'refund.awaiting_payment', {}, { ...refund });
  // The payment may have been recorded between the first look and the job: then apply it now.
  if (await find()) return { payment: await recordRefund(ctx, merchantId, refund, options), deferred: false };
  return { payment: null, deferred: true };
}

/** Called by recordPayment once a payment is stored: applies the refunds that were waiting for it. */
export async function applyEarlyRefunds(
  ctx: Context,
  payment: Payment,
  options: { wait?: boolean } = {},
): Promise<void> {
  const waiting = await ctx.store.jobs.list(payment.merchantId, {
    status: 'pending',
    type: EARLY_REFUND_JOB,
    limit: 1000,
  });
  for (const job of waiting) {
    const refund = job.payload as unknown as EarlyRefund;
    if (refund.source !== payment.source || refund.paymentExternalId !== payment.externalId) continue;
    await recordRefund(ctx, payment.merchantId, refund, options).catch((error) =>
      // The job applies it (or tells why it cannot) on its next attempt.
      ctx.logger.warn('early refund deferred to its job', { jobId: job.id, error: String(error) }),
    );
  }
}

export const EARLY_REFUND_HANDLER: JobHandler = {
  async run(ctx: Context, job: Job) {
    const refund = job.payload as unknown as EarlyRefund;
    const payment = await ctx.store.payments.findByExternalId(
      job.merchantId,
      refund.source,
      refund.paymentExternalId,
    );
    if (!payment) {
      throw new AutofacturaError({
        code: 'REFUND_PAYMENT_NOT_YET_RECORDED',
        status: 409,
        retriable: true,
        message: `El reembolso ${refund.refundExternalId} espera a que llegue su pago ${refund.paymentExternalId}.`,
        messageEn: `Refund ${refund.refundExternalId} is waiting for its payment ${refund.paymentExternalId} to arrive.`,
      });
    }
    return recordRefund(ctx, job.merchantId, refund);
  },
  async onDead(ctx, job, error) {
    await logEvent(ctx, job.merchantId, 'refund.orphaned', {}, { ...job.payload, code: error.code });
  },
  async paymentIds(ctx, job) {
    const refund = job.payload as unknown as EarlyRefund;
    const payment = await ctx.store.payments.findByExternalId(
      job.merchantId,
      refund.source,
      refund.paymentExternalId,
    );
    return payment ? [payment.id] : [];
  },
};
