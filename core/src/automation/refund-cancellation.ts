/**
 * A whole refund within the invoice's month, with refundPolicy 'cancel_if_same_month': the invoice is
 * cancelled with motive 03 (the operation did not take place). "En proceso" (the receptor must accept)
 * keeps the refund job retrying and polling the status; a refusal falls back to a credit note.
 */
import { PacError } from '../pac/port.js';
import type { Invoice, Merchant, Payment, PaymentRefund } from '../store/types.js';
import { statusAfterCancellation } from './cancellation-outcome.js';
import { type Context, nowIso } from './context.js';
import { updateInvoice } from './documents.js';
import { enqueueJob } from './enqueue.js';
import { notReady } from './errors.js';
import { logEvent } from './events.js';
import { merchantCsd } from './merchant.js';
import { pacFor } from './merchant-pac.js';
import { setRefund } from './refund-state.js';

/** true once the invoice is cancelled; false when the cancellation was refused (fall back to a credit note). */
export async function cancelForRefund(
  ctx: Context,
  merchant: Merchant,
  payment: Payment,
  invoice: Invoice,
  refund: PaymentRefund,
): Promise<boolean> {
  let status: string;
  try {
    if (invoice.status === 'stamped') {
      const result = await pacFor(ctx, merchant, invoice.mode).cancel({
        uuid: invoice.uuid!,
        motive: '03',
        credential: merchantCsd(ctx, merchant),
        total: invoice.total,
        receiverRfc: invoice.receiverRfc,
      });
      const acuseKey = `${merchant.id}/invoices/${invoice.id}.acuse.xml`;
      await ctx.store.blobs.put(
        acuseKey,
        Buffer.from(result.acuse, 'utf8'),
        'application/xml; charset=utf-8',
      );
      status = result.status;
      invoice = await updateInvoice(ctx, invoice, (current) => ({
        ...current,
        blobs: { ...current.blobs, acuse: acuseKey },
        cancellation: { motive: '03', requestedAt: result.requestedAt, status: result.status },
      }));
    } else {
      const result = await pacFor(ctx, merchant, invoice.mode).status({
        uuid: invoice.uuid!,
        issuerRfc: merchant.rfc,
        receiverRfc: invoice.receiverRfc,
        total: invoice.total,
      });
      status = result.estado === 'Cancelado' ? 'Cancelado sin aceptación' : result.estatusCancelacion;
    }
  } catch (error) {
    if (error instanceof PacError && !error.retriable) {
      await logEvent(
        ctx,
        merchant.id,
        'invoice.cancellation_refused',
        { paymentId: payment.id, invoiceId: invoice.id },
        {
          code: error.code,
          message: error.message,
        },
      );
      return false;
    }
    throw error;
  }
  const at = nowIso(ctx);
  const next = statusAfterCancellation(status);
  await updateInvoice(ctx, invoice, (current) =>
    current.status === next
      ? null
      : {
          ...current,
          status: next,
          ...(current.cancellation ? { cancellation: { ...current.cancellation, status } } : {}),
          history: [...current.history, { status: next, at, code: '03', message: status }],
        },
  );
  if (next === 'cancellation_pending') {
    throw notReady(
      'el receptor aún no responde la cancelación',
      'the receiver has not answered the cancellation yet',
    );
  }
  if (next === 'cancellation_rejected') return false;
  await ctx.store.payments.releaseInvoice(merchant.id, payment.id, invoice.id);
  await setRefund(
    ctx,
    payment,
    refund.externalId,
    (r) => ({ ...r, outcome: 'cancelled', invoiceId: invoice.id }),
    () => 'refunded',
  );
  await enqueueJob(ctx, merchant.id, 'send_email', `email:cancellation:${invoice.id}`, {
    kind: 'cancellation',
    invoiceId: invoice.id,
  });
  await logEvent(
    ctx,
    merchant.id,
    'invoice.cancelled',
    { paymentId: payment.id, invoiceId: invoice.id },
    {
      uuid: invoice.uuid,
      motive: '03',
      status,
    },
  );
  return true;
}
