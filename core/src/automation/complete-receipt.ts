/**
 * completeReceipt (issue #4, step 5): the portal's entry point. Validates the customer's fiscal data
 * (coded es-MX/English errors, nothing written when it is wrong), checks the invoice can be built, keeps
 * the data on the customer for their next payment, and issues one invoice for the receipt — and for the
 * customer's other open receipts when asked.
 */
import { buildComprobante } from '../cfdi/build.js';
import { AutofacturaError, isAutofacturaError } from '../errors.js';
import { parseMailbox } from '../notify/address.js';
import type { Customer, FiscalData, Invoice, Merchant, Receipt } from '../store/types.js';
import type { Context } from './context.js';
import { mergeInto, upsertCustomer } from './customer.js';
import { enqueueJob, issueKey } from './enqueue.js';
import { conflict, detail, GiveUp, invalid, notFound } from './errors.js';
import { logEvent } from './events.js';
import { validateFiscal } from './fiscal-data.js';
import { reinvoiceableGlobal, requestAfterGlobal } from './global/reissue.js';
import { issueInvoice } from './issue.js';
import { invoiceRequest } from './payment-to-request.js';
import { loadPayment, updatePayment } from './payments.js';
import { updateReceipt } from './receipt-records.js';
import { checkOpen, receiptByToken } from './receipts.js';

export async function completeReceipt(
  ctx: Context,
  token: string,
  fiscalInput: FiscalData & { email?: string },
  options: { alsoReceiptIds?: string[]; alsoTokens?: string[]; wait?: boolean } = {},
): Promise<{ invoice: Invoice; receipts: Receipt[] }> {
  const found = await receiptByToken(ctx, token);
  if (!found) throw notFound.receipt();
  const { receipt, merchant } = found;
  if (receipt.status === 'invoiced' && receipt.invoiceId) {
    const invoice = await ctx.store.invoices.get(merchant.id, receipt.invoiceId);
    if (invoice) return { invoice, receipts: [receipt] };
  }
  const now = ctx.clock.now();
  if (receipt.status === 'in_global') return afterGlobal(ctx, merchant, receipt, fiscalInput, options);
  checkOpen(receipt, now);
  const fiscal = validateFiscal(fiscalInput ?? {});
  const email = checkEmail(fiscalInput?.email);
  const receipts = [receipt, ...(await others(ctx, receipt, options.alsoReceiptIds ?? [], now))];
  for (const extra of await proven(ctx, receipt, options.alsoTokens ?? [], now)) {
    if (!receipts.some((r) => r.id === extra.id)) receipts.push(extra);
  }
  const payments = await Promise.all(receipts.map((r) => loadPayment(ctx, merchant.id, r.paymentId)));
  // Everything that could refuse the invoice is checked before anything is written (invariant 8).
  buildComprobante(
    invoiceRequest({ merchant, payments, fiscal, series: merchant.settings.series.invoice, folio: 1 }),
    { now },
  );

  const customer = await rememberCustomer(ctx, merchant, receipt, fiscal, email);
  for (const payment of payments) {
    const { changed } = await updatePayment(ctx, payment, (current) =>
      current.status !== 'awaiting_customer' && current.status !== 'failed'
        ? null
        : { ...current, status: 'issuing', customerId: customer.id, failure: undefined },
    );
    if (changed) {
      await logEvent(
        ctx,
        merchant.id,
        'receipt.completed',
        { paymentId: payment.id, receiptId: payment.receiptId ?? receipt.id },
        {
          customerId: customer.id,
          rfc: fiscal.rfc,
        },
      );
    }
  }
  const payload = {
    paymentIds: payments.map((p) => p.id),
    receiptIds: receipts.map((r) => r.id),
    customerId: customer.id,
  };
  await enqueueJob(
    ctx,
    merchant.id,
    'issue_invoice',
    issueKey(payload.paymentIds),
    payload,
    options.wait ? ctx.inlineGraceMs : 0,
  );
  let invoice: Invoice | undefined;
  try {
    invoice = await issueInvoice(ctx, merchant.id, payload, { stamp: options.wait === true });
  } catch (error) {
    if (error instanceof GiveUp || !isAutofacturaError(error) || !error.retriable) throw error;
    // The PAC is unavailable: the invoice is sealed and the job stamps it later.
  }
  const first = await loadPayment(ctx, merchant.id, payments[0]!.id);
  invoice ??= first.invoiceId
    ? ((await ctx.store.invoices.get(merchant.id, first.invoiceId)) ?? undefined)
    : undefined;
  if (!invoice)
    throw conflict(
      'RECEIPT_NOT_INVOICED',
      'No se pudo emitir la factura; intenta de nuevo.',
      'The invoice could not be issued; try again.',
    );
  const reloaded = await Promise.all(receipts.map((r) => ctx.store.receipts.get(merchant.id, r.id)));
  return { invoice, receipts: reloaded.filter((r): r is Receipt => r !== null) };
}

/**
 * The receipt is already in a factura global: within the merchant's re-invoice window its customer still
 * gets their own invoice — the global is re-issued without it (motive 04, global/reissue.ts).
 */
