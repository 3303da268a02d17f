/**
 * The payment's event log (issue #4, step 7): every step appends what happened, so the merchant (and an
 * operator) can read the story of a payment: payment.received, payment.decided, receipt.created,
 * invoice.sealed, invoice.stamped, email.sent, payment.failed, job.retried, payment.refunded...
 */
import type { Invoice, StoredEvent } from '../store/types.js';
import { type Context, nowIso } from './context.js';

export interface EventRefs {
  paymentId?: string;
  invoiceId?: string;
  receiptId?: string;
}

export async function logEvent(
  ctx: Context,
  merchantId: string,
  type: string,
  refs: EventRefs,
  data: Record<string, unknown> = {},
): Promise<StoredEvent> {
  return ctx.store.events.append({
    merchantId,
    type,
    ...(refs.paymentId ? { paymentId: refs.paymentId } : {}),
    ...(refs.invoiceId ? { invoiceId: refs.invoiceId } : {}),
    ...(refs.receiptId ? { receiptId: refs.receiptId } : {}),
    data,
    at: nowIso(ctx),
  });
}

/** The same event for each payment of a document (an invoice may cover several). */
export async function logForPayments(
  ctx: Context,
  merchantId: string,
  type: string,
  paymentIds: string[],
  refs: Omit<EventRefs, 'paymentId'>,
  data: Record<string, unknown> = {},
): Promise<void> {
  for (const paymentId of paymentIds) await logEvent(ctx, merchantId, type, { ...refs, paymentId }, data);
}

/**
 * A fact of a document: once per payment it invoices, or once for itself when it has none (API) or is a
 * factura global (thousands of tickets; each payment's story gets receipt.in_global instead).
 */
export async function logForInvoice(
  ctx: Context,
  invoice: Invoice,
  type: string,
  data: Record<string, unknown>,
): Promise<void> {
  if (invoice.paymentIds.length === 0 || invoice.kind === 'global') {
    await logEvent(ctx, invoice.merchantId, type, { invoiceId: invoice.id }, data);
    return;
  }
  await logForPayments(ctx, invoice.merchantId, type, invoice.paymentIds, { invoiceId: invoice.id }, data);
}
