import { strict as assert } from 'node:assert';
import { type PaypalTest, paypalTest } from './paypal-support.js';

describe('PayPal webhooks: redeliveries, refunds in any order and PayPal being down (#10)', () => {
  let t: PaypalTest;
  beforeEach(async () => {
    t = await paypalTest();
    await t.connect({ credentials: true });
    t.fake.orders.set('5O190127TN364715T', await t.sample('order.paypal-wallet'));
    await t.h.af.recordPayment(t.h.merchantIds.a, {
      source: 'api',
      externalId: 'venta-anterior-0001',
      amount: '100.00',
      customer: {
        email: 'lucia.mendez@example.com',
        name: 'CARLOS CORTES SOTO',
        rfc: 'COSC8001137NA',
        zip: '52000',
        taxRegime: '612',
        cfdiUse: 'G03',
      },
    });
  });
  afterEach(() => t.close());

  const invoices = async () => (await t.h.store.invoices.list(t.h.merchantIds.a, { limit: 100 })).items;

  it('the same capture delivered 6 times at once: one payment, one invoice; the certificate cached', async () => {
    const event = await t.sample('PAYMENT.CAPTURE.COMPLETED');
    const answers = await Promise.all(Array.from({ length: 6 }, () => t.post(event)));
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200, 200, 200, 200, 200],
    );
    assert.equal(answers.filter((a) => a.json.outcome === 'accepted').length, 1);
    await t.h.af.workJobs();
    const payment = (await t.h.payment('paypal', '2GG279541U471931P'))!;
    assert.equal(payment.status, 'invoiced');
    assert.equal((await t.h.store.payments.list(t.h.merchantIds.a, { limit: 100 })).items.length, 2);
    const issued = await invoices();
    assert.equal(issued.filter((i) => i.paymentIds.includes(payment.id)).length, 1);
    assert.equal((await t.post(event)).json.outcome, 'duplicate');
    await t.h.af.workJobs();
    assert.equal((await invoices()).filter((i) => i.paymentIds.includes(payment.id)).length, 1);
    // Concurrent first deliveries may each fetch it; once cached, no delivery fetches it again.
    const before = t.fake.requests.filter((r) => r.path.includes('/certs/')).length;
    assert.ok(before >= 1 && before <= 6);
    await t.post(event);
    assert.equal(t.fake.requests.filter((r) => r.path.includes('/certs/')).length, before, 'cached');
  });

  it('a refund of an invoiced capture: a credit note for it, once', async () => {
    await t.post(await t.sample('PAYMENT.CAPTURE.COMPLETED'));
    await t.h.af.workJobs();
    const refund = await t.sample('PAYMENT.CAPTURE.REFUNDED');
    const res = await t.post(refund);
    assert.equal(res.json.outcome, 'accepted');
    await t.post(refund);
    await t.h.settle(async () => {
      const p = (await t.h.payment('paypal', '2GG279541U471931P'))!;
      return p.refunds.length === 1 && p.refunds[0]!.outcome === 'credit_note';
    });
    const payment = (await t.h.payment('paypal', '2GG279541U471931P'))!;
    assert.deepEqual(
      payment.refunds.map((r) => [r.externalId, r.amount]),
      [['1JU08902781691411', '160.00']],
    );
    const cfdi = await t.h.cfdi(payment.refunds[0]!.invoiceId!);
    assert.equal(cfdi.TipoDeComprobante, 'E');
    assert.equal(cfdi.Total, '160.00');
  });

  it('a refund delivered before its capture: deferred, then applied when the capture arrives', async () => {
    const early = await t.post(await t.sample('PAYMENT.CAPTURE.REFUNDED'));
    assert.equal(early.status, 200);
    assert.equal(early.json.outcome, 'deferred');
    assert.equal(await t.h.payment('paypal', '2GG279541U471931P'), null);
    await t.post(await t.sample('PAYMENT.CAPTURE.COMPLETED'));
    await t.h.settle(async () => {
      const p = await t.h.payment('paypal', '2GG279541U471931P');
      return p?.refunds.length === 1 && p.refunds[0]!.outcome !== 'pending';
    });
    const payment = (await t.h.payment('paypal', '2GG279541U471931P'))!;
    assert.deepEqual(
      payment.refunds.map((r) => r.externalId),
      ['1JU08902781691411'],
    );
  });

  it('the certificate unreachable: 503 and nothing stored; the redelivery records it', async () => {
    const event = await t.sample('PAYMENT.CAPTURE.COMPLETED');
    t.fake.drop = true;
    const down = await t.post(event);
    assert.equal(down.status, 503);
    assert.equal(down.json.error?.code, 'PAYPAL_API_UNAVAILABLE');
    assert.equal((await t.h.counts()).payments, 1, 'only the earlier sale');
    t.fake.drop = false;
    const retried = await t.post(event);
    assert.equal(retried.json.outcome, 'accepted');
  });

  it('the order lookup failing (PayPal 503): 503 and nothing stored; the redelivery records it with the payer', async () => {
    const event = await t.sample('PAYMENT.CAPTURE.COMPLETED');
    await t.post(await t.sample('CUSTOMER.DISPUTE.CREATED')); // the certificate is now cached
    t.fake.failWith = 503;
    const down = await t.post(event);
    assert.equal(down.status, 503);
    assert.equal(down.json.error?.code, 'PAYPAL_API_UNAVAILABLE');
    assert.equal(await t.h.payment('paypal', '2GG279541U471931P'), null);
    t.fake.failWith = undefined;
    assert.equal((await t.post(event)).json.outcome, 'accepted');
    const payment = (await t.h.payment('paypal', '2GG279541U471931P'))!;
    assert.equal(payment.customerInput.email, 'lucia.mendez@example.com');
  });

  it('an order PayPal does not know (404): recorded from the capture alone', async () => {
    t.fake.orders.clear();
    assert.equal((await t.post(await t.sample('PAYMENT.CAPTURE.COMPLETED'))).json.outcome, 'accepted');
    assert.equal((await t.h.payment('paypal', '2GG279541U471931P'))!.customerInput.email, undefined);
  });

  it('app credentials PayPal refuses: 422 saying to fix them, nothing stored', async () => {
    await t.h.af.setMerchantSecret(
      t.h.merchantIds.a,
      'paypal.client_secret',
      'ELkWrongSecret00000000000000000',
    );
    const res = await t.post(await t.sample('PAYMENT.CAPTURE.COMPLETED'));
    assert.equal(res.status, 422);
    assert.equal(res.json.error.code, 'PAYPAL_CREDENTIALS_INVALID');
    assert.equal(await t.h.payment('paypal', '2GG279541U471931P'), null);
  });
});
