/**
 * Issuing the invoice of one or more payments (issue #4, step 4): claim the payments for one invoice id
 * (PaymentRepo.claimInvoice: a payment never gets two live invoices, invariant 1), seal and store, stamp,
 * then mark payments and receipts invoiced and queue the email. Runs as the `issue_invoice` job; the
 * API's `wait` and the portal run the same code inline. Safe to run twice at once or again after a crash.
 *
 * Failures: a retriable PAC error is thrown (the job retries with backoff); 401 (Fecha outside the
 * 72-hour window) fails that record and builds a new one with Fecha = now; any other PAC rejection, or a
 * document the engine refuses, leaves the payments `failed` with the coded reason (GiveUp).
 */
import { AutofacturaError, isAutofacturaError } from '../errors.js';
import { PacError } from '../pac/port.js';
import type { Customer, Invoice, Merchant, Payment } from '../store/types.js';
import type { Context } from './context.js';
import { failDocument, modeOf, sealDocument, stampDocument } from './documents.js';
import { type IssuePayload, queueInvoiceEmail } from './enqueue.js';
import { conflict, GiveUp, notReady } from './errors.js';
import { logEvent, logForPayments } from './events.js';
import { newId } from './ids.js';
import { requireMerchant } from './merchant.js';
import { invoiceRequest } from './payment-to-request.js';
import { failPayment, loadPayment, updatePayment } from './payments.js';
import { updateReceipt } from './receipt-records.js';

/** Payments in these states are not (or no longer) waiting for an invoice. */
const SETTLED = new Set(['failed', 'refunded', 'ignored', 'in_global', 'awaiting_customer']);

export interface IssueOptions {
  /** false: only seal (the portal answers with the sealed record; stamping continues as a job). */
  stamp?: boolean;
}

export async function issueInvoice(
  ctx: Context,
  merchantId: string,
  payload: IssuePayload,
  options: IssueOptions = {},
  rebuilt = false,
): Promise<Invoice | undefined> {
  const merchant = await requireMerchant(ctx, merchantId);
  const payments = await Promise.all(payload.paymentIds.map((id) => loadPayment(ctx, merchantId, id)));
  if (payments.some((p) => p.status === 'recorded')) {
    throw notReady('el pago aún no tiene decisión', 'the payment has no decision yet');
  }
  const live = payments.find((p) => p.status === 'invoiced' && p.invoiceId);
  if (live) {
    const invoice = await ctx.store.invoices.get(merchantId, live.invoiceId!);
    return invoice ? finish(ctx, merchant, invoice) : undefined;
  }
  if (payments.some((p) => SETTLED.has(p.status))) return undefined;

  const customer = await customerOf(ctx, merchantId, payload, payments);
  if (!customer?.fiscal) {
    const reason = new AutofacturaError({
      code: 'CUSTOMER_FISCAL_DATA_MISSING',
      status: 422,
      message:
        'Faltan los datos fiscales del cliente (RFC, nombre, régimen, código postal y uso del CFDI). Complétalos y reintenta el pago.',
      messageEn:
        "The customer's fiscal data is missing (RFC, name, regime, postal code and CFDI use). Complete it and retry the payment.",
    });
    for (const payment of payments) await failPayment(ctx, payment, reason);
    throw GiveUp.from(reason);
  }
  const fiscal = customer.fiscal;
  const email = customer.email ?? payments[0]!.customerInput.email;
  const invoiceId = await claim(ctx, payments);
  let invoice: Invoice;
  try {
    invoice = await sealDocument(ctx, {
      merchant,
      invoiceId,
      kind: 'invoice',
      type: 'I',
      series: merchant.settings.series.invoice,
      mode: modeOf(payments),
      paymentIds: payments.map((p) => p.id),
      receiptIds: payload.receiptIds ?? payments.flatMap((p) => (p.receiptId ? [p.receiptId] : [])),
      customerId: customer.id,
      request: (folio) =>
        invoiceRequest({
          merchant,
          payments,
          fiscal,
          ...(email ? { email } : {}),
          series: merchant.settings.series.invoice,
          folio,
        }),
    });
  } catch (error) {
    if (!isAutofacturaError(error) || error.retriable) throw error;
    await release(ctx, payments, invoiceId);
    for (const payment of payments) await failPayment(ctx, payment, error);
    throw GiveUp.from(error);
  }
  if (options.stamp === false) return invoice;

  try {
    invoice = await stampDocument(ctx, merchant, invoice);
  } catch (error) {
    if (!(error instanceof PacError) || error.retriable) throw error;
    await failDocument(ctx, invoice, error);
    await release(ctx, payments, invoice.id);
    if (error.code === '401' && !rebuilt) {
      await logForPayments(
        ctx,
        merchantId,
        'invoice.rebuilt',
        payload.paymentIds,
        { invoiceId: invoice.id },
        {
          code: error.code,
          message: error.message,
        },
      );
      return issueInvoice(ctx, merchantId, payload, options, true);
    }
    for (const payment of payments) await failPayment(ctx, payment, error);
    throw GiveUp.from(error);
  }
  if (invoice.status === 'failed') {
    await release(ctx, payments, invoice.id);
    throw notReady(
      'la factura anterior falló; se emitirá otra',
      'the previous invoice failed; a new one will be issued',
    );
  }
  return finish(ctx, merchant, invoice);
}

