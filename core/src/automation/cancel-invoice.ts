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
import { type Context, nowIso } from './context.js';
import { updateInvoice } from './documents.js';
import { enqueueJob } from './enqueue.js';
import { conflict, detail, GiveUp, invalid, notReady } from './errors.js';
import { logEvent } from './events.js';
import { merchantCsd, requireMerchant } from './merchant.js';
import { updatePayment } from './payments.js';
import { missingRecord } from './resource-errors.js';

export type CancelMotive = '01' | '02' | '03' | '04';
export interface CancelInvoiceInput {
  motive: CancelMotive;
  replacementUuid?: string;
}

const MOTIVES = ['01', '02', '03', '04'];
const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/i;

function checkInput(input: CancelInvoiceInput): void {
  if (!MOTIVES.includes(input.motive)) {
    throw invalid(
      [
        detail(
          'CANCEL_MOTIVE_INVALID',
          'motive',
          'El motivo de cancelación debe ser "01" (con errores, con relación), "02" (con errores, sin relación), "03" (no se llevó a cabo la operación) o "04" (operación nominativa en una factura global).',
          'The cancellation motive must be "01" (errors, with a replacement), "02" (errors, no replacement), "03" (the operation did not happen) or "04" (nominative operation in a factura global).',
        ),
      ],
      400,
    );
  }
  const uuid = input.replacementUuid;
  if (input.motive === '01' && (!uuid || !UUID.test(uuid))) {
    throw invalid(
      [
        detail(
          'CANCEL_REPLACEMENT_REQUIRED',
          'replacementUuid',
          'Con el motivo 01 indica el folio fiscal (UUID de 36 caracteres) de la factura que sustituye a esta; emítela antes con la relación 04.',
          'With motive 01 give the folio fiscal (36-character UUID) of the invoice that replaces this one; issue it first with relationship 04.',
        ),
      ],
      400,
    );
  }
  if (input.motive !== '01' && uuid !== undefined) {
    throw invalid(
      [
        detail(
          'CANCEL_REPLACEMENT_NOT_ALLOWED',
          'replacementUuid',
          'El folio de sustitución solo va con el motivo 01; quítalo o usa el motivo 01.',
          'A replacement UUID goes only with motive 01; remove it or use motive 01.',
        ),
      ],
      400,
    );
  }
}

export async function cancelInvoice(
  ctx: Context,
  merchantId: string,
  invoiceId: string,
  input: CancelInvoiceInput,
  options: { wait?: boolean } = {},
): Promise<Invoice> {
  checkInput(input);
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
    const answer = await ctx.pac.status({
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
  return apply(ctx, invoice, status);
}

async function send(ctx: Context, merchant: Merchant, invoice: Invoice): Promise<string> {
  const cancellation = invoice.cancellation!;
  try {
    const result = await ctx.pac.cancel({
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

async function apply(ctx: Context, invoice: Invoice, status: string): Promise<Invoice> {
  const next: Invoice['status'] =
    status === 'En proceso'
      ? 'cancellation_pending'
      : status === 'Solicitud rechazada'
        ? 'cancellation_rejected'
        : 'cancelled';
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
  if (invoice.paymentIds.length === 0)
    await logEvent(ctx, invoice.merchantId, type, { invoiceId: invoice.id }, data);
  for (const paymentId of invoice.paymentIds) {
    await logEvent(ctx, invoice.merchantId, type, { paymentId, invoiceId: invoice.id }, data);
  }
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
  if (invoice.paymentIds.length > 0) {
    await enqueueJob(ctx, invoice.merchantId, 'send_email', `email:cancellation:${invoice.id}`, {
      kind: 'cancellation',
      invoiceId: invoice.id,
    });
  }
}
