/**
 * issueInvoice: a CFDI straight from an invoice request (docs/invoice-request.md), with no payment behind
 * it — the API's POST /v1/invoices. The issuer is the merchant (its RFC, name, régimen, zip and CSD); the
 * series is the request's or the merchant's invoice series and the folio is allocated atomically. The
 * request is built once before a folio is spent, so a wrong request costs no folio. With an idempotency
 * key the invoice id is derived from it: a retry, even in another process, finds the same record and the
 * same sealed XML (invariant 3). Stamping runs inline with `wait`, otherwise (or when the PAC is down) as
 * the durable `stamp_invoice` job; the customer's email, when known, goes out as an `invoice_email` job.
 */
import { buildComprobante } from '../cfdi/build.js';
import { isAutofacturaError } from '../errors.js';
import { RFC_FOREIGN, RFC_GENERIC } from '../fiscal/rfc.js';
import { PacError } from '../pac/port.js';
import type { Customer, FiscalData, Invoice } from '../store/types.js';
import type { Context } from './context.js';
import { upsertCustomer } from './customer.js';
import { completeRequest, type Json, kindOf } from './direct-request.js';
import { failDocument, sealDocument, stampDocument } from './documents.js';
import { enqueueJob } from './enqueue.js';
import { GiveUp } from './errors.js';
import { logEvent } from './events.js';
import { fiscalProblems, normalizeFiscal } from './fiscal-data.js';
import { newId, stableId } from './ids.js';
import { queueEmail } from './invoice-email.js';
import { requireMerchant } from './merchant.js';
import { missingRecord } from './resource-errors.js';

export interface DirectInvoiceOptions {
  /** Stamp before returning (default true); false returns the sealed record and stamps as a job. */
  wait?: boolean;
  idempotencyKey?: string;
  /** The API key's mode: 'test' documents are stamped by the sandbox in their own series. */
  mode?: 'test' | 'live';
}

/** The customer record the invoice belongs to (kept with its fiscal data when that data validates). */
async function customerFor(ctx: Context, merchantId: string, request: Json): Promise<Customer | undefined> {
  const c = (request.customer ?? {}) as Json;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const rfc = text(c.rfc)?.toUpperCase();
  const email = text(c.email);
  if (rfc === RFC_GENERIC || rfc === RFC_FOREIGN)
    return email ? upsert(ctx, merchantId, { email }) : undefined;
  const fiscal: Partial<FiscalData> = normalizeFiscal({
    ...(rfc ? { rfc } : {}),
    ...(text(c.name) ? { name: text(c.name)! } : {}),
    ...(text(c.tax_regime) ? { taxRegime: text(c.tax_regime)! } : {}),
    ...(text(c.zip) ? { zip: text(c.zip)! } : {}),
    ...(text(c.cfdi_use) ? { cfdiUse: text(c.cfdi_use)! } : {}),
  });
  const valid = fiscalProblems(fiscal).length === 0;
  return upsert(ctx, merchantId, {
    ...(rfc ? { rfc } : {}),
    ...(email ? { email } : {}),
    ...(fiscal.name ? { name: fiscal.name } : {}),
    ...(valid ? { fiscal: fiscal as FiscalData } : {}),
  });
}

async function upsert(ctx: Context, merchantId: string, input: Parameters<typeof upsertCustomer>[2]) {
  return upsertCustomer(ctx, merchantId, { ...input, source: 'api' });
}

export async function issueDirectInvoice(
  ctx: Context,
  merchantId: string,
  request: unknown,
  options: DirectInvoiceOptions = {},
): Promise<Invoice> {
  const merchant = await requireMerchant(ctx, merchantId);
  const invoiceId = options.idempotencyKey
    ? stableId(
        'inv',
        merchantId,
        options.mode === 'test' ? 'api-invoice-test' : 'api-invoice',
        options.idempotencyKey,
      )
    : newId('inv');
  const existing = await ctx.store.invoices.get(merchantId, invoiceId);
  if (existing) return existing;
  const full = completeRequest(merchant, request);
  // Checked with a placeholder folio first: a request the engine refuses spends no folio.
  buildComprobante({ ...full, folio: '1' }, { now: ctx.clock.now() });
  const customer = await customerFor(ctx, merchantId, full);
  const type = full.type === 'E' ? 'E' : 'I';
  const related = Array.isArray(full.related)
    ? (full.related as { relationship: string; uuids: string[] }[])
    : [];
  let invoice = await sealDocument(ctx, {
    merchant,
    invoiceId,
    kind: kindOf(full),
    type,
    series: full.series as string,
    ...(options.mode === 'test' ? { mode: 'test' as const } : {}),
    paymentIds: [],
    receiptIds: [],
    ...(customer ? { customerId: customer.id } : {}),
    ...(related[0] ? { related: { relationship: related[0].relationship, uuids: related[0].uuids } } : {}),
    request: (folio) => ({ ...full, folio: String(folio) }),
  });
  await logEvent(
    ctx,
    merchantId,
    'invoice.created',
    { invoiceId },
    { source: 'api', series: invoice.series, folio: invoice.folio },
  );
  await enqueueJob(
    ctx,
    merchantId,
    'stamp_invoice',
    `stamp:${invoiceId}`,
    { invoiceId },
    options.wait === false ? 0 : ctx.inlineGraceMs,
  );
  if (options.wait === false) return invoice;
  try {
    invoice = await stampDirectInvoice(ctx, merchantId, invoiceId);
  } catch (error) {
    if (isAutofacturaError(error) && !(error instanceof GiveUp) && error.retriable) {
      ctx.logger.warn('stamp deferred to the job runner', { invoiceId, code: error.code });
      return (await ctx.store.invoices.get(merchantId, invoiceId)) ?? invoice;
    }
    throw error;
  }
  return invoice;
}

/** The `stamp_invoice` job: stamp the sealed record; a PAC rejection fails it for good. */
export async function stampDirectInvoice(
  ctx: Context,
  merchantId: string,
  invoiceId: string,
): Promise<Invoice> {
  const merchant = await requireMerchant(ctx, merchantId);
  const sealed = await ctx.store.invoices.get(merchantId, invoiceId);
  if (!sealed) throw missingRecord.invoice(invoiceId);
  if (sealed.status !== 'sealed') return sealed;
  let invoice: Invoice;
  try {
    invoice = await stampDocument(ctx, merchant, sealed);
  } catch (error) {
    if (!(error instanceof PacError) || error.retriable) throw error;
    await failDocument(ctx, sealed, error);
    throw GiveUp.from(error);
  }
  const customer = invoice.customerId ? await ctx.store.customers.get(merchantId, invoice.customerId) : null;
  if (customer?.email) await queueEmail(ctx, merchantId, invoiceId, { key: 'issued' });
  return invoice;
}
