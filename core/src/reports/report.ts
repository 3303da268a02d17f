/**
 * The period report: live CFDIs stamped in the period by kind, source, FormaPago and customer; receipts
 * (open now with their age, and what became of those of the period's payments); cancellations; credit
 * notes; payments failed and waiting for the merchant; and the reconciliation's counts.
 */
import { type Fixed, fixed, toFixed } from '../money/fixed-point.js';
import { type Dataset, type DocLite, isLive, mxn } from './dataset.js';
import { reconcileDataset } from './reconcile.js';
import { eachPayment, eachReceipt } from './scan.js';
import { TotalsBy, TotalsSum } from './totals.js';
import type { AgeBucket, CustomerTotals, PeriodReport, Reconciliation } from './types.js';

const DAY = 86_400_000;
const FAILURE_ITEMS = 100;

const AGES = [
  { key: '0-2', max: 2, label: '0 a 2 días', labelEn: '0 to 2 days' },
  { key: '3-7', max: 7, label: '3 a 7 días', labelEn: '3 to 7 days' },
  { key: '8-15', max: 15, label: '8 a 15 días', labelEn: '8 to 15 days' },
  { key: '16+', max: Number.POSITIVE_INFINITY, label: '16 días o más', labelEn: '16 days or more' },
];

const money = (value: Fixed) => toFixed(value, 2);

export async function buildReport(
  data: Dataset,
): Promise<{ report: PeriodReport; reconciliation: Reconciliation }> {
  const { merchant } = data;
  const byKind = { invoice: new TotalsSum(), global: new TotalsSum(), credit_note: new TotalsSum() };
  const net = new TotalsSum();
  const bySource = new TotalsBy();
  const byPaymentForm = new TotalsBy();
  const byCustomer = new TotalsBy();
  const customers = new Map<string, { name: string; customerId?: string }>();
  const cancellations = { count: 0, total: 0n, byMotive: {} as Record<string, number> };

  for (const doc of data.documents) {
    if (doc.status === 'cancelled') {
      cancellations.count++;
      cancellations.total += mxn(doc.total, doc.rate);
      const motive = doc.cancellation?.motive ?? '??';
      cancellations.byMotive[motive] = (cancellations.byMotive[motive] ?? 0) + 1;
      continue;
    }
    if (!isLive(doc)) continue;
    byKind[doc.kind].add(doc);
    if (doc.kind === 'credit_note') {
      net.add(doc, -1n);
      continue;
    }
    net.add(doc);
    bySource.at(await sourceOf(data, doc)).add(doc);
    byPaymentForm.at(doc.paymentForm ?? '99').add(doc);
    if (doc.kind === 'invoice') {
      byCustomer.at(doc.receiverRfc).add(doc);
      if (!customers.has(doc.receiverRfc)) {
        customers.set(doc.receiverRfc, {
          name: doc.receiverName,
          ...(doc.customerId ? { customerId: doc.customerId } : {}),
        });
      }
    }
  }

  const receiptsOfPeriod = { invoiced: [0, 0n], in_global: [0, 0n], voided: [0, 0n] } as Record<
    string,
    [number, Fixed]
  >;
  for (const r of data.receipts.values()) {
    const paid = Date.parse(r.paidAt);
    if (paid < Date.parse(data.period.from) || paid >= Date.parse(data.period.to)) continue;
    const slot = receiptsOfPeriod[r.status];
    if (slot) {
      slot[0]++;
      slot[1] += r.amount;
    }
  }

  const pending = await pendingReceipts(data);
  const failures = await failedPayments(data);
  const reconciliation = await reconcileDataset(data);
  const customerRows: CustomerTotals[] = [...byCustomer.sums]
    .map(([rfc, sum]) => ({ rfc, ...customers.get(rfc)!, ...sum.toTotals(), _total: sum.total }))
    .sort((a, b) => (a._total === b._total ? a.rfc.localeCompare(b.rfc) : a._total > b._total ? -1 : 1))
    .map(({ _total, ...row }) => row);
  const pair = (key: string) => ({
    count: receiptsOfPeriod[key]![0],
    amount: money(receiptsOfPeriod[key]![1]),
  });

  const report: PeriodReport = {
    merchantId: merchant.id,
    period: data.period,
    generatedAt: data.now.toISOString(),
    byKind: {
      invoice: byKind.invoice.toTotals(),
      global: byKind.global.toTotals(),
      credit_note: byKind.credit_note.toTotals(),
    },
    net: { ...net.toTotals(), count: byKind.invoice.count + byKind.global.count + byKind.credit_note.count },
    bySource: bySource.toRecord(),
    byPaymentForm: byPaymentForm.toRecord(),
    byCustomer: customerRows,
    receipts: {
      pending,
      invoicedByCustomer: pair('invoiced'),
      inGlobal: pair('in_global'),
      voided: pair('voided'),
    },
    cancellations: {
      count: cancellations.count,
      total: money(cancellations.total),
      byMotive: cancellations.byMotive,
    },
    creditNotes: { count: byKind.credit_note.count, total: byKind.credit_note.toTotals().total },
    failures,
    reconciliation: {
      counts: reconciliation.counts,
      payments: reconciliation.payments,
      matched: reconciliation.matched,
    },
  };
  return { report, reconciliation };
}

