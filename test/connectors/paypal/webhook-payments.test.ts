import { strict as assert } from 'node:assert';
import { type PaypalTest, paypalTest } from './paypal-support.js';

describe('PayPal webhooks: signed captures become the right payment, customer and document (#10)', () => {
  let t: PaypalTest;
  beforeEach(async () => {
    t = await paypalTest();
  });
  afterEach(() => t.close());

  const payment = (id: string) => t.h.payment('paypal', id);

  it('PAYMENT.CAPTURE.COMPLETED verified offline, payer fetched from the order: a receipt for her, FormaPago 06', async () => {
    await t.connect({ credentials: true });
    t.fake.orders.set('5O190127TN364715T', await t.sample('order.paypal-wallet'));
    const res = await t.post(await t.sample('PAYMENT.CAPTURE.COMPLETED'));
    assert.equal(res.status, 200, JSON.stringify(res.json));
    assert.deepEqual(res.json, { received: true, outcome: 'accepted' });
    await t.h.af.workJobs();
    const recorded = (await payment('2GG279541U471931P'))!;
    assert.equal(recorded.amount, '1160.00');
    assert.equal(recorded.currency, 'MXN');
    assert.equal(recorded.mode, 'test', 'a sandbox connection');
    assert.deepEqual([recorded.method, recorded.paymentForm], ['wallet', '06']);
    assert.deepEqual(
      [recorded.customerInput.email, recorded.customerInput.name, recorded.customerInput.externalId],
      ['lucia.mendez@example.com', 'Lucía Méndez Ortega', 'QYR5Z8XDVJNXQ'],
    );
    assert.equal(recorded.metadata.paypal_order_id, '5O190127TN364715T');
    assert.equal(recorded.metadata.custom_id, 'pedido-0042');
    assert.equal(recorded.metadata.invoice_id, 'ESC-20261120-0042');
    assert.equal(recorded.paidAt, '2026-11-20T17:05:10.000Z');
    assert.equal(recorded.status, 'awaiting_customer');
    assert.ok(recorded.receiptId);
    const paths = t.fake.requests.map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(paths, [
      'GET /v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77',
      'POST /v1/oauth2/token',
      'GET /v2/checkout/orders/5O190127TN364715T',
    ]);
    const [delivery] = await t.h.deliveries('paypal');
    assert.deepEqual(
      [delivery!.outcome, delivery!.eventId, delivery!.eventType, delivery!.paymentId],
      ['accepted', 'WH-58D329510W468432D-8HN650336L201105X', 'PAYMENT.CAPTURE.COMPLETED', recorded.id],
    );
  });

  it('a payer whose fiscal data is known from an earlier sale: invoiced at once, the CFDI XSD-valid and verified', async () => {
    await t.connect({ credentials: true });
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
    t.fake.orders.set('5O190127TN364715T', await t.sample('order.paypal-wallet'));
    assert.equal((await t.post(await t.sample('PAYMENT.CAPTURE.COMPLETED'))).status, 200);
    await t.h.af.workJobs();
    const recorded = (await payment('2GG279541U471931P'))!;
    const customer = await t.h.store.customers.get(t.h.merchantIds.a, recorded.customerId!);
    assert.equal(recorded.status, 'invoiced', JSON.stringify([recorded.failure, customer]));
    const cfdi = await t.h.cfdi(recorded.invoiceId!);
    assert.equal(cfdi.Receptor.Rfc, 'COSC8001137NA');
    assert.equal(cfdi.FormaPago, '06');
    assert.equal(cfdi.MetodoPago, 'PUE');
    assert.equal(cfdi.Total, '1160.00');
  });

  it("a debit card through PayPal's advanced checkout: FormaPago 28 from the order's payment_source", async () => {
    await t.connect({ credentials: true });
    t.fake.orders.set('8RU61172JS455403V', await t.sample('order.card-debit'));
    const event = await t.sample('PAYMENT.CAPTURE.COMPLETED');
    event.id = 'WH-2WR32451HC0233532-67976317FL4543714';
    event.resource.id = '3C679366HH908993F';
    event.resource.amount.value = '348.50';
    event.resource.supplementary_data.related_ids.order_id = '8RU61172JS455403V';
    assert.equal((await t.post(event)).status, 200);
    const recorded = (await payment('3C679366HH908993F'))!;
    assert.deepEqual(
      [recorded.method, recorded.paymentForm, recorded.amount],
      ['card_debit', '28', '348.50'],
    );
  });

  it('without app credentials: recorded from the capture alone (no payer), no call but the certificate', async () => {
    await t.connect();
    assert.equal((await t.post(await t.sample('PAYMENT.CAPTURE.COMPLETED'))).json.outcome, 'accepted');
    const recorded = (await payment('2GG279541U471931P'))!;
    assert.equal(recorded.customerInput.email, undefined);
    assert.deepEqual(
      t.fake.requests.map((r) => r.path),
      ['/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77'],
    );
  });

  it("verification through PayPal's API when the merchant chose it (the event sent as received)", async () => {
    await t.connect({ verification: 'api' });
    t.fake.orders.set('5O190127TN364715T', await t.sample('order.paypal-wallet'));
    const body = JSON.stringify(await t.sample('PAYMENT.CAPTURE.COMPLETED'), null, 2);
    const res = await t.post(body);
    assert.equal(res.status, 200, JSON.stringify(res.json));
    assert.ok(t.fake.requests.some((r) => r.path === '/v1/notifications/verify-webhook-signature'));
    assert.ok(!t.fake.requests.some((r) => r.path.includes('/certs/')), 'no certificate fetched');
    assert.ok(await payment('2GG279541U471931P'));
    const forged = await t.post(await t.sample('PAYMENT.CAPTURE.COMPLETED'), {
      webhookId: 'WH0THERWEBHOOK0001',
    });
    assert.equal(forged.status, 401);
    assert.equal(forged.json.error.code, 'PAYPAL_SIGNATURE_INVALID');
  });

  it('other events (a dispute opened, a pending capture) are acknowledged and ignored', async () => {
    await t.connect();
    const dispute = await t.post(await t.sample('CUSTOMER.DISPUTE.CREATED'));
    assert.equal(dispute.json.outcome, 'ignored');
    const pending = await t.sample('PAYMENT.CAPTURE.COMPLETED');
    pending.resource.status = 'PENDING';
    assert.equal((await t.post(pending)).json.outcome, 'ignored');
    assert.equal((await t.h.counts()).payments, 0);
  });
});
