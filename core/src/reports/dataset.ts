/**
 * What a report and a reconciliation read, loaded once per call in compact form (amounts as fixed-point
 * bigints): the period's payments, its CFDIs, the receipts of its payments, and, fetched one by one, the
 * few records outside the period they point to (an invoice issued after the month ended, a payment of
 * last month in this month's global).
 *
 * Which CFDIs belong to a period: those STAMPED in it (stampedAt, the instant SAT's validity starts), not
 * the CFDI's Fecha, which is wall-clock time of the LugarExpedicion's time zone (Tijuana, Cancún...) and so
 * not comparable with the Mexico City boundaries; the two differ by seconds. The store lists invoices by
 * creation (sealing) time, and a PAC refuses a Fecha older than 72 hours, so the CFDIs stamped in a period
 * were all sealed between four days before it and its end.
 */

import type { Context } from '../automation/context.js';
import { type Fixed, fixed, ONE, times } from '../money/fixed-point.js';
import type {
  GlobalPeriodicity,
  Invoice,
  InvoiceKind,
  InvoiceStatus,
  Merchant,
  Payment,
  PaymentRefund,
} from '../store/types.js';
import { invoiceFigures } from './figures.js';
import { eachInvoice, eachPayment, eachReceipt } from './scan.js';
import type { ReportPeriod } from './types.js';

const SEAL_TO_STAMP_MS = 4 * 86_400_000;
const ZERO = 0n;

export interface PaymentLite {
  id: string;
  externalId: string;
  source: string;
  currency: string;
  /** MXN per unit of currency (ONE for MXN). */
  rate: Fixed;
  amount: Fixed;
  status: Payment['status'];
  method: Payment['method'];
  paymentForm: string;
  paidAt: string;
  updatedAt: string;
  customerId?: string | undefined;
  customerName?: string | undefined;
  invoiceId?: string | undefined;
  globalInvoiceId?: string | undefined;
  receiptId?: string | undefined;
  refunds: PaymentRefund[];
  failure?: Payment['failure'];
  inPeriod: boolean;
}

export interface DocLite {
  id: string;
  kind: InvoiceKind;
  type: Invoice['type'];
  status: InvoiceStatus;
  series: string;
  folio: number;
  uuid?: string | undefined;
  receiverRfc: string;
  receiverName: string;
  customerId?: string | undefined;
  currency: string;
  rate: Fixed;
  subtotal: Fixed;
  discount: Fixed;
  iva: Fixed;
  ieps: Fixed;
  isrWithheld: Fixed;
  ivaWithheld: Fixed;
  total: Fixed;
  paymentForm?: string | undefined;
  paymentMethod?: string | undefined;
  paymentIds: string[];
  receiptIds: string[];
  stampedAt?: string | undefined;
  fecha: string;
  cancellation?: Invoice['cancellation'];
  reissue?: Invoice['reissue'];
  related?: Invoice['related'];
  globalPeriod?: Invoice['globalPeriod'];
  blobs: Invoice['blobs'];
  inPeriod: boolean;
}

export interface ReceiptLite {
  id: string;
  paymentId: string;
  ticket: string;
  amount: Fixed;
  currency: string;
  status: string;
  paidAt: string;
  expiresAt: string;
  invoiceId?: string | undefined;
}

export interface Dataset {
  ctx: Context;
  merchant: Merchant;
  periodicity: GlobalPeriodicity;
  period: ReportPeriod;
  now: Date;
  /** The period's payments (paidAt in it), in insertion order. */
  payments: PaymentLite[];
  /** The CFDIs stamped in the period, in insertion order. */
  documents: DocLite[];
  /** Receipts of the period's payments (and of the period's globals), by id. */
  receipts: Map<string, ReceiptLite>;
  payment(id: string): Promise<PaymentLite | null>;
  document(id: string): Promise<DocLite | null>;
  documentByUuid(uuid: string): Promise<DocLite | null>;
  receipt(id: string): Promise<ReceiptLite | null>;
  /** Receipts of a global (loaded by its period's range when not already known). */
  globalReceipts(doc: DocLite): Promise<Map<string, ReceiptLite | null>>;
}

const amount = (text: string | undefined): Fixed => (text ? fixed(text) : ZERO);

/** Amount in MXN at the document's TipoCambio (exact: both have at most 6 decimals). */
export function mxn(value: Fixed, rate: Fixed): Fixed {
  return rate === ONE ? value : times(value, rate);
}

function rateOf(currency: string, exchangeRate: string | undefined): Fixed {
  if (currency === 'MXN' || currency === 'XXX' || !exchangeRate) return ONE;
  return fixed(exchangeRate);
}

export function paymentLite(p: Payment, inPeriod: boolean): PaymentLite {
  return {
    id: p.id,
    externalId: p.externalId,
    source: p.source,
    currency: p.currency,
    rate: rateOf(p.currency, p.exchangeRate),
    amount: fixed(p.amount),
    status: p.status,
    method: p.method,
    paymentForm: p.paymentForm,
    paidAt: p.paidAt,
    updatedAt: p.updatedAt,
    customerId: p.customerId,
    customerName: p.customerInput.name,
    invoiceId: p.invoiceId,
    globalInvoiceId: p.globalInvoiceId,
    receiptId: p.receiptId,
    refunds: p.refunds.length ? p.refunds : EMPTY,
    failure: p.failure,
    inPeriod,
  };
}
const EMPTY: PaymentRefund[] = [];

