/**
 * recordPayment (issue #4, steps 1-3): the payment is stored first (idempotent on merchant + source +
 * external id: a redelivered or concurrent webhook finds the stored one), then the customer is upserted
 * and the payment decided — invoice (an `issue_invoice` job), receipt with a portal link (and its email
 * job), or nothing. Deciding only writes records whose ids follow the payment and changes the payment by
 * compare-and-set from `recorded`, so a decision interrupted by a crash is simply made again: by a
 * redelivery of the same payment, or by the worker's sweep of payments left `recorded`.
 */
import type { Customer, FiscalData, Merchant, Payment, PaymentCustomerInput } from '../store/types.js';
import type { Context } from './context.js';
import { upsertCustomer } from './customer.js';
import { decide, type FiscalState } from './decide.js';
import { applyEarlyRefunds } from './early-refunds.js';
import { enqueueJob, issueKey, queueReceiptEmail } from './enqueue.js';
import { GiveUp } from './errors.js';
import { logEvent } from './events.js';
import { fiscalFromCustomerInput, fiscalProblems, normalizeFiscal } from './fiscal-data.js';
import { newId } from './ids.js';
import { issueInvoice } from './issue.js';
import { checkItemsTotal } from './items-total.js';
import { completeWithLaterData } from './later-fiscal-data.js';
import { requireMerchant } from './merchant.js';
import { normalizePaymentInput } from './payment-input.js';
import { loadPayment, updatePayment } from './payments.js';
import { withUrl } from './receipt-records.js';
import { openReceipt } from './receipts.js';
import type { PaymentInput, RecordPaymentResult } from './types.js';

/** A duplicate of a payment still `recorded` this long after its last change resumes its decision. */
const STALLED_MS = 30_000;

export async function recordPayment(
  ctx: Context,
  merchantId: string,
  input: PaymentInput,
  options: { wait?: boolean } = {},
): Promise<RecordPaymentResult> {
  const merchant = await requireMerchant(ctx, merchantId);
  const now = ctx.clock.now();
  const normalized = normalizePaymentInput(input, merchant.settings, now);
  checkItemsTotal(merchant, { ...normalized, refunds: [] }, now);
  const at = now.toISOString();
  const { payment, created } = await ctx.store.payments.createIfAbsent({
    id: newId('pay'),
    merchantId,
    ...normalized,
    customerInput: customerInput(input.customer),
    status: 'recorded',
    refunds: [],
    createdAt: at,
    updatedAt: at,
  });
  const refs = { paymentId: payment.id };
  if (created) {
    await logEvent(ctx, merchantId, 'payment.received', refs, {
      source: payment.source,
      externalId: payment.externalId,
      amount: payment.amount,
      currency: payment.currency,
      paidAt: payment.paidAt,
      method: payment.method,
      paymentForm: payment.paymentForm,
    });
  } else {
    await logEvent(ctx, merchantId, 'payment.duplicate_ignored', refs, {
      source: payment.source,
      externalId: payment.externalId,
    });
  }
  let current = payment;
  const stalled = now.getTime() - new Date(payment.updatedAt).getTime() >= STALLED_MS;
  if (payment.status === 'recorded' && (created || stalled)) {
    current = await processPayment(ctx, merchant, payment, options);
  }
  if (!created && current.status === 'awaiting_customer') {
    // A later event of the same payment may bring the fiscal data the first one lacked.
    current = await completeWithLaterData(ctx, current, customerInput(input.customer), options);
  }
  if (created) {
    // Refunds that arrived before their payment (out-of-order webhooks) apply now (early-refunds.ts).
    await applyEarlyRefunds(ctx, current, options);
    current = await loadPayment(ctx, merchantId, payment.id);
  }
  return result(ctx, current, created);
}

function customerInput(input: PaymentCustomerInput | undefined): PaymentCustomerInput {
  const out: PaymentCustomerInput = {};
  for (const key of ['email', 'name', 'externalId', 'rfc', 'taxRegime', 'zip', 'cfdiUse'] as const) {
    const value = input?.[key];
    if (typeof value === 'string' && value.trim() !== '') out[key] = value.trim();
  }
  if (out.email) out.email = out.email.toLowerCase();
  return out;
}

