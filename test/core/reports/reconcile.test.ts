import assert from 'node:assert/strict';
import { monthKey } from '../../../core/src/reports/period.js';
import type { ReconciliationFlag } from '../../../core/src/reports/types.js';
import type { Invoice, Payment, Receipt } from '../../../core/src/store/types.js';
import { CARLOS, type Harness, harness, nextId } from '../automation/harness.js';

const DAY = 86_400_000;

describe('reports: reconciliation flags exactly the planted anomalies (#7)', function () {
  this.timeout(180_000);
  let h: Harness;
  const merchant = () => h.merchant.id;

  before(async () => {
    h = await harness();
  });
  after(() => h.close());

  async function invoiced(amount: string) {
    const externalId = nextId();
    const { payment, invoice } = await h.af.recordPayment(
      merchant(),
      { source: 'stripe', externalId, amount, customer: { ...CARLOS, email: 'carlos@example.com' } },
      { wait: true },
    );
    assert.equal(payment.status, 'invoiced');
    return { payment, invoice: invoice!, externalId };
  }

  async function receipt(amount: string, paidAt?: string) {
    const { payment, receipt } = await h.af.recordPayment(
      merchant(),
      {
        source: 'stripe',
        externalId: nextId(),
        amount,
        ...(paidAt ? { paidAt } : {}),
        customer: { email: 'a@example.com' },
      },
      { wait: true },
    );
    return { payment, receipt: receipt! };
  }

  async function changePayment(id: string, change: (p: Payment) => Payment) {
    const p = (await h.store.payments.get(merchant(), id))!;
    assert.ok(
      await h.store.payments.update({ ...change(p), updatedAt: new Date().toISOString() }, p.updatedAt),
    );
  }
  async function changeInvoice(id: string, change: (i: Invoice) => Invoice) {
    const i = (await h.store.invoices.get(merchant(), id))!;
    assert.ok(
      await h.store.invoices.update({ ...change(i), updatedAt: new Date().toISOString() }, i.updatedAt),
    );
  }
  async function changeReceipt(id: string, change: (r: Receipt) => Receipt) {
    const r = (await h.store.receipts.get(merchant(), id))!;
    assert.ok(
      await h.store.receipts.update({ ...change(r), updatedAt: new Date().toISOString() }, r.updatedAt),
    );
  }

  const brief = (flags: ReconciliationFlag[]) =>
    flags
      .map((f) => [f.kind, f.paymentId ?? f.receiptId ?? f.invoiceId])
      .sort((a, b) => `${a}`.localeCompare(`${b}`));

  it('in this month: a clean month has no flags, then each planted anomaly is flagged once', async () => {
    const period = monthKey(new Date());
    const clean = await invoiced('1160.00');
    const cancelled = await invoiced('116.00');
    const altered = await invoiced('580.00');
    const pendingRefund = await invoiced('300.00');
    const recentRefund = await invoiced('200.00');
    const orphan = await invoiced('99.00');
    const replaced = await invoiced('450.00');
    const twice = await invoiced('75.00');
    const open = await receipt('250.00');
    await h.af.recordRefund(
      merchant(),
      { source: 'stripe', paymentExternalId: clean.externalId, refundExternalId: 're_ok', amount: '160.00' },
      { wait: true },
    );
    await h.af.workJobs();

    const before = await h.af.reports.reconcile(merchant(), period);
    assert.deepEqual(before.flags, [], 'nothing to flag yet');
    assert.equal(before.payments, 9);
    assert.equal(before.matched, 9);

    // 1. Cancelled with motive 02: the payment is left without a document (failed, for the merchant to retry).
    await h.af.cancelInvoice(merchant(), cancelled.invoice.id, { motive: '02' });
    // 2. What was paid no longer matches the invoice.
    await changePayment(altered.payment.id, (p) => ({ ...p, amount: '590.00' }));
    // 3. A refund still pending after two hours; another only ten minutes old is not flagged yet.
    const refund = (at: number, id: string) => ({
      externalId: id,
      amount: '50.00',
      at: new Date(at).toISOString(),
      outcome: 'pending' as const,
    });
    await changePayment(pendingRefund.payment.id, (p) => ({
      ...p,
      refunds: [refund(Date.now() - 2 * 3_600_000, 're_old')],
    }));
    await changePayment(recentRefund.payment.id, (p) => ({
      ...p,
      refunds: [refund(Date.now() - 600_000, 're_new')],
    }));
    // 4. An invoice that claims a payment the store does not know.
    await changeInvoice(orphan.invoice.id, (i) => ({ ...i, paymentIds: ['pay_unknown'] }));
    // 5. Invoiced twice: a second live invoice for a payment that has its own.
    const twin = (await h.store.invoices.get(merchant(), twice.invoice.id))!;
    await h.store.invoices.create({
      ...twin,
      id: 'inv_twin',
      folio: 99_999,
      uuid: '99999999-2222-3333-4444-555555555555',
      blobs: { sealedXml: twin.blobs.sealedXml },
    });
    // 6. Cancelled with motive 01 naming a replacement that was never issued.
    await changeInvoice(replaced.invoice.id, (i) => ({
      ...i,
      status: 'cancelled',
      cancellation: {
        motive: '01',
        replacementUuid: '11111111-2222-3333-4444-555555555555',
        requestedAt: new Date().toISOString(),
        status: 'Cancelado sin aceptación',
      },
    }));

    const after = await h.af.reports.reconcile(merchant(), period);
    assert.deepEqual(
      brief(after.flags),
      brief([
        { kind: 'payment_without_document', paymentId: cancelled.payment.id },
        { kind: 'amount_mismatch', paymentId: altered.payment.id },
        { kind: 'refund_without_credit_note', paymentId: pendingRefund.payment.id },
        { kind: 'document_without_payment', invoiceId: orphan.invoice.id },
        { kind: 'cancelled_without_replacement', paymentId: replaced.payment.id },
        { kind: 'document_without_payment', invoiceId: 'inv_twin' },
      ] as ReconciliationFlag[]),
    );
    const mismatch = after.flags.find((f) => f.kind === 'amount_mismatch')!;
    assert.equal(mismatch.invoiceId, altered.invoice.id);
    assert.deepEqual([mismatch.expected, mismatch.found], ['590.00', '580.00']);
    assert.match(mismatch.message, /nota de crédito/);
    assert.match(mismatch.messageEn, /credit note/);
    for (const flag of after.flags) assert.ok(flag.message.length > 40 && flag.messageEn.length > 40);
    assert.equal(after.counts.amount_mismatch, 1);
    assert.equal(after.payments, 9);
    assert.equal(after.matched, 9 - 4, 'four payments carry a flag (the orphan invoice is a document flag)');
    assert.equal(
      after.documentsMatched,
      after.documents - 4,
      'the altered, orphan, replaced and twin invoices',
    );
    void open;
    const report = await h.af.reports.report(merchant(), period);
    assert.deepEqual(report.reconciliation.counts, after.counts);
  });

  it('in a closed month: an expired receipt outside any global, a global that does not add up, a motive-04 global never reissued', async () => {
    const paidAt = new Date(Date.now() - 40 * DAY);
    const period = monthKey(paidAt);
    const at = (ms: number) => new Date(paidAt.getTime() + ms).toISOString();
    const a = await receipt('100.00', at(0));
    const b = await receipt('200.00', at(60_000));
    const c = await receipt('300.00', at(120_000));
    const stillOpen = await receipt('50.00', at(180_000));
    // c expired unclaimed; its global period (the month) closed more than 24 hours ago.
    await changeReceipt(c.receipt.id, (r) => ({ ...r, status: 'expired', expiresAt: at(DAY) }));
    const stampedAt = at(2 * DAY);
    const base = {
      merchantId: merchant(),
      kind: 'global' as const,
      type: 'I' as const,
      series: 'G',
      paymentIds: [],
      receiverRfc: 'XAXX010101000',
      receiverName: 'PUBLICO EN GENERAL',
      currency: 'MXN',
      subtotal: '259.00',
      fecha: stampedAt.slice(0, 19),
      history: [],
      blobs: { sealedXml: 'none' },
      taxes: { iva: '41.44' },
      paymentForm: '04',
      paymentMethod: 'PUE',
      stampedAt,
      createdAt: stampedAt,
      updatedAt: stampedAt,
    };
    const live: Invoice = {
      ...base,
      id: 'inv_global_live',
      folio: 9001,
      uuid: 'AAAAAAAA-2222-3333-4444-555555555555',
      receiptIds: [a.receipt.id, b.receipt.id],
      total: '301.00',
      status: 'stamped',
    };
    const cancelled: Invoice = {
      ...base,
      id: 'inv_global_cancelled',
      folio: 9002,
      uuid: 'BBBBBBBB-2222-3333-4444-555555555555',
      receiptIds: [a.receipt.id, b.receipt.id],
      total: '300.00',
      status: 'cancelled',
      cancellation: { motive: '04', requestedAt: stampedAt, status: 'Cancelado sin aceptación' },
      reissue: {
        removedReceiptIds: [b.receipt.id],
        replacementId: 'inv_never_stamped',
        requestedAt: stampedAt,
      },
    };
    await h.store.invoices.create(live);
    await h.store.invoices.create(cancelled);
    for (const r of [a, b]) {
      await changePayment(r.payment.id, (p) => ({ ...p, status: 'in_global', globalInvoiceId: live.id }));
      await changeReceipt(r.receipt.id, (x) => ({ ...x, status: 'in_global' }));
    }

    const rec = await h.af.reports.reconcile(merchant(), period);
    assert.deepEqual(
      brief(rec.flags),
      brief([
        { kind: 'global_missing', paymentId: c.payment.id },
        { kind: 'amount_mismatch', invoiceId: live.id },
        { kind: 'cancelled_without_replacement', invoiceId: cancelled.id },
      ] as ReconciliationFlag[]),
    );
    const missing = rec.flags.find((f) => f.kind === 'global_missing')!;
    assert.equal(missing.receiptId, c.receipt.id);
    const mismatch = rec.flags.find((f) => f.kind === 'amount_mismatch')!;
    assert.deepEqual([mismatch.expected, mismatch.found], ['300.00', '301.00']);
    assert.equal(rec.payments, 4);
    void stillOpen;

    const report = await h.af.reports.report(merchant(), period);
    assert.equal(report.byKind.global.count, 1);
    assert.equal(report.byKind.global.total, '301.00');
    assert.equal(report.byKind.global.iva, '41.44');
    assert.equal(report.cancellations.byMotive['04'], 1);
    assert.deepEqual(report.receipts.inGlobal, { count: 2, amount: '300.00' });
  });
});
