/**
 * Reconciliation: every payment of the period matched to its document(s) — its invoice, or the factura
 * global that carries its receipt, less the credit notes of its refunds — and every CFDI of the period to
 * its payment(s). What does not match becomes a flag (types.ts) that says what to do.
 *
 * Deadlines: a receipt is due when it expires, then it must be in a stamped global once its global period
 * has closed and SAT's 24 hours to issue it have passed; a payment `recorded`/`issuing` for over an hour, or
 * `failed`, has no document; a refund still pending after an hour has no credit note. Pending refunds are
 * left out of the amount comparison (the refund flag tells about them, once).
 */
import { globalPeriod, localDate } from '../automation/periods.js';
import { abs, type Fixed, fixed, toFixed, unitOf } from '../money/fixed-point.js';
import { type Dataset, type DocLite, isLive, type PaymentLite } from './dataset.js';
import { type FlagFacts, flagText } from './flag-messages.js';
import {
  RECONCILIATION_FLAGS,
  type Reconciliation,
  type ReconciliationFlag,
  type ReconciliationFlagKind,
} from './types.js';

const HOUR = 3_600_000;
const GLOBAL_GRACE = 24 * HOUR;
const CENT = unitOf(2);
const REPLACEMENT_HOPS = 8;

const paymentName = (p: PaymentLite): Pick<FlagFacts, 'what' | 'whatEn'> => ({
  what: `pago ${p.externalId} (${p.source})`,
  whatEn: `payment ${p.externalId} (${p.source})`,
});
const docName = (d: DocLite): Pick<FlagFacts, 'what' | 'whatEn'> => {
  const es =
    d.kind === 'global' ? 'factura global' : d.kind === 'credit_note' ? 'nota de crédito' : 'factura';
  const en = d.kind === 'global' ? 'factura global' : d.kind === 'credit_note' ? 'credit note' : 'invoice';
  return { what: `${es} ${d.series}-${d.folio}`, whatEn: `${en} ${d.series}-${d.folio}` };
};
const money = (value: Fixed) => toFixed(value, 2);

export function emptyCounts(): Record<ReconciliationFlagKind, number> {
  return Object.fromEntries(RECONCILIATION_FLAGS.map((k) => [k, 0])) as Record<
    ReconciliationFlagKind,
    number
  >;
}

export async function reconcileDataset(data: Dataset): Promise<Reconciliation> {
  const now = data.now.getTime();
  const flags: ReconciliationFlag[] = [];
  const badPayments = new Set<string>();
  const badDocs = new Set<string>();
  const add = (
    kind: ReconciliationFlagKind,
    facts: FlagFacts,
    refs: { paymentIds?: string[]; invoiceId?: string; receiptId?: string },
  ) => {
    const [paymentId] = refs.paymentIds ?? [];
    flags.push({
      kind,
      ...(paymentId && refs.paymentIds?.length === 1 ? { paymentId } : {}),
      ...(refs.invoiceId ? { invoiceId: refs.invoiceId } : {}),
      ...(refs.receiptId ? { receiptId: refs.receiptId } : {}),
      ...(facts.expected !== undefined ? { expected: facts.expected } : {}),
      ...(facts.found !== undefined ? { found: facts.found } : {}),
      ...flagText(kind, facts),
    });
    for (const id of refs.paymentIds ?? []) badPayments.add(id);
    if (refs.invoiceId) badDocs.add(refs.invoiceId);
  };

  // A global carries up to tens of thousands of receipts: look them up in a set, built once per global.
  const receiptSets = new Map<string, Set<string>>();
  const carries = (doc: DocLite, receiptId: string) => {
    let set = receiptSets.get(doc.id);
    if (!set) {
      set = new Set(doc.receiptIds);
      receiptSets.set(doc.id, set);
    }
    return set.has(receiptId);
  };

  /** A live global carrying the receipt: this one or, after a motive-04 reissue, its replacement. */
  async function liveGlobalWith(id: string | undefined, receiptId: string): Promise<DocLite | null> {
    for (let hop = 0; id && hop < REPLACEMENT_HOPS; hop++) {
      const doc = await data.document(id);
      if (!doc) return null;
      if (isLive(doc)) return carries(doc, receiptId) ? doc : null;
      id = doc.reissue?.replacementId;
    }
    return null;
  }

  const toCheck = new Map<string, DocLite>();
  for (const doc of data.documents) toCheck.set(doc.id, doc);

  for (const p of data.payments) {
    for (const refund of p.refunds) {
      if (
        (refund.outcome === undefined || refund.outcome === 'pending') &&
        now - Date.parse(refund.at) > HOUR
      ) {
        add(
          'refund_without_credit_note',
          { ...paymentName(p), expected: refund.amount },
          { paymentIds: [p.id] },
        );
      }
    }
    const invoice = p.invoiceId ? await data.document(p.invoiceId) : null;
    if (invoice && (isLive(invoice) || invoice.cancellation?.motive === '01')) {
      // A motive-01 cancellation without its replacement is flagged once, on the invoice.
      toCheck.set(invoice.id, invoice);
      continue;
    }
    if (p.receiptId && (p.globalInvoiceId || p.status === 'in_global')) {
      const global = await liveGlobalWith(p.globalInvoiceId, p.receiptId);
      if (global) {
        toCheck.set(global.id, global);
        continue;
      }
    }
    if (p.status === 'ignored' || p.status === 'refunded') continue;
    if (p.status === 'failed') {
      add(
        'payment_without_document',
        { ...paymentName(p), reason: p.failure?.code ?? 'failed' },
        { paymentIds: [p.id] },
      );
      continue;
    }
    const receipt = p.receiptId ? await data.receipt(p.receiptId) : null;
    if (receipt) {
      if (receipt.status === 'voided') continue;
      const expired =
        receipt.status === 'expired' ||
        receipt.status === 'in_global' ||
        Date.parse(receipt.expiresAt) <= now;
      if (!expired || receipt.status === 'invoiced') continue;
      const period = globalPeriod(new Date(p.paidAt), data.periodicity);
      if (now >= period.to.getTime() + GLOBAL_GRACE) {
        const { year, month, day } = localDate(period.from);
        const two = (n: number) => String(n).padStart(2, '0');
        const facts = {
          what: `recibo ${receipt.ticket} del ${paymentName(p).what}`,
          whatEn: `receipt ${receipt.ticket} of ${paymentName(p).whatEn}`,
          reason: `autofactura global close --merchant ${data.merchant.id} --period ${year}-${two(month)}-${two(day)}`,
        };
        add('global_missing', facts, { paymentIds: [p.id], receiptId: receipt.id });
      }
      continue;
    }
    const stuck = p.status === 'invoiced' || now - Date.parse(p.updatedAt) > HOUR;
    if (stuck && p.status !== 'awaiting_customer') {
      add('payment_without_document', { ...paymentName(p), reason: p.status }, { paymentIds: [p.id] });
    }
  }

  for (const doc of toCheck.values()) {
    if (doc.status === 'cancelled') await checkReplacement(data, doc, add);
    if (!isLive(doc)) continue;
    if (doc.kind === 'global') await checkGlobal(data, doc, add);
    else await checkDocument(data, doc, add);
  }

  const counts = emptyCounts();
  for (const flag of flags) counts[flag.kind]++;
  return {
    merchantId: data.merchant.id,
    period: data.period,
    payments: data.payments.length,
    matched: data.payments.reduce((n, p) => (badPayments.has(p.id) ? n : n + 1), 0),
    documents: data.documents.length,
    documentsMatched: data.documents.reduce((n, d) => (badDocs.has(d.id) ? n : n + 1), 0),
    flags,
    counts,
  };
}

