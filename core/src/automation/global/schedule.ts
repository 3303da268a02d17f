/**
 * The server's period close (issue #7): every few minutes the worker looks for receipts whose link
 * expired, marks them expired (receipt.expired, so the merchant and webhooks see it), and closes every
 * global period of theirs that has ended — within minutes of midnight Mexico City time, well inside SAT's
 * 24 hours. closeGlobal is idempotent, so several processes (PostgreSQL) running this at once, or a run
 * repeated after a crash, never issue a receipt twice.
 */
import { isAutofacturaError } from '../../errors.js';
import type { Merchant, Receipt } from '../../store/types.js';
import type { Context } from '../context.js';
import { logEvent } from '../events.js';
import { globalPeriod, localDate } from '../periods.js';
import { updateReceipt } from '../receipt-records.js';
import { type CloseResult, closeGlobal } from './close.js';

export async function closeDueGlobals(ctx: Context): Promise<CloseResult[]> {
  const results: CloseResult[] = [];
  for (const merchant of await ctx.store.merchants.list()) {
    try {
      results.push(...(await closeDueFor(ctx, merchant)));
    } catch (error) {
      ctx.logger.error('period close failed', { merchantId: merchant.id, error: String(error) });
    }
  }
  return results;
}

async function closeDueFor(ctx: Context, merchant: Merchant): Promise<CloseResult[]> {
  const now = ctx.clock.now();
  const due = new Map<string, number>();
  for (const status of ['open', 'expired'] as const) {
    let cursor: string | undefined;
    do {
      const page = await ctx.store.receipts.list(merchant.id, {
        status,
        expiresBefore: now.toISOString(),
        limit: 500,
        ...(cursor ? { cursor } : {}),
      });
      for (const receipt of page.items) {
        if (receipt.status === 'open') await expire(ctx, receipt);
        if (receipt.reinvoice) continue;
        const period = globalPeriod(new Date(receipt.paidAt), merchant.settings.globalPeriodicity);
        if (period.to.getTime() > now.getTime()) continue;
        const { year, month, day } = localDate(period.from);
        due.set(
          `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
          period.from.getTime(),
        );
      }
      cursor = page.next;
    } while (cursor);
  }
  const results: CloseResult[] = [];
  for (const day of [...due.keys()].sort()) {
    try {
      const result = await closeGlobal(ctx, merchant.id, { period: day });
      results.push(result);
      ctx.logger.info('period closed', {
        merchantId: merchant.id,
        period: day,
        globals: result.invoices.length,
        skipped: result.skipped.length,
      });
    } catch (error) {
      if (!isAutofacturaError(error)) throw error;
      ctx.logger.warn('period close refused', { merchantId: merchant.id, period: day, code: error.code });
    }
  }
  return results;
}

async function expire(ctx: Context, receipt: Receipt): Promise<void> {
  const done = await updateReceipt(ctx, receipt.merchantId, receipt.id, (current) =>
    current.status !== 'open' || new Date(current.expiresAt).getTime() > ctx.clock.now().getTime()
      ? null
      : { ...current, status: 'expired' },
  );
  if (done?.changed) {
    await logEvent(
      ctx,
      receipt.merchantId,
      'receipt.expired',
      { paymentId: receipt.paymentId, receiptId: receipt.id },
      {
        ticket: receipt.ticket,
        expiresAt: receipt.expiresAt,
      },
    );
  }
}
