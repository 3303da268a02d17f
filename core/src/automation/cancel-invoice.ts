/**
 * cancelInvoice: asks the PAC to cancel a stamped CFDI with SAT's motive (01 with the replacing UUID, 02,
 * 03, 04). The request is written on the record first (cancellation.status 'requested'), then the durable
 * `cancel_invoice` job sends it: "Cancelado sin aceptación" cancels at once; "En proceso" (the receptor
 * must answer) leaves the invoice `cancellation_pending` and the job keeps polling the PAC's status until
 * it is accepted or the term runs out (`cancelled`) or the receptor refuses (`cancellation_rejected`, which
 * may be requested again). A PAC refusal (wrong replacement, past the deadline...) restores the invoice
 * and answers with the PAC's coded reason. Payments of a cancelled invoice are released and left `failed`
 * with INVOICE_CANCELLED, so the merchant can fix the data and retry them into a new invoice.
 */
import { PacError } from '../pac/port.js';
import type { Invoice, Merchant } from '../store/types.js';
import { type CancelInvoiceInput, type CancelMotive, checkCancelInput } from './cancel-input.js';
import { applyCancellationStatus } from './cancellation-outcome.js';
import { type Context, nowIso } from './context.js';
import { updateInvoice } from './documents.js';
import { enqueueJob } from './enqueue.js';
import { conflict, GiveUp } from './errors.js';
import { logEvent } from './events.js';
import { merchantCsd, requireMerchant } from './merchant.js';
import { pacFor } from './merchant-pac.js';
import { missingRecord } from './resource-errors.js';

export type { CancelInvoiceInput, CancelMotive };

export async function cancelInvoice(
  ctx: Context,
  merchantId: string,
  invoiceId: string,
  input: CancelInvoiceInput,
  options: { wait?: boolean } = {},
): Promise<Invoice> {
  checkCancelInput(input);
  let invoice = await ctx.store.invoices.get(merchantId, invoiceId);
  if (!invoice) throw missingRecord.invoice(invoiceId);
  if (invoice.status === 'cancelled') return invoice;
  if (invoice.status !== 'cancellation_pending') {
    if (!['stamped', 'cancellation_rejected'].includes(invoice.status) || !invoice.uuid) {
      throw conflict(
        'INVOICE_NOT_CANCELLABLE',
        `La factura ${invoiceId} está "${invoice.status}": solo se cancela una factura timbrada.`,
        `Invoice ${invoiceId} is "${invoice.status}": only a stamped invoice can be cancelled.`,
      );
    }
    const requestedAt = nowIso(ctx);
    invoice = await updateInvoice(ctx, invoice, (current) => ({
      ...current,
      cancellation: {
        motive: input.motive,
        ...(input.replacementUuid ? { replacementUuid: input.replacementUuid.toUpperCase() } : {}),
        requestedAt,
        status: 'requested',
      },
    }));
    await logEvent(
      ctx,
      merchantId,
      'invoice.cancellation_requested',
      { invoiceId },
      { motive: input.motive },
    );
  }
  await enqueueJob(
    ctx,
    merchantId,
    'cancel_invoice',
    `cancel:${invoiceId}`,
    { invoiceId },
    options.wait ? ctx.inlineGraceMs : 0,
  );
  if (!options.wait) return invoice;
  try {
    return await runCancellation(ctx, merchantId, invoiceId);
  } catch (error) {
    if (error instanceof GiveUp) throw error;
    ctx.logger.warn('cancellation continues in the job runner', { invoiceId, error: String(error) });
    return (await ctx.store.invoices.get(merchantId, invoiceId)) ?? invoice;
  }
}

/** The `cancel_invoice` job: send the request, or poll a pending one; throws JOB_NOT_READY while pending. */
export async function runCancellation(ctx: Context, merchantId: string, invoiceId: string): Promise<Invoice> {
  const merchant = await requireMerchant(ctx, merchantId);
  const invoice = await ctx.store.invoices.get(merchantId, invoiceId);
  if (!invoice?.uuid || !invoice.cancellation)
    return invoice ?? Promise.reject(missingRecord.invoice(invoiceId));
  let status: string;
  if (invoice.status === 'cancellation_pending') {
    const answer = await pacFor(ctx, merchant, invoice.mode).status({
      uuid: invoice.uuid,
      issuerRfc: merchant.rfc,
      receiverRfc: invoice.receiverRfc,
      total: invoice.total,
    });
    status =
      answer.estatusCancelacion ||
      (answer.estado === 'Cancelado' ? 'Cancelado sin aceptación' : 'En proceso');
  } else if (invoice.cancellation.status === 'requested' && invoice.status !== 'cancelled') {
    status = await send(ctx, merchant, invoice);
  } else {
    return invoice;
  }
  return applyCancellationStatus(ctx, invoice, status);
}

async function send(ctx: Context, merchant: Merchant, invoice: Invoice): Promise<string> {
  const cancellation = invoice.cancellation!;
  try {
    const result = await pacFor(ctx, merchant, invoice.mode).cancel({
      uuid: invoice.uuid!,
      motive: cancellation.motive as CancelMotive,
      ...(cancellation.replacementUuid ? { replacementUuid: cancellation.replacementUuid } : {}),
      credential: merchantCsd(ctx, merchant),
      total: invoice.total,
      receiverRfc: invoice.receiverRfc,
    });
    const acuseKey = `${merchant.id}/invoices/${invoice.id}.acuse.xml`;
    await ctx.store.blobs.put(acuseKey, Buffer.from(result.acuse, 'utf8'), 'application/xml; charset=utf-8');
    await updateInvoice(ctx, invoice, (current) => ({
      ...current,
      blobs: { ...current.blobs, acuse: acuseKey },
      cancellation: { ...cancellation, requestedAt: result.requestedAt, status: result.status },
    }));
    return result.status;
  } catch (error) {
    if (!(error instanceof PacError) || error.retriable) throw error;
    const at = nowIso(ctx);
    await updateInvoice(ctx, invoice, (current) => ({
      ...current,
      cancellation: { ...cancellation, status: 'refused' },
      history: [...current.history, { status: current.status, at, code: error.code, message: error.message }],
    }));
    await logEvent(
      ctx,
      merchant.id,
      'invoice.cancellation_refused',
      { invoiceId: invoice.id },
      {
        code: error.code,
        message: error.message,
      },
    );
    throw GiveUp.from(error);
  }
}