async function afterGlobal(
  ctx: Context,
  merchant: Merchant,
  receipt: Receipt,
  fiscalInput: FiscalData & { email?: string },
  options: { alsoReceiptIds?: string[]; alsoTokens?: string[]; wait?: boolean },
): Promise<{ invoice: Invoice; receipts: Receipt[] }> {
  await reinvoiceableGlobal(ctx, merchant, receipt);
  if ((options.alsoReceiptIds ?? []).length > 0 || (options.alsoTokens ?? []).some((t) => t)) {
    throw conflict(
      'RECEIPT_NOT_COMBINABLE',
      'Esta compra ya está en la factura global: pide su factura sola, sin otras compras.',
      'This purchase is already in the global invoice: ask for its invoice alone, without other purchases.',
    );
  }
  const fiscal = validateFiscal(fiscalInput ?? {});
  const email = checkEmail(fiscalInput?.email);
  const payment = await loadPayment(ctx, merchant.id, receipt.paymentId);
  buildComprobante(
    invoiceRequest({
      merchant,
      payments: [payment],
      fiscal,
      series: merchant.settings.series.invoice,
      folio: 1,
    }),
    { now: ctx.clock.now() },
  );
  const customer = await rememberCustomer(ctx, merchant, receipt, fiscal, email);
  const invoice = await requestAfterGlobal(ctx, merchant, receipt, customer, {
    ...(options.wait !== undefined ? { wait: options.wait } : {}),
  });
  const reloaded = (await ctx.store.receipts.get(merchant.id, receipt.id)) ?? receipt;
  if (invoice) return { invoice, receipts: [reloaded] };
  throw new AutofacturaError({
    code: 'RECEIPT_REINVOICE_QUEUED',
    status: 202,
    message:
      'Recibimos tus datos. Como esta compra estaba en la factura global, primero se sustituye esa factura; tu factura te llegará por correo en unos minutos.',
    messageEn:
      'We have your data. As this purchase was in the global invoice, that invoice is replaced first; yours will reach you by email in a few minutes.',
  });
}

function checkEmail(email: string | undefined): string | undefined {
  if (email === undefined || email.trim() === '') return undefined;
  try {
    return parseMailbox(email.trim(), 'email').address.toLowerCase();
  } catch {
    throw invalid([
      detail(
        'FISCAL_EMAIL_INVALID',
        'email',
        `El correo "${email}" no es válido; escribe una dirección como nombre@dominio.com.`,
        `Email "${email}" is not valid; write an address like name@domain.com.`,
      ),
    ]);
  }
}

/** Other open receipts of the same customer, to invoice together. */
async function others(ctx: Context, main: Receipt, ids: string[], now: Date): Promise<Receipt[]> {
  const list: Receipt[] = [];
  for (const id of new Set(ids)) {
    if (id === main.id) continue;
    const receipt = await ctx.store.receipts.get(main.merchantId, id);
    if (
      !receipt ||
      !main.customerId ||
      receipt.customerId !== main.customerId ||
      receipt.currency !== main.currency
    ) {
      throw invalid([
        detail(
          'RECEIPT_NOT_COMBINABLE',
          'alsoReceiptIds',
          `La compra ${id} no se puede facturar junto con esta: debe ser del mismo cliente, en la misma moneda y estar pendiente.`,
          `Purchase ${id} cannot be invoiced with this one: it must be the same customer's, in the same currency, and pending.`,
        ),
      ]);
    }
    checkOpen(receipt, now);
    if (receipt.status !== 'open') throw notFound.receipt();
    list.push(receipt);
  }
  return list;
}

/** Other open receipts of the same merchant and currency, each authorized by its own link token. */
async function proven(ctx: Context, main: Receipt, tokens: string[], now: Date): Promise<Receipt[]> {
  const list: Receipt[] = [];
  for (const token of new Set(tokens)) {
    const found = await receiptByToken(ctx, token);
    const receipt = found?.receipt;
    if (!receipt || receipt.merchantId !== main.merchantId || receipt.currency !== main.currency) {
      throw invalid([
        detail(
          'RECEIPT_NOT_COMBINABLE',
          'alsoTokens',
          'Una de las compras no se puede facturar junto con esta: debe ser del mismo comercio, en la misma moneda y estar pendiente.',
          'One of the purchases cannot be invoiced with this one: it must be from the same merchant, in the same currency, and pending.',
        ),
      ]);
    }
    if (receipt.id === main.id) continue;
    checkOpen(receipt, now);
    if (receipt.status !== 'open') {
      throw conflict(
        'RECEIPT_ALREADY_INVOICED',
        `La compra del ticket ${receipt.ticket} ya está facturada; quítala de la lista.`,
        `The purchase with ticket ${receipt.ticket} is already invoiced; remove it from the list.`,
      );
    }
    list.push(receipt);
  }
  return list;
}

async function rememberCustomer(
  ctx: Context,
  merchant: Merchant,
  receipt: Receipt,
  fiscal: FiscalData,
  email: string | undefined,
): Promise<Customer> {
  const own = receipt.customerId ? await ctx.store.customers.get(merchant.id, receipt.customerId) : null;
  let customer: Customer | undefined;
  if (own) {
    // What the customer typed on the portal wins over what a source said; merged by compare-and-set.
    customer = await mergeInto(ctx, own, { ...(email ? { email } : {}), fiscal, fromCustomer: true });
  } else {
    customer = await upsertCustomer(ctx, merchant.id, {
      ...(email ? { email } : {}),
      fiscal,
      fromCustomer: true,
    });
  }
  if (!customer) throw notFound.receipt();
  if (!receipt.customerId) {
    await updateReceipt(ctx, merchant.id, receipt.id, (current) =>
      current.customerId ? null : { ...current, customerId: customer.id },
    );
  }
  await logEvent(
    ctx,
    merchant.id,
    'customer.fiscal_saved',
    { paymentId: receipt.paymentId, receiptId: receipt.id },
    {
      customerId: customer.id,
      rfc: fiscal.rfc,
    },
  );
  return customer;
}
