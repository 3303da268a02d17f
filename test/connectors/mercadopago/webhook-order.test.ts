import { strict as assert } from 'node:assert';
import { type MpTest, mpTest } from './mp-support.js';

describe('MercadoPago webhooks: redeliveries, refunds and the API being down (#10)', () => {
  let t: MpTest;
  beforeEach(async () => {
    t = await mpTest();
  });
  afterEach(() => t.close());

  it('the same payment notified 6 times at once (created + updated, redeliveries): one payment, one invoice', async () => {
    const sample = await t.sample('payment.credit_card.rfc-metadata.approved');
    t.serve(sample);
    const answers = await Promise.all(Array.from({ length: 6 }, () => t.post(sample.id)));
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200, 200, 200, 200, 200],
    );
    assert.equal(answers.filter((a) => a.json.outcome === 'accepted').length, 1);
    assert.equal(answers.filter((a) => a.json.outcome === 'duplicate').length, 5);
    await t.h.af.workJobs();
    assert.equal((await t.h.counts()).payments, 1);
    assert.equal((await t.h.store.invoices.list(t.h.merchantIds.a, { limit: 100 })).items.length, 1);
    const again = await t.post(sample.id);
    assert.equal(again.json.outcome, 'duplicate');
    assert.equal((await t.h.store.invoices.list(t.h.merchantIds.a, { limit: 100 })).items.length, 1);
  });

  it('a partial refund on an invoiced payment: credited with a credit note, once', async () => {
    const sample = await t.sample('payment.credit_card.rfc-metadata.approved');
    t.serve(sample);
    await t.post(sample.id);
    await t.h.af.workJobs();
    const invoiced = (await t.h.payment('mercadopago', String(sample.id)))!;
    assert.equal(invoiced.status, 'invoiced');
    const refund = (await t.sample('payment.credit_card.partially_refunded')).refunds[0];
    t.serve({
      ...sample,
      status_detail: 'partially_refunded',
      transaction_amount_refunded: 160,
      refunds: [{ ...refund, payment_id: sample.id }],
    });
    const res = await t.post(sample.id);
    assert.equal(res.json.outcome, 'accepted');
    assert.equal(
      (await t.post(sample.id)).json.outcome,
      'duplicate',
      'the same refund again changes nothing',
    );
    await t.h.settle(async () => {
      const p = (await t.h.payment('mercadopago', String(sample.id)))!;
      return p.refunds.length === 1 && p.refunds[0]!.outcome !== 'pending';
    });
    const refunded = (await t.h.payment('mercadopago', String(sample.id)))!;
    assert.deepEqual(
      refunded.refunds.map((r) => [r.externalId, r.amount, r.outcome]),
      [['1581729283', '160.00', 'credit_note']],
    );
    const note = (await t.h.store.invoices.get(t.h.merchantIds.a, refunded.refunds[0]!.invoiceId!))!;
    const cfdi = await t.h.cfdi(note.id);
    assert.equal(cfdi.TipoDeComprobante, 'E');
    assert.equal(cfdi.Total, '160.00');
  });

  it('a fully refunded payment seen for the first time: recorded, then credited in full', async () => {
    const sample = await t.sample('payment.debit_card.approved');
    t.serve({
      ...sample,
      status: 'refunded',
      status_detail: 'refunded',
      transaction_amount_refunded: 348.5,
      refunds: [
        {
          id: 1581729300,
          payment_id: sample.id,
          amount: 348.5,
          status: 'approved',
          date_created: '2026-11-23T10:00:00.000-06:00',
        },
      ],
    });
    assert.equal((await t.post(sample.id)).json.outcome, 'accepted');
    const payment = (await t.h.payment('mercadopago', String(sample.id)))!;
    assert.deepEqual(
      payment.refunds.map((r) => [r.externalId, r.amount]),
      [['1581729300', '348.50']],
    );
  });

  it('the API answering 503, or dropping connections: 503 to MercadoPago, nothing stored; the redelivery records it', async () => {
    const sample = await t.sample('payment.ticket.oxxo.approved');
    t.serve(sample);
    t.fake.failWith = 503;
    const first = await t.post(sample.id);
    assert.equal(first.status, 503);
    assert.equal(first.json.error?.code, 'MERCADOPAGO_API_UNAVAILABLE');
    t.fake.failWith = undefined;
    t.fake.drop = true;
    const second = await t.post(sample.id);
    assert.equal(second.status, 503);
    assert.equal(await t.h.payment('mercadopago', String(sample.id)), null);
    assert.equal((await t.h.counts()).payments, 0);
    t.fake.drop = false;
    // MercadoPago's next attempt comes 45 minutes later; it may carry the first attempt's ts.
    const retried = await t.post(sample.id, { ts: Math.floor(Date.now() / 1000) - 45 * 60 });
    assert.equal(retried.status, 200);
    assert.equal(retried.json.outcome, 'accepted');
    assert.equal((await t.h.payment('mercadopago', String(sample.id)))!.paymentForm, '01');
  });

  it('a refused access token or an unknown payment: 422 with what to fix, nothing stored', async () => {
    const sample = await t.sample('payment.account_money.approved');
    t.fake.payments.set(String(sample.id), { token: 'APP_USR-another-account-0000000000', payment: sample });
    const refused = await t.post(sample.id);
    assert.equal(refused.status, 422);
    assert.equal(refused.json.error.code, 'MERCADOPAGO_ACCESS_TOKEN_INVALID');
    const unknown = await t.post('555000111');
    assert.equal(unknown.status, 422);
    assert.equal(unknown.json.error.code, 'MERCADOPAGO_PAYMENT_NOT_FOUND');
    assert.equal((await t.h.counts()).payments, 0);
    const deliveries = await t.h.deliveries('mercadopago');
    assert.deepEqual(
      deliveries.map((d) => d.code),
      ['MERCADOPAGO_PAYMENT_NOT_FOUND', 'MERCADOPAGO_ACCESS_TOKEN_INVALID'],
    );
  });
});
