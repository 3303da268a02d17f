/**
 * What the PAC answered about a cancellation, applied to the invoice: 'En proceso' -> cancellation_pending
 * (the job keeps polling), 'Solicitud rechazada' -> cancellation_rejected, otherwise cancelled; the
 * events, the payments released (left failed with INVOICE_CANCELLED) and the customer's notice.
 */
import type { Invoice } from '../store/types.js';
import { type Context, nowIso } from './context.js';
import { updateInvoice } from './documents.js';
import { enqueueJob } from './enqueue.js';
import { notReady } from './errors.js';
import { logForInvoice } from './events.js';
import { updatePayment } from './payments.js';

/** The invoice status a PAC's EstatusCancelacion means. */
export function statusAfterCancellation(status: string): Invoice['status'] {
  if (status === 'En proceso') return 'cancellation_pending';
  return status === 'Solicitud rechazada' ? 'cancellation_rejected' : 'cancelled';
}

export async function applyCancellationStatus(
  ctx: Context,
  invoice: Invoice,
  status: string,
): Promise<Invoice> {
  const next = statusAfterCancellation(status);
  const at = nowIso(ctx);
  let changed = false;
  const written = await updateInvoice(ctx, invoice, (current) => {
    if (current.status === next) return null;
    changed = true;
    return {
      ...current,
      status: next,
      ...(current.cancellation ? { cancellation: { ...current.cancellation, status } } : {}),
      history: [
        ...current.history,
        { status: next, at, code: current.cancellation?.motive, message: status },
      ],
    };
  });
  if (changed) await settled(ctx, written, status);
  if (next === 'cancellation_pending') {
    throw notReady(
      'el receptor aún no responde la cancelación',
      'the receiver has not answered the cancellation yet',
    );
  }
  return written;
}

/** Events, payments released and the customer's notice once the PAC answered. */
async function settled(ctx: Context, invoice: Invoice, status: string): Promise<void> {
  const type =
    invoice.status === 'cancelled'
      ? 'invoice.cancelled'
      : invoice.status === 'cancellation_rejected'
        ? 'invoice.cancellation_rejected'
        : 'invoice.cancellation_pending';
  const data = { uuid: invoice.uuid, motive: invoice.cancellation?.motive, status };
  await logForInvoice(ctx, invoice, type, data);
  if (invoice.status !== 'cancelled') return;
  for (const paymentId of invoice.paymentIds) {
    const payment = await ctx.store.payments.get(invoice.merchantId, paymentId);
    if (!payment) continue;
    await updatePayment(ctx, payment, (current) =>
      current.invoiceId !== invoice.id || current.status !== 'invoiced'
        ? null
        : {
            ...current,
            status: 'failed',
            failure: {
              code: 'INVOICE_CANCELLED',
              message: `Se canceló la factura ${invoice.uuid} (motivo ${invoice.cancellation?.motive}). Corrige los datos y reintenta el pago para emitir otra.`,
              messageEn: `Invoice ${invoice.uuid} was cancelled (motive ${invoice.cancellation?.motive}). Fix the data and retry the payment to issue another.`,
              at: nowIso(ctx),
            },
          },
    );
    await ctx.store.payments.releaseInvoice(invoice.merchantId, paymentId, invoice.id);
  }
  if (invoice.kind === 'global') {
    // Público en general gets no email; a motive-04 re-issue goes on with the replacement.
    if (invoice.reissue) {
      await enqueueJob(ctx, invoice.merchantId, 'global_reissue', `global:reissue:${invoice.id}`, {
        invoiceId: invoice.id,
      });
    }
    return;
  }
  if (invoice.paymentIds.length > 0) {
    await enqueueJob(ctx, invoice.merchantId, 'send_email', `email:cancellation:${invoice.id}`, {
      kind: 'cancellation',
      invoiceId: invoice.id,
    });
  }
}