export async function docLite(ctx: Context, inv: Invoice, inPeriod: boolean): Promise<DocLite> {
  const f = await invoiceFigures(ctx.store, inv);
  const t = f.taxes ?? {};
  return {
    id: inv.id,
    kind: inv.kind,
    type: inv.type,
    status: inv.status,
    series: inv.series,
    folio: inv.folio,
    uuid: inv.uuid,
    receiverRfc: inv.receiverRfc,
    receiverName: inv.receiverName,
    customerId: inv.customerId,
    currency: inv.currency,
    rate: rateOf(inv.currency, f.exchangeRate),
    subtotal: amount(inv.subtotal),
    discount: amount(inv.discount),
    iva: amount(t.iva),
    ieps: amount(t.ieps),
    isrWithheld: amount(t.isrWithheld),
    ivaWithheld: amount(t.ivaWithheld),
    total: amount(inv.total),
    paymentForm: f.paymentForm,
    paymentMethod: f.paymentMethod,
    paymentIds: inv.paymentIds,
    receiptIds: inv.receiptIds,
    stampedAt: inv.stampedAt,
    fecha: inv.fecha,
    cancellation: inv.cancellation,
    reissue: inv.reissue,
    related: inv.related,
    globalPeriod: inv.globalPeriod,
    blobs: inv.blobs,
    inPeriod,
  };
}

function receiptLite(r: {
  id: string;
  paymentId: string;
  ticket: string;
  amount: string;
  currency: string;
  status: string;
  paidAt: string;
  expiresAt: string;
  invoiceId?: string;
}): ReceiptLite {
  return {
    id: r.id,
    paymentId: r.paymentId,
    ticket: r.ticket,
    amount: fixed(r.amount),
    currency: r.currency,
    status: r.status,
    paidAt: r.paidAt,
    expiresAt: r.expiresAt,
    invoiceId: r.invoiceId,
  };
}

/** A live CFDI: valid at SAT (stamped, or with a cancellation asked for but not done). */
export function isLive(doc: { status: InvoiceStatus }): boolean {
  return (
    doc.status === 'stamped' ||
    doc.status === 'cancellation_pending' ||
    doc.status === 'cancellation_rejected'
  );
}

export async function loadDataset(ctx: Context, merchant: Merchant, period: ReportPeriod): Promise<Dataset> {
  const { store } = ctx;
  const merchantId = merchant.id;
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);

  const paymentsById = new Map<string, PaymentLite | null>();
  const payments: PaymentLite[] = [];
  const docsById = new Map<string, DocLite | null>();
  const documents: DocLite[] = [];
  const receipts = new Map<string, ReceiptLite>();
  const scanned = new Set<string>();
  async function scanReceipts(paidFrom: string, paidTo: string) {
    const key = `${paidFrom}|${paidTo}`;
    if (scanned.has(key)) return;
    scanned.add(key);
    for await (const r of eachReceipt(store, merchantId, { paidFrom, paidTo })) {
      if (!receipts.has(r.id)) receipts.set(r.id, receiptLite(r));
    }
  }

  // The three lists are read at once: PostgreSQL fetches a page while this process reads the last one.
  await Promise.all([
    (async () => {
      for await (const p of eachPayment(store, merchantId, { from: period.from, to: period.to })) {
        const lite = paymentLite(p, true);
        payments.push(lite);
        paymentsById.set(p.id, lite);
      }
    })(),
    (async () => {
      const sealedFrom = new Date(from - SEAL_TO_STAMP_MS).toISOString();
      for await (const inv of eachInvoice(store, merchantId, { from: sealedFrom, to: period.to })) {
        if (!inv.stampedAt) continue;
        const at = Date.parse(inv.stampedAt);
        if (at < from || at >= to) continue;
        const doc = await docLite(ctx, inv, true);
        documents.push(doc);
        docsById.set(doc.id, doc);
      }
    })(),
    scanReceipts(period.from, period.to),
  ]);

  const byUuid = new Map<string, DocLite | null>();
  for (const doc of documents) if (doc.uuid) byUuid.set(doc.uuid, doc);

  const dataset: Dataset = {
    ctx,
    merchant,
    periodicity: merchant.settings.globalPeriodicity,
    period,
    now: ctx.clock.now(),
    payments,
    documents,
    receipts,
    async payment(id) {
      if (paymentsById.has(id)) return paymentsById.get(id)!;
      const found = await store.payments.get(merchantId, id);
      const lite = found ? paymentLite(found, false) : null;
      paymentsById.set(id, lite);
      return lite;
    },
    async document(id) {
      if (docsById.has(id)) return docsById.get(id)!;
      const found = await store.invoices.get(merchantId, id);
      const lite = found ? await docLite(ctx, found, false) : null;
      docsById.set(id, lite);
      return lite;
    },
    async documentByUuid(uuid) {
      if (byUuid.has(uuid)) return byUuid.get(uuid)!;
      const found = await store.invoices.findByUuid(merchantId, uuid);
      const lite = found ? ((await dataset.document(found.id)) ?? null) : null;
      byUuid.set(uuid, lite);
      return lite;
    },
    async receipt(id) {
      const known = receipts.get(id);
      if (known) return known;
      const found = await store.receipts.get(merchantId, id);
      if (!found) return null;
      const lite = receiptLite(found);
      receipts.set(id, lite);
      return lite;
    },
    async globalReceipts(doc) {
      if (doc.globalPeriod) await scanReceipts(doc.globalPeriod.from, doc.globalPeriod.to);
      const out = new Map<string, ReceiptLite | null>();
      for (const id of doc.receiptIds) out.set(id, receipts.get(id) ?? (await dataset.receipt(id)));
      return out;
    },
  };
  return dataset;
}
