/**
 * Changes to a payment go through compare-and-set (PaymentRepo.update on updatedAt): `change` sees the
 * current record and returns the next one, or null when there is nothing (more) to do; a lost race
 * reloads and asks again.
 */
import type { AutofacturaError } from '../errors.js';
import { StoreError } from '../store/errors.js';
import type { Payment } from '../store/types.js';
import { type Context, nowIso } from './context.js';
import { logEvent } from './events.js';

export async function updatePayment(
  ctx: Context,
  payment: Payment,
  change: (current: Payment) => Payment | null,
): Promise<{ payment: Payment; changed: boolean }> {
  let current = payment;
  for (let attempt = 0; attempt < 50; attempt++) {
    const next = change(current);
    if (next === null) return { payment: current, changed: false };
    const written = await ctx.store.payments.update({ ...next, updatedAt: nowIso(ctx) }, current.updatedAt);
    if (written) return { payment: written, changed: true };
    const reloaded = await ctx.store.payments.get(current.merchantId, current.id);
    if (!reloaded) {
      throw new StoreError({
        code: 'STORE_NOT_FOUND',
        message: `No se encontró el pago ${current.id}.`,
        messageEn: `Payment ${current.id} was not found.`,
      });
    }
    current = reloaded;
  }
  throw new StoreError({
    code: 'STORE_UNAVAILABLE',
    retriable: true,
    status: 503,
    message: `El pago ${payment.id} cambia sin parar; se reintentará.`,
    messageEn: `Payment ${payment.id} keeps changing; it will be retried.`,
  });
}

export async function loadPayment(ctx: Context, merchantId: string, paymentId: string): Promise<Payment> {
  const payment = await ctx.store.payments.get(merchantId, paymentId);
  if (!payment) {
    throw new StoreError({
      code: 'STORE_NOT_FOUND',
      message: `No se encontró el pago ${paymentId}.`,
      messageEn: `Payment ${paymentId} was not found.`,
    });
  }
  return payment;
}

/** Leaves the payment visibly `failed` with the coded reason (never silently dropped), once. */
export async function failPayment(
  ctx: Context,
  payment: Payment,
  reason: AutofacturaError,
): Promise<Payment> {
  const at = nowIso(ctx);
  const result = await updatePayment(ctx, payment, (current) =>
    current.status === 'invoiced' || current.status === 'refunded' || current.status === 'failed'
      ? null
      : {
          ...current,
          status: 'failed',
          failure: {
            code: reason.code,
            message: reason.message,
            ...(reason.messageEn ? { messageEn: reason.messageEn } : {}),
            at,
          },
        },
  );
  if (result.changed) {
    await logEvent(
      ctx,
      payment.merchantId,
      'payment.failed',
      { paymentId: payment.id },
      {
        code: reason.code,
        message: reason.message,
        ...(reason.messageEn ? { messageEn: reason.messageEn } : {}),
        details: reason.details,
      },
    );
  }
  return result.payment;
}
