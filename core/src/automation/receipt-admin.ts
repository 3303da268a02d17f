/**
 * Receipts as the merchant sees them through the API: read (with the portal link while it is open),
 * send the link again, and cancel. Cancelling voids an open receipt — its link stops working and its payment is left `ignored`
 * (it is not invoiced and does not go into the factura global); any other state is refused with why.
 */

import { randomUUID } from 'node:crypto';
import type { FiscalData, Invoice, ListOrder, Page, Receipt, ReceiptStatus } from '../store/types.js';
import { completeReceipt } from './complete-receipt.js';
import type { Context } from './context.js';
import { checkRecipients } from './email-addresses.js';
import { enqueueJob } from './enqueue.js';
import { conflict, detail, invalid } from './errors.js';
import { logEvent } from './events.js';
import { updatePayment } from './payments.js';
import { receiptToken, updateReceipt, withUrl } from './receipt-records.js';
import { missingRecord } from './resource-errors.js';

export type ApiReceipt = Receipt & { url?: string };

const view = (ctx: Context, receipt: Receipt, slug: string | undefined): ApiReceipt =>
  receipt.status === 'open' ? withUrl(ctx, receipt, slug) : receipt;

const slugOf = async (ctx: Context, merchantId: string) =>
  (await ctx.store.merchants.get(merchantId))?.branding.slug;

export async function getReceipt(
  ctx: Context,
  merchantId: string,
  receiptId: string,
): Promise<ApiReceipt | null> {
  const receipt = await ctx.store.receipts.get(merchantId, receiptId);
  return receipt ? view(ctx, receipt, await slugOf(ctx, merchantId)) : null;
}

export async function listReceipts(
  ctx: Context,
  merchantId: string,
  query: { status?: ReceiptStatus; cursor?: string; limit?: number; order?: ListOrder } = {},
): Promise<Page<ApiReceipt>> {
  const [page, slug] = await Promise.all([
    ctx.store.receipts.list(merchantId, query),
    slugOf(ctx, merchantId),
  ]);
  return { ...page, items: page.items.map((receipt) => view(ctx, receipt, slug)) };
}

const STATUS_ES: Record<ReceiptStatus, string> = {
  open: 'abierto',
  invoiced: 'ya facturado',
  expired: 'vencido',
  in_global: 'incluido en la factura global',
  voided: 'ya cancelado',
};

/**
 * Sends an open receipt's portal link again (to the customer, or to `to`): a job of its own, named by a
 * random id, so each request sends once however often the job runs. Answers the recipients.
 */
export async function emailReceipt(
  ctx: Context,
  merchantId: string,
  receiptId: string,
  options: { to?: string[] } = {},
): Promise<{ to: string[]; status: 'queued' }> {
  checkRecipients(options.to);
  const receipt = await ctx.store.receipts.get(merchantId, receiptId);
  if (!receipt) throw missingRecord.receipt(receiptId);
  if (receipt.status !== 'open') {
    throw conflict(
      'RECEIPT_NOT_OPEN',
      `El recibo ${receiptId} está ${STATUS_ES[receipt.status]} ("${receipt.status}"); solo se reenvía el enlace de un recibo abierto.`,
      `Receipt ${receiptId} is "${receipt.status}"; only an open receipt's link can be sent again.`,
    );
  }
  let to = options.to ?? [];
  if (to.length === 0) {
    const customer = receipt.customerId
      ? await ctx.store.customers.get(merchantId, receipt.customerId)
      : null;
    const email =
      customer?.email ?? (await ctx.store.payments.get(merchantId, receipt.paymentId))?.customerInput.email;
    if (!email) {
      throw invalid(
        [
          detail(
            'EMAIL_RECIPIENT_MISSING',
            'to',
            'No tenemos el correo de este cliente: escribe a quién enviar el enlace en "to".',
            'We do not have this customer\'s email: say whom to send the link to in "to".',
          ),
        ],
        422,
      );
    }
    to = [email];
  }
  const resend = randomUUID();
  await enqueueJob(ctx, merchantId, 'send_email', `email:receipt:${receiptId}:${resend}`, {
    kind: 'receipt',
    receiptId,
    resend,
    ...(options.to?.length ? { to: options.to } : {}),
  });
  return { to, status: 'queued' };
}

export async function cancelReceipt(ctx: Context, merchantId: string, receiptId: string): Promise<Receipt> {
  const result = await updateReceipt(ctx, merchantId, receiptId, (current) => {
    if (current.status === 'open') return { ...current, status: 'voided' };
    throw conflict(
      'RECEIPT_NOT_OPEN',
      `El recibo ${receiptId} está ${STATUS_ES[current.status]} ("${current.status}"); solo se cancela un recibo abierto.${current.status === 'invoiced' ? ' Para anular la venta cancela su factura.' : ''}`,
      `Receipt ${receiptId} is "${current.status}"; only an open receipt can be cancelled.${current.status === 'invoiced' ? ' To undo the sale, cancel its invoice.' : ''}`,
    );
  });
  if (!result) throw missingRecord.receipt(receiptId);
  const { receipt } = result;
  const payment = await ctx.store.payments.get(merchantId, receipt.paymentId);
  if (payment) {
    await updatePayment(ctx, payment, (current) =>
      current.status === 'awaiting_customer' ? { ...current, status: 'ignored' } : null,
    );
  }
  await logEvent(
    ctx,
    merchantId,
    'receipt.voided',
    { paymentId: receipt.paymentId, receiptId },
    { by: 'api' },
  );
  return receipt;
}

/**
 * The merchant invoices a receipt for its customer (the customer sent their data another way, or a Zap
 * updated them): with the fiscal data given, or else the customer's stored data. The portal's path
 * (completeReceipt: checked before anything is written, the data kept for the next sale, one invoice),
 * authorized by the merchant's key instead of the link token; a receipt already in a factura global
 * within the re-invoice window takes the motive-04 path.
 */
export async function invoiceReceipt(
  ctx: Context,
  merchantId: string,
  receiptId: string,
  input: { fiscal?: FiscalData & { email?: string }; wait?: boolean } = {},
): Promise<{ invoice: Invoice; receipts: Receipt[] }> {
  const receipt = await ctx.store.receipts.get(merchantId, receiptId);
  if (!receipt) throw missingRecord.receipt(receiptId);
  let fiscal = input.fiscal;
  if (!fiscal) {
    const customer = receipt.customerId
      ? await ctx.store.customers.get(merchantId, receipt.customerId)
      : null;
    if (!customer?.fiscal) {
      throw invalid([
        detail(
          'CUSTOMER_FISCAL_DATA_MISSING',
          'customer',
          'El cliente de este recibo no tiene datos fiscales guardados: envíalos en "customer" (RFC, nombre, régimen, código postal y uso del CFDI).',
          'The customer of this receipt has no fiscal data stored: send it in "customer" (RFC, name, regime, postal code and CFDI use).',
        ),
      ]);
    }
    fiscal = { ...customer.fiscal, ...(customer.email ? { email: customer.email } : {}) };
  }
  return completeReceipt(ctx, receiptToken(ctx, receipt), fiscal, { wait: input.wait ?? true });
}