async function customerOf(
  ctx: Context,
  merchantId: string,
  payload: IssuePayload,
  payments: Payment[],
): Promise<Customer | null> {
  const id = payload.customerId ?? payments.find((p) => p.customerId)?.customerId;
  return id ? ctx.store.customers.get(merchantId, id) : null;
}

/** One invoice id for all the payments, set atomically on each (or the one another worker set). */
async function claim(ctx: Context, payments: Payment[]): Promise<string> {
  const existing = [...new Set(payments.flatMap((p) => (p.invoiceId ? [p.invoiceId] : [])))];
  if (existing.length > 1) {
    throw notReady(
      'los pagos ya están en facturas distintas',
      'the payments already belong to different invoices',
    );
  }
  const id = existing[0] ?? newId('inv');
  const claimed: Payment[] = [];
  for (const payment of payments) {
    if (payment.invoiceId === id) continue;
    if (await ctx.store.payments.claimInvoice(payment.merchantId, payment.id, id)) {
      claimed.push(payment);
      continue;
    }
    const winner = await loadPayment(ctx, payment.merchantId, payment.id);
    if (winner.invoiceId?.startsWith('glb_')) {
      await release(ctx, claimed, id);
      // The period close took it for the factura global first (global/close.ts): not this invoice's.
      throw conflict(
        'RECEIPT_IN_GLOBAL',
        'Esta compra acaba de incluirse en la factura global del periodo. Pide tu factura de nuevo para que se emita a tu nombre.',
        "This purchase was just included in the period's global invoice. Ask for your invoice again to have it issued in your name.",
      );
    }
    if (payments.length === 1 && winner.invoiceId) return winner.invoiceId;
    await release(ctx, claimed, id);
    throw notReady('otro proceso está facturando estos pagos', 'another process is invoicing these payments');
  }
  return id;
}

async function release(ctx: Context, payments: Payment[], invoiceId: string): Promise<void> {
  for (const payment of payments)
    await ctx.store.payments.releaseInvoice(payment.merchantId, payment.id, invoiceId);
}

/** A stamped invoice: its payments and receipts marked invoiced, the email queued. */
export async function finish(ctx: Context, merchant: Merchant, invoice: Invoice): Promise<Invoice> {
  if (invoice.status !== 'stamped') return invoice;
  let recipient: string | undefined;
  for (const paymentId of invoice.paymentIds) {
    const payment = await loadPayment(ctx, merchant.id, paymentId);
    recipient ??= payment.customerInput.email;
    const { changed } = await updatePayment(ctx, payment, (current) =>
      current.invoiceId !== invoice.id ||
      !['issuing', 'failed', 'recorded', 'awaiting_customer'].includes(current.status)
        ? null
        : { ...current, status: 'invoiced', failure: undefined },
    );
    if (changed) {
      await logEvent(
        ctx,
        merchant.id,
        'invoice.issued',
        { paymentId, invoiceId: invoice.id },
        {
          uuid: invoice.uuid,
          series: invoice.series,
          folio: invoice.folio,
          total: invoice.total,
        },
      );
    }
  }
  for (const receiptId of invoice.receiptIds) {
    await updateReceipt(ctx, merchant.id, receiptId, (current) =>
      current.status === 'invoiced' ? null : { ...current, status: 'invoiced', invoiceId: invoice.id },
    );
  }
  const customer = invoice.customerId ? await ctx.store.customers.get(merchant.id, invoice.customerId) : null;
  if (customer?.email ?? recipient) await queueInvoiceEmail(ctx, merchant.id, invoice.id);
  return invoice;
}
