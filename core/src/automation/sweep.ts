/**
 * Payments left `recorded` (the process died between storing a payment and deciding it) are decided by
 * the worker: deciding is idempotent, so a sweep racing a live recordPayment only repeats its work.
 */
import type { Context } from './context.js';
import { processPayment } from './record-payment.js';

export async function resumeRecorded(ctx: Context, olderThanMs: number): Promise<number> {
  const cutoff = ctx.clock.now().getTime() - olderThanMs;
  let resumed = 0;
  for (const merchant of await ctx.store.merchants.list()) {
    let cursor: string | undefined;
    do {
      const page = await ctx.store.payments.list(merchant.id, {
        status: 'recorded',
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      for (const payment of page.items) {
        if (new Date(payment.updatedAt).getTime() > cutoff) continue;
        try {
          await processPayment(ctx, merchant, payment);
          resumed++;
        } catch (error) {
          ctx.logger.error('could not decide a recorded payment', {
            paymentId: payment.id,
            error: String(error),
          });
        }
      }
      cursor = page.next;
    } while (cursor);
  }
  return resumed;
}