type Add = (
  kind: ReconciliationFlagKind,
  facts: FlagFacts,
  refs: { paymentIds?: string[]; invoiceId?: string; receiptId?: string },
) => void;

/** An invoice or credit note: its payments exist; an invoice's total (less live credit notes) is what was paid. */
async function checkDocument(data: Dataset, doc: DocLite, add: Add): Promise<void> {
  const payments: PaymentLite[] = [];
  const missing: string[] = [];
  for (const id of doc.paymentIds) {
    const p = await data.payment(id);
    if (p) payments.push(p);
    else missing.push(id);
  }
  if (missing.length) {
    add('document_without_payment', { ...docName(doc), reason: missing.join(', ') }, { invoiceId: doc.id });
    return;
  }
  if (doc.kind !== 'invoice' || payments.length === 0) return;
  // Invoiced twice: the payment names another live invoice as its own (invariant 1).
  for (const p of payments) {
    if (!p.invoiceId || p.invoiceId === doc.id) continue;
    const own = await data.document(p.invoiceId);
    if (own && isLive(own)) {
      const reason = `duplicada de ${own.series}-${own.folio}`;
      add('document_without_payment', { ...docName(doc), reason }, { invoiceId: doc.id });
      return;
    }
  }
  let paid = 0n;
  let documented = doc.total;
  for (const p of payments) {
    paid += p.amount;
    for (const refund of p.refunds) {
      if (refund.outcome !== 'credit_note') continue;
      paid -= fixed(refund.amount);
      const note = refund.invoiceId ? await data.document(refund.invoiceId) : null;
      if (note && isLive(note)) documented -= note.total;
    }
  }
  if (abs(paid - documented) > CENT) {
    add(
      'amount_mismatch',
      { ...docName(doc), expected: money(paid), found: money(documented) },
      { paymentIds: payments.map((p) => p.id), invoiceId: doc.id },
    );
  }
}

/** A factura global: its receipts exist and add up to its total. */
async function checkGlobal(data: Dataset, doc: DocLite, add: Add): Promise<void> {
  const receipts = await data.globalReceipts(doc);
  let sum = 0n;
  const missing: string[] = [];
  for (const [id, receipt] of receipts) {
    if (receipt) sum += receipt.amount;
    else missing.push(id);
  }
  if (missing.length) {
    add(
      'document_without_payment',
      { ...docName(doc), reason: `${missing.length} recibos` },
      { invoiceId: doc.id },
    );
    return;
  }
  if (abs(sum - doc.total) > CENT) {
    add(
      'amount_mismatch',
      { ...docName(doc), expected: money(sum), found: money(doc.total) },
      { invoiceId: doc.id },
    );
  }
}

/** Motive 01 needs its replacement live; a global cancelled with motive 04 needs its reissue stamped while receipts remain. */
async function checkReplacement(data: Dataset, doc: DocLite, add: Add): Promise<void> {
  const motive = doc.cancellation?.motive;
  if (motive === '01') {
    const uuid = doc.cancellation?.replacementUuid;
    const replacement = uuid ? await data.documentByUuid(uuid) : null;
    if (!replacement || !isLive(replacement)) {
      add(
        'cancelled_without_replacement',
        { ...docName(doc), reason: '01' },
        { paymentIds: doc.paymentIds, invoiceId: doc.id },
      );
    }
    return;
  }
  if (motive === '04' && doc.kind === 'global') {
    const removed = new Set(doc.reissue?.removedReceiptIds ?? []);
    const left = doc.receiptIds.filter((id) => !removed.has(id));
    if (left.length === 0) return;
    const replacement = doc.reissue ? await data.document(doc.reissue.replacementId) : null;
    if (replacement?.status !== 'stamped') {
      add('cancelled_without_replacement', { ...docName(doc), reason: '04' }, { invoiceId: doc.id });
    }
  }
}
