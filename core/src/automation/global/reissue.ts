/**
 * A customer asks for their own invoice after their receipt went into a factura global (issue #7; Guía
 * de llenado del CFDI global, example II): within the merchant's `reinvoiceDays` after the global was
 * stamped, the global is cancelled with motive 04 ("operación nominativa relacionada en una factura
 * global"), re-issued without that ticket and related to the cancelled one with TipoRelacion 04, and then
 * the named invoice is issued — on its own, as the durable `global_reissue` job, each step idempotent:
 *
 * 1. requestAfterGlobal marks the receipt (`reinvoice`: who asked, when) and queues the job for its global.
 * 2. The job freezes what it takes out on the global's record (`reissue`: removed receipts and the id of
 *    the replacement), then asks the PAC to cancel with motive 04 (público en general: no acceptance).
 * 3. Once cancelled: the replacement is sealed first (so a period close that runs meanwhile finds the
 *    record, with its relation), the remaining receipts and payments move to it, it is stamped.
 * 4. Each receipt taken out is invoiced to its customer (issue.ts), its payment back in the normal flow.
 * Requests that arrive during a cycle are on receipts now in the replacement: a new job for it follows.
 */
import type { Customer, Invoice, Merchant, Receipt } from '../../store/types.js';
import { cancelInvoice } from '../cancel-invoice.js';
import { type Context, nowIso } from '../context.js';
import { sealDocument, updateInvoice } from '../documents.js';
import { enqueueJob } from '../enqueue.js';
import { conflict, notReady } from '../errors.js';
import { logEvent } from '../events.js';
import { newId } from '../ids.js';
import { issueInvoice } from '../issue.js';
import { requireMerchant } from '../merchant.js';
import { updatePayment } from '../payments.js';
import { updateReceipt } from '../receipt-records.js';
import { type Candidate, globalRequest, issueGlobal, periodOf } from './close.js';
import { ticketLines } from './ticket-lines.js';

export const GLOBAL_REISSUE_JOB = 'global_reissue' as const;

const DAY = 86_400_000;

/** Until when a customer may still ask for their own invoice of a receipt in this global. */
export function reinvoiceDeadline(merchant: Merchant, global: Invoice): Date {
  const stamped = new Date(global.stampedAt ?? global.createdAt).getTime();
  return new Date(stamped + merchant.settings.reinvoiceDays * DAY);
}

/**
 * The global a receipt is in, when its customer may still ask for their own invoice; otherwise throws
 * RECEIPT_IN_GLOBAL saying why.
 */
export async function reinvoiceableGlobal(
  ctx: Context,
  merchant: Merchant,
  receipt: Receipt,
): Promise<Invoice> {
  const global = receipt.invoiceId ? await ctx.store.invoices.get(merchant.id, receipt.invoiceId) : null;
  const usable =
    global &&
    global.kind === 'global' &&
    ['stamped', 'cancellation_pending', 'cancelled'].includes(global.status);
  if (!usable || ctx.clock.now().getTime() > reinvoiceDeadline(merchant, global).getTime()) {
    throw conflict(
      'RECEIPT_IN_GLOBAL',
      `Esta compra ya se incluyó en la factura global del periodo y el plazo de ${merchant.settings.reinvoiceDays} días para pedir tu factura después de ella terminó. Pide ayuda al comercio.`,
      `This purchase is already in the period's global invoice and the ${merchant.settings.reinvoiceDays}-day window to ask for your invoice after it has passed. Ask the merchant for help.`,
    );
  }
  return global;
}

/** Step 1: the receipt marked for its customer and the re-issue queued; with `wait`, run at once. */
export async function requestAfterGlobal(
  ctx: Context,
  merchant: Merchant,
  receipt: Receipt,
  customer: Customer,
  options: { wait?: boolean } = {},
): Promise<Invoice | undefined> {
  await reinvoiceableGlobal(ctx, merchant, receipt);
  const marked = await updateReceipt(ctx, merchant.id, receipt.id, (current) =>
    current.status !== 'in_global' || current.reinvoice
      ? null
      : { ...current, reinvoice: { customerId: customer.id, requestedAt: nowIso(ctx) } },
  );
  if (marked?.changed) {
    await logEvent(
      ctx,
      merchant.id,
      'receipt.reinvoice_requested',
      { paymentId: receipt.paymentId, receiptId: receipt.id, invoiceId: receipt.invoiceId },
      { customerId: customer.id, rfc: customer.fiscal?.rfc },
    );
  }
  const current = marked?.receipt ?? receipt;
  if (current.status === 'in_global' && current.invoiceId) {
    await queueReissue(ctx, merchant.id, current.invoiceId, options.wait ? ctx.inlineGraceMs : 0);
    if (options.wait) {
      try {
        await runReissue(ctx, merchant.id, current.invoiceId);
      } catch (error) {
        ctx.logger.warn('the motive-04 re-issue continues in the job runner', { error: String(error) });
      }
    }
  }
  const after = await ctx.store.receipts.get(merchant.id, receipt.id);
  return after?.status === 'invoiced' && after.invoiceId
    ? ((await ctx.store.invoices.get(merchant.id, after.invoiceId)) ?? undefined)
    : undefined;
}

function queueReissue(ctx: Context, merchantId: string, globalId: string, delayMs = 0) {
  return enqueueJob(
    ctx,
    merchantId,
    GLOBAL_REISSUE_JOB,
    `global:reissue:${globalId}`,
    { invoiceId: globalId },
    delayMs,
  );
}

async function receiptsOf(ctx: Context, invoice: Invoice): Promise<Receipt[]> {
  const list: Receipt[] = [];
  for (const id of invoice.receiptIds) {
    const receipt = await ctx.store.receipts.get(invoice.merchantId, id);
    if (receipt) list.push(receipt);
  }
  return list;
}

