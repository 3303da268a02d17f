/**
 * The `send_email` job: the invoice (XML + PDF) or the receipt's self-invoice link, to the customer with
 * the merchant's bcc. At most once per document as far as the event log can tell: a re-run after a
 * successful send finds its `email.sent` event and stops. A retriable MailError retries with backoff; a
 * permanent one (bad address) is logged as `email.failed` and does not touch the payment.
 */
import { cancellationEmail } from '../notify/email/cancellation-email.js';
import { invoiceEmail } from '../notify/email/invoice-email.js';
import { selfInvoiceEmail } from '../notify/email/self-invoice-email.js';
import type { MailMessage } from '../notify/message.js';
import type { CancellationStatus } from '../pac/port.js';
import type { Invoice, Merchant, Receipt } from '../store/types.js';
import type { Context } from './context.js';
import type { EmailPayload } from './enqueue.js';
import { logEvent } from './events.js';
import { mailMerchant, requireMerchant } from './merchant.js';
import { receiptToken, receiptUrl } from './receipt-records.js';

export async function sendEmailJob(ctx: Context, merchantId: string, payload: EmailPayload): Promise<string> {
  const merchant = await requireMerchant(ctx, merchantId);
  if (payload.kind === 'receipt' && payload.receiptId)
    return sendReceipt(ctx, merchant, payload.receiptId, payload);
  if (payload.kind === 'invoice' && payload.invoiceId) return sendInvoice(ctx, merchant, payload.invoiceId);
  if (payload.kind === 'cancellation' && payload.invoiceId)
    return sendCancellation(ctx, merchant, payload.invoiceId);
  return 'skipped';
}

async function alreadySent(ctx: Context, merchantId: string, paymentId: string, key: Record<string, string>) {
  const events = await ctx.store.events.listByPayment(merchantId, paymentId);
  return events.some(
    (event) => event.type === 'email.sent' && Object.entries(key).every(([k, v]) => event.data[k] === v),
  );
}

async function recipientFor(
  ctx: Context,
  merchantId: string,
  customerId: string | undefined,
  paymentId: string,
) {
  const customer = customerId ? await ctx.store.customers.get(merchantId, customerId) : null;
  if (customer?.email) return customer.email;
  const payment = await ctx.store.payments.get(merchantId, paymentId);
  return payment?.customerInput.email;
}

async function deliver(
  ctx: Context,
  merchant: Merchant,
  message: MailMessage,
  paymentIds: string[],
  refs: { invoiceId?: string; receiptId?: string },
  key: Record<string, string>,
): Promise<void> {
  const sent = await ctx.mailer.send(message);
  for (const paymentId of paymentIds) {
    await logEvent(
      ctx,
      merchant.id,
      'email.sent',
      { paymentId, ...refs },
      {
        ...key,
        to: message.to,
        messageId: sent.messageId,
        transport: ctx.mailer.transport,
      },
    );
  }
}

async function sendInvoice(ctx: Context, merchant: Merchant, invoiceId: string): Promise<string> {
  const invoice = await ctx.store.invoices.get(merchant.id, invoiceId);
  if (invoice?.status !== 'stamped' || !invoice.uuid || !invoice.blobs.xml || !invoice.blobs.pdf) {
    return 'skipped';
  }
  const first = invoice.paymentIds[0]!;
  const key = { kind: 'invoice', invoiceId };
  if (await alreadySent(ctx, merchant.id, first, key)) return 'already_sent';
  const to = await recipientFor(ctx, merchant.id, invoice.customerId, first);
  if (!to) return 'no_recipient';
  const [xml, pdf] = await Promise.all([
    ctx.store.blobs.get(invoice.blobs.xml),
    ctx.store.blobs.get(invoice.blobs.pdf),
  ]);
  if (!xml || !pdf) return 'skipped';
  const message = invoiceEmail({
    merchant: await mailMerchant(ctx, merchant),
    to,
    ...(merchant.settings.bcc?.length ? { bcc: merchant.settings.bcc } : {}),
    lang: merchant.settings.lang,
    invoice: describe(invoice, xml.toString('utf8'), pdf),
  });
  await deliver(ctx, merchant, message, invoice.paymentIds, { invoiceId }, key);
  return 'sent';
}