/** Where the payments of an ingreso came from; a global whose receipts came from several sources is 'varios'. */
async function sourceOf(data: Dataset, doc: DocLite): Promise<string> {
  const sources = new Set<string>();
  if (doc.kind === 'global') {
    for (const id of doc.receiptIds) {
      const receipt = data.receipts.get(id) ?? (await data.receipt(id));
      const payment = receipt ? await data.payment(receipt.paymentId) : null;
      if (payment) sources.add(payment.source);
      if (sources.size > 1) return 'varios';
    }
  } else {
    for (const id of doc.paymentIds) {
      const payment = await data.payment(id);
      if (payment) sources.add(payment.source);
    }
  }
  if (sources.size === 1) return [...sources][0]!;
  return sources.size === 0 ? 'api' : 'varios';
}

/** Open receipts now, any period, by days since paid. */
async function pendingReceipts(data: Dataset): Promise<PeriodReport['receipts']['pending']> {
  const now = data.now.getTime();
  const buckets = AGES.map((a) => ({ ...a, count: 0, amount: 0n }));
  let count = 0;
  let total = 0n;
  for await (const r of eachReceipt(data.ctx.store, data.merchant.id, { status: 'open' })) {
    const days = Math.floor((now - Date.parse(r.paidAt)) / DAY);
    const bucket = buckets.find((b) => days <= b.max)!;
    const value = fixed(r.amount);
    bucket.count++;
    bucket.amount += value;
    count++;
    total += value;
  }
  const ages: AgeBucket[] = buckets.map((b) => ({
    key: b.key,
    label: b.label,
    labelEn: b.labelEn,
    count: b.count,
    amount: money(b.amount),
  }));
  return { count, amount: money(total), ages };
}

/** Payments failed and waiting for the merchant, any period (the most recent first in the list). */
async function failedPayments(data: Dataset): Promise<PeriodReport['failures']> {
  const items: PeriodReport['failures']['items'] = [];
  let count = 0;
  for await (const p of eachPayment(data.ctx.store, data.merchant.id, { status: 'failed' })) {
    count++;
    items.push({
      paymentId: p.id,
      code: p.failure?.code ?? 'FAILED',
      message: p.failure?.message ?? '',
      messageEn: p.failure?.messageEn ?? p.failure?.message ?? '',
      at: p.failure?.at ?? p.updatedAt,
    });
  }
  items.sort((a, b) => b.at.localeCompare(a.at));
  return { count, items: items.slice(0, FAILURE_ITEMS) };
}
