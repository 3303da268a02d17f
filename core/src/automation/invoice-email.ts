/**
 * emailInvoice: (re)sends a stamped CFDI (XML + PDF) to the customer or to the addresses given — the
 * API's POST /v1/invoices/{id}/email and the first email of a direct invoice. Runs as the durable
 * `invoice_email` job; each job sends at most once as far as the store can tell: a marker blob is written
 * after the send, and a re-run (crash, inline run plus the safety-net run) that finds it stops.
 */

import { invoiceEmail } from '../notify/email/invoice-email.js';
import type { Invoice } from '../store/types.js';
import { type Context, nowIso } from './context.js';
import { checkRecipients } from './email-addresses.js';
import { enqueueJob } from './enqueue.js';
import { conflict, detail, invalid } from './errors.js';
import { logForInvoice } from './events.js';
import { newId } from './ids.js';
import { mailMerchant, requireMerchant } from './merchant.js';
import { missingRecord } from './resource-errors.js';

export interface InvoiceEmailPayload {
  invoiceId: string;
  /** Names this send (its marker): 'issued' for the first email, a random id for each resend. */
  key: string;
  to?: string[];
}

export function queueEmail(
  ctx: Context,
  merchantId: string,
  invoiceId: string,
  options: { key: string; to?: string[]; delayMs?: number },
) {
  const payload: InvoiceEmailPayload = {
    invoiceId,
    key: options.key,
    ...(options.to ? { to: options.to } : {}),
  };
  return enqueueJob(
    ctx,
    merchantId,
    'invoice_email',
    `email:invoice:${invoiceId}:${options.key}`,
    payload,
    options.delayMs ?? 0,
  );
}

async function recipients(ctx: Context, invoice: Invoice, to: string[] | undefined): Promise<string[]> {
  if (to?.length) return to;
  const customer = invoice.customerId
    ? await ctx.store.customers.get(invoice.merchantId, invoice.customerId)
    : null;
  if (customer?.email) return [customer.email];
  for (const paymentId of invoice.paymentIds) {
    const email = (await ctx.store.payments.get(invoice.merchantId, paymentId))?.customerInput.email;
    if (email) return [email];
  }
  return [];
}

const markerKey = (merchantId: string, p: InvoiceEmailPayload) =>
  `${merchantId}/emails/${p.invoiceId}-${p.key}.json`;

/** The `invoice_email` job. */
export async function sendInvoiceEmail(
  ctx: Context,
  merchantId: string,
  payload: InvoiceEmailPayload,
): Promise<string> {
  const marker = markerKey(merchantId, payload);
  if (await ctx.store.blobs.get(marker)) return 'already_sent';
  const merchant = await requireMerchant(ctx, merchantId);
  const invoice = await ctx.store.invoices.get(merchantId, payload.invoiceId);
  if (!invoice?.uuid || !invoice.blobs.xml || !invoice.blobs.pdf) return 'skipped';
  const to = await recipients(ctx, invoice, payload.to);
  if (to.length === 0) return 'no_recipient';
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
    invoice: {
      uuid: invoice.uuid,
      series: invoice.series,
      folio: String(invoice.folio),
      total: invoice.total,
      currency: invoice.currency,
      issuedAt: invoice.fecha,
      receiverName: invoice.receiverName,
      type: invoice.type,
      xml: xml.toString('utf8'),
      pdf,
    },
  });
  const sent = await ctx.mailer.send(message);
  const record = { to, messageId: sent.messageId, at: nowIso(ctx) };
  await ctx.store.blobs.put(marker, Buffer.from(JSON.stringify(record)), 'application/json');
  const data = {
    kind: 'invoice',
    key: payload.key,
    to,
    messageId: sent.messageId,
    transport: ctx.mailer.transport,
  };
  await logForInvoice(ctx, invoice, 'email.sent', data);
  return 'sent';
}

/** The use case: checks, queues the send and, with `wait`, sends inline. Returns the recipients. */
export async function emailInvoice(
  ctx: Context,
  merchantId: string,
  invoiceId: string,
  options: { to?: string[]; wait?: boolean } = {},
): Promise<{ to: string[]; status: 'sent' | 'queued' }> {
  const invoice = await ctx.store.invoices.get(merchantId, invoiceId);
  if (!invoice) throw missingRecord.invoice(invoiceId);
  checkRecipients(options.to);
  if (invoice.status !== 'stamped' || !invoice.uuid) {
    throw conflict(
      'INVOICE_NOT_STAMPED',
      `La factura ${invoiceId} está "${invoice.status}"; solo se envía por correo una factura timbrada vigente.`,
      `Invoice ${invoiceId} is "${invoice.status}"; only a live stamped invoice can be emailed.`,
    );
  }
  const to = await recipients(ctx, invoice, options.to);
  if (to.length === 0) {
    throw invalid([
      detail(
        'EMAIL_RECIPIENT_REQUIRED',
        'to',
        'El cliente de esta factura no tiene correo; indica a quién enviarla en "to".',
        'The customer of this invoice has no email; say whom to send it to in "to".',
      ),
    ]);
  }
  const payload = { key: newId('send'), ...(options.to?.length ? { to: options.to } : {}) };
  await queueEmail(ctx, merchantId, invoiceId, { ...payload, delayMs: options.wait ? ctx.inlineGraceMs : 0 });
  if (!options.wait) return { to, status: 'queued' };
  try {
    await sendInvoiceEmail(ctx, merchantId, { invoiceId, ...payload });
    return { to, status: 'sent' };
  } catch (error) {
    ctx.logger.warn('email deferred to the job runner', { invoiceId, error: String(error) });
    return { to, status: 'queued' };
  }
}