function describe(invoice: Invoice, xml: string, pdf: Buffer) {
  return {
    uuid: invoice.uuid!,
    series: invoice.series,
    folio: String(invoice.folio),
    total: invoice.total,
    currency: invoice.currency,
    issuedAt: invoice.fecha,
    receiverName: invoice.receiverName,
    type: invoice.type,
    xml,
    pdf,
  };
}

async function sendReceipt(
  ctx: Context,
  merchant: Merchant,
  receiptId: string,
  payload: EmailPayload,
): Promise<string> {
  const receipt: Receipt | null = await ctx.store.receipts.get(merchant.id, receiptId);
  if (receipt?.status !== 'open') return 'skipped';
  const key: Record<string, string> = payload.resend
    ? { kind: 'receipt', receiptId, resend: payload.resend }
    : { kind: 'receipt', receiptId };
  if (await alreadySent(ctx, merchant.id, receipt.paymentId, key)) return 'already_sent';
  const to = payload.to?.length
    ? payload.to
    : await recipientFor(ctx, merchant.id, receipt.customerId, receipt.paymentId);
  if (!to) return 'no_recipient';
  const customer = receipt.customerId ? await ctx.store.customers.get(merchant.id, receipt.customerId) : null;
  const message = selfInvoiceEmail({
    merchant: await mailMerchant(ctx, merchant),
    to,
    ...(merchant.settings.bcc?.length ? { bcc: merchant.settings.bcc } : {}),
    lang: merchant.settings.lang,
    ...(customer?.name ? { customerName: customer.name } : {}),
    receipt: {
      url: receiptUrl(ctx.publicUrl, receiptToken(ctx, receipt), merchant.branding.slug),
      expiresAt: receipt.expiresAt,
      amount: receipt.amount,
      currency: receipt.currency,
      reference: receipt.ticket,
    },
  });
  await deliver(ctx, merchant, message, [receipt.paymentId], { receiptId }, key);
  await logEvent(
    ctx,
    merchant.id,
    'receipt.sent',
    { paymentId: receipt.paymentId, receiptId },
    { to: message.to },
  );
  return 'sent';
}

/** The notice that the customer's invoice was cancelled (a refund under 'cancel_if_same_month'). */
async function sendCancellation(ctx: Context, merchant: Merchant, invoiceId: string): Promise<string> {
  const invoice = await ctx.store.invoices.get(merchant.id, invoiceId);
  if (invoice?.status !== 'cancelled' || !invoice.uuid || !invoice.cancellation) return 'skipped';
  const first = invoice.paymentIds[0]!;
  const key = { kind: 'cancellation', invoiceId };
  if (await alreadySent(ctx, merchant.id, first, key)) return 'already_sent';
  const to = await recipientFor(ctx, merchant.id, invoice.customerId, first);
  if (!to) return 'no_recipient';
  const acuse = invoice.blobs.acuse ? await ctx.store.blobs.get(invoice.blobs.acuse) : null;
  const message = cancellationEmail({
    merchant: await mailMerchant(ctx, merchant),
    to,
    ...(merchant.settings.bcc?.length ? { bcc: merchant.settings.bcc } : {}),
    lang: merchant.settings.lang,
    cancellation: {
      uuid: invoice.uuid,
      series: invoice.series,
      folio: String(invoice.folio),
      total: invoice.total,
      currency: invoice.currency,
      receiverName: invoice.receiverName,
      type: invoice.type,
      motive: invoice.cancellation.motive as '01' | '02' | '03' | '04',
      status: invoice.cancellation.status as CancellationStatus,
      ...(acuse ? { acuse: acuse.toString('utf8') } : {}),
    },
  });
  await deliver(ctx, merchant, message, invoice.paymentIds, { invoiceId }, key);
  return 'sent';
}