async function result(ctx: Context, payment: Payment, created: boolean): Promise<RecordPaymentResult> {
  const out: RecordPaymentResult = { payment, created };
  if (payment.invoiceId) {
    const invoice = await ctx.store.invoices.get(payment.merchantId, payment.invoiceId);
    if (invoice) out.invoice = invoice;
  }
  if (payment.receiptId) {
    const receipt = await ctx.store.receipts.get(payment.merchantId, payment.receiptId);
    const merchant = receipt ? await ctx.store.merchants.get(payment.merchantId) : null;
    if (receipt) out.receipt = withUrl(ctx, receipt, merchant?.branding.slug);
  }
  return out;
}

/** The fiscal data to invoice with, and whether the payment brought data that did not validate. */
async function fiscalFor(
  ctx: Context,
  merchant: Merchant,
  payment: Payment,
): Promise<{ customer: Customer | undefined; state: FiscalState; problems?: unknown[] }> {
  const input = payment.customerInput;
  const brought = fiscalFromCustomerInput(input);
  const complete =
    brought && ['rfc', 'name', 'taxRegime', 'zip', 'cfdiUse'].every((k) => brought[k as keyof FiscalData]);
  const problems = complete ? fiscalProblems(brought) : [];
  const fiscal = complete && problems.length === 0 ? (normalizeFiscal(brought) as FiscalData) : undefined;
  const customer = await upsertCustomer(ctx, merchant.id, {
    ...input,
    source: payment.source,
    ...(fiscal ? { fiscal } : {}),
  });
  if (fiscal) return { customer, state: 'complete' };
  if (problems.length > 0) return { customer, state: 'invalid', problems };
  const kept = customer?.fiscal;
  const sameRfc = !brought?.rfc || brought.rfc === kept?.rfc;
  return { customer, state: kept && sameRfc ? 'complete' : 'missing' };
}

export async function processPayment(
  ctx: Context,
  merchant: Merchant,
  payment: Payment,
  options: { wait?: boolean } = {},
): Promise<Payment> {
  const { customer, state, problems } = await fiscalFor(ctx, merchant, payment);
  const decision = decide({ automation: payment.automation, settings: merchant.settings, fiscal: state });
  const customerId = customer ? { customerId: customer.id } : {};
  if (decision.action === 'invoice') {
    await enqueueJob(
      ctx,
      merchant.id,
      'issue_invoice',
      issueKey([payment.id]),
      { paymentIds: [payment.id] },
      options.wait ? ctx.inlineGraceMs : 0,
    );
  }
  let receiptId: string | undefined;
  if (decision.action === 'receipt') {
    const { receipt } = await openReceipt(ctx, merchant, payment, customer);
    receiptId = receipt.id;
    if (customer?.email ?? payment.customerInput.email) await queueReceiptEmail(ctx, merchant.id, receipt.id);
  }
  const status =
    decision.action === 'invoice'
      ? 'issuing'
      : decision.action === 'receipt'
        ? 'awaiting_customer'
        : 'ignored';
  const { payment: decided, changed } = await updatePayment(ctx, payment, (current) =>
    current.status !== 'recorded'
      ? null
      : { ...current, ...customerId, ...(receiptId ? { receiptId } : {}), status },
  );
  if (!changed) return decided;
  await logEvent(
    ctx,
    merchant.id,
    'payment.decided',
    { paymentId: payment.id, ...(receiptId ? { receiptId } : {}) },
    {
      action: decision.action,
      ...('reason' in decision ? { reason: decision.reason } : {}),
      automation: payment.automation,
      ...customerId,
      ...(problems ? { fiscalProblems: problems } : {}),
    },
  );
  if (decision.action !== 'invoice' || !options.wait) return decided;
  try {
    await issueInvoice(ctx, merchant.id, { paymentIds: [payment.id] });
  } catch (error) {
    // A failure is on the payment (GiveUp) or will be retried by the job; the caller sees the state.
    if (!(error instanceof GiveUp))
      ctx.logger.warn('issue deferred to the job runner', { paymentId: payment.id, error: String(error) });
  }
  return loadPayment(ctx, merchant.id, payment.id);
}
