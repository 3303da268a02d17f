import assert from 'node:assert/strict';
import { CARLOS, type Harness, harness, nextId } from './harness.js';

describe('automation: a refund that arrives before its payment (#6)', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());

  it('is kept, and applied when the payment is recorded: the invoice gets its credit note', async () => {
    const externalId = nextId();
    const refund = {
      source: 'stripe',
      paymentExternalId: externalId,
      refundExternalId: nextId(),
      amount: '1160.00',
    };
    const early = await h.af.recordRefundOrDefer(h.merchant.id, refund);
    assert.deepEqual(early, { payment: null, deferred: true });
    const again = await h.af.recordRefundOrDefer(h.merchant.id, refund);
    assert.equal(again.deferred, true, 'a redelivery keeps one waiting refund');
    await assert.rejects(
      h.af.recordRefund(h.merchant.id, refund),
      (error: { code?: string }) => error.code === 'PAYMENT_NOT_FOUND',
      'recordRefund itself still says the payment is unknown (the API relies on it)',
    );

    const { payment } = await h.af.recordPayment(
      h.merchant.id,
      { source: 'stripe', externalId, amount: '1160.00', customer: CARLOS },
      { wait: true },
    );
    assert.equal(payment.refunds.length, 1);
    assert.equal(payment.refunds[0]!.externalId, refund.refundExternalId);
    h.advance(5 * 60_000);
    await h.af.workJobs();
    const final = (await h.af.getPayment(h.merchant.id, payment.id))!.payment;
    assert.equal(final.status, 'refunded');
    assert.equal(final.refunds.length, 1, 'the waiting job applying it again changes nothing');
    assert.equal(final.refunds[0]!.outcome, 'credit_note');
    const note = (await h.af.getInvoice(h.merchant.id, final.refunds[0]!.invoiceId!))!;
    assert.equal(note.kind, 'credit_note');
    assert.equal(note.total, '1160.00');
    const invoice = (await h.af.getInvoice(h.merchant.id, final.invoiceId!))!;
    assert.deepEqual(note.related, { relationship: '01', uuids: [invoice.uuid] });
    const jobs = await h.store.jobs.list(h.merchant.id, { type: 'refund_awaiting_payment' });
    assert.ok(jobs.length >= 1 && jobs.every((job) => job.status === 'done'));
  });

  it('voids the receipt of a payment without fiscal data that was refunded in full before it arrived', async () => {
    const externalId = nextId();
    await h.af.recordRefundOrDefer(h.merchant.id, {
      source: 'stripe',
      paymentExternalId: externalId,
      refundExternalId: nextId(),
      amount: '300.00',
    });
    const { payment } = await h.af.recordPayment(h.merchant.id, {
      source: 'stripe',
      externalId,
      amount: '300.00',
      customer: { email: 'ana@example.com' },
    });
    assert.equal(payment.status, 'refunded');
    const receipt = (await h.store.receipts.get(h.merchant.id, payment.receiptId!))!;
    assert.equal(receipt.status, 'voided');
  });

  it('applies a refund whose payment is already recorded at once, and refuses a refund without an amount', async () => {
    const externalId = nextId();
    await h.af.recordPayment(h.merchant.id, {
      source: 'stripe',
      externalId,
      amount: '500.00',
      customer: { email: 'luis@example.com' },
    });
    const result = await h.af.recordRefundOrDefer(h.merchant.id, {
      source: 'stripe',
      paymentExternalId: externalId,
      refundExternalId: nextId(),
      amount: '100.00',
    });
    assert.equal(result.deferred, false);
    assert.equal(result.payment?.refunds[0]?.amount, '100.00');
    await assert.rejects(
      h.af.recordRefundOrDefer(h.merchant.id, {
        source: 'stripe',
        paymentExternalId: nextId(),
        refundExternalId: nextId(),
        amount: '0',
      }),
      (error: { code?: string }) => error.code === 'REFUND_INVALID_AMOUNT',
    );
  });
});
