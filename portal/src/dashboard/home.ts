/**
 * The home page's figures for the current month (Mexico City): payments and their total, invoices
 * stamped and their total, receipts waiting for the customer, failures to look at, and the latest
 * payments. Sums use decimal arithmetic (core/src/money), never floats. The month is scanned once.
 */
import { Dec } from '../../../core/src/money/decimal.js';
import type { Payment, Store } from '../../../core/src/store/types.js';
import { monthRange } from './month.js';

const SCAN_LIMIT = 20_000;

export interface HomeFigures {
  month: Date;
  payments: { count: number; total: string };
  invoices: { count: number; total: string };
  awaiting: number;
  failed: number;
  recent: Payment[];
}

export async function homeFigures(store: Store, merchantId: string, now: Date): Promise<HomeFigures> {
  const { from, to, label } = monthRange(now);
  let paymentsTotal = new Dec(0);
  let paymentsCount = 0;
  const recent: Payment[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.payments.list(merchantId, {
      from,
      to,
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    for (const payment of page.items) {
      if (payment.currency === 'MXN') paymentsTotal = paymentsTotal.plus(payment.amount);
      paymentsCount += 1;
      recent.push(payment);
      if (recent.length > 8) recent.shift();
    }
    cursor = page.next;
  } while (cursor && paymentsCount < SCAN_LIMIT);

  let invoicesTotal = new Dec(0);
  let invoicesCount = 0;
  cursor = undefined;
  do {
    const page = await store.invoices.list(merchantId, {
      from,
      to,
      status: 'stamped',
      kind: 'invoice',
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    for (const invoice of page.items) {
      if (invoice.currency === 'MXN') invoicesTotal = invoicesTotal.plus(invoice.total);
      invoicesCount += 1;
    }
    cursor = page.next;
  } while (cursor && invoicesCount < SCAN_LIMIT);

  const [awaiting, failed] = await Promise.all([
    store.payments.count(merchantId, { status: 'awaiting_customer' }),
    store.payments.count(merchantId, { status: 'failed' }),
  ]);
  return {
    month: label,
    payments: { count: paymentsCount, total: paymentsTotal.toFixed(2) },
    invoices: { count: invoicesCount, total: invoicesTotal.toFixed(2) },
    awaiting,
    failed,
    recent: recent.reverse(),
  };
}