/** The `global_reissue` job (steps 2-4); throws JOB_NOT_READY while the cancellation is pending. */
export async function runReissue(ctx: Context, merchantId: string, globalId: string): Promise<void> {
  const merchant = await requireMerchant(ctx, merchantId);
  let global = await ctx.store.invoices.get(merchantId, globalId);
  if (global?.kind !== 'global') return;

  if (!global.reissue) {
    if (global.status !== 'stamped') return;
    const asked = (await receiptsOf(ctx, global)).filter((r) => r.reinvoice && r.invoiceId === global!.id);
    if (asked.length === 0) return;
    const replacementId = newId('glb');
    global = await updateInvoice(ctx, global, (current) =>
      current.reissue
        ? null
        : {
            ...current,
            reissue: { removedReceiptIds: asked.map((r) => r.id), replacementId, requestedAt: nowIso(ctx) },
          },
    );
    await logEvent(
      ctx,
      merchantId,
      'global.reissue_started',
      { invoiceId: global.id },
      {
        uuid: global.uuid,
        removedReceipts: global.reissue!.removedReceiptIds.length,
        replacementId: global.reissue!.replacementId,
      },
    );
  }
  const reissue = global.reissue!;

  if (global.status !== 'cancelled') {
    global = await cancelInvoice(ctx, merchantId, global.id, { motive: '04' }, { wait: true });
    if (global.status !== 'cancelled') {
      throw notReady(
        'el SAT aún no confirma la cancelación de la factura global',
        'SAT has not confirmed the cancellation of the factura global yet',
      );
    }
  }

  // Step 3: the replacement without the receipts taken out.
  const removed = new Set(reissue.removedReceiptIds);
  const remaining = (await receiptsOf(ctx, global)).filter(
    (r) =>
      !removed.has(r.id) &&
      r.status === 'in_global' &&
      (r.invoiceId === global!.id || r.invoiceId === reissue.replacementId),
  );
  if (remaining.length > 0) {
    const candidates: Candidate[] = [];
    for (const receipt of remaining) {
      const payment = await ctx.store.payments.get(merchantId, receipt.paymentId);
      if (payment) candidates.push({ receipt, payment, lines: ticketLines(merchant, payment) });
    }
    const related = { relationship: '04', uuids: [global.uuid!] };
    const period = periodOf(global);
    const series = merchant.settings.series.global;
    await sealDocument(ctx, {
      merchant,
      invoiceId: reissue.replacementId,
      kind: 'global',
      type: 'I',
      series,
      mode: global.mode ?? 'live',
      paymentIds: candidates.map((c) => c.payment.id),
      receiptIds: candidates.map((c) => c.receipt.id),
      globalPeriod: global.globalPeriod!,
      related,
      request: (folio) => globalRequest(merchant, period, candidates, series, folio, related),
    });
    for (const { receipt, payment } of candidates) {
      await updateReceipt(ctx, merchantId, receipt.id, (current) =>
        current.invoiceId !== global!.id ? null : { ...current, invoiceId: reissue.replacementId },
      );
      if (payment.invoiceId !== reissue.replacementId) {
        await ctx.store.payments.releaseInvoice(merchantId, payment.id, global.id);
        await ctx.store.payments.claimInvoice(merchantId, payment.id, reissue.replacementId);
      }
    }
    await issueGlobal(ctx, merchant, period, reissue.replacementId, candidates, [], related);
  }

  // Step 4: the named invoices.
  for (const receiptId of reissue.removedReceiptIds) await invoiceTakenOut(ctx, merchant, global, receiptId);

  const replacement = await ctx.store.invoices.get(merchantId, reissue.replacementId);
  if (
    replacement &&
    (await receiptsOf(ctx, replacement)).some((r) => r.reinvoice && r.status === 'in_global')
  ) {
    await queueReissue(ctx, merchantId, replacement.id);
  }
  await logEvent(
    ctx,
    merchantId,
    'global.reissued',
    { invoiceId: global.id },
    {
      cancelledUuid: global.uuid,
      replacementId: replacement?.id,
      replacementUuid: replacement?.uuid,
      removedReceipts: reissue.removedReceiptIds.length,
    },
  );
}

/** A receipt taken out of the global: back to its customer, invoiced in their name. */
async function invoiceTakenOut(
  ctx: Context,
  merchant: Merchant,
  global: Invoice,
  receiptId: string,
): Promise<void> {
  const receipt = await ctx.store.receipts.get(merchant.id, receiptId);
  if (!receipt?.reinvoice || receipt.status === 'invoiced') return;
  const customerId = receipt.reinvoice.customerId;
  await ctx.store.payments.releaseInvoice(merchant.id, receipt.paymentId, global.id);
  const payment = await ctx.store.payments.get(merchant.id, receipt.paymentId);
  if (!payment) return;
  await updatePayment(ctx, payment, (current) =>
    current.status !== 'in_global'
      ? null
      : { ...current, status: 'issuing', customerId, globalInvoiceId: undefined },
  );
  await updateReceipt(ctx, merchant.id, receipt.id, (current) => {
    if (current.status !== 'in_global') return null;
    const { invoiceId: _, ...rest } = current;
    return { ...rest, status: 'open', customerId };
  });
  await logEvent(
    ctx,
    merchant.id,
    'receipt.removed_from_global',
    { paymentId: receipt.paymentId, receiptId: receipt.id, invoiceId: global.id },
    { uuid: global.uuid, replacementId: global.reissue?.replacementId },
  );
  await issueInvoice(ctx, merchant.id, {
    paymentIds: [receipt.paymentId],
    receiptIds: [receipt.id],
    customerId,
  });
}
