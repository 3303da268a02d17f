import { strict as assert } from 'node:assert';
import { type ConektaHarness, conektaHarness } from './harness.js';

describe('Conekta webhooks: each order becomes the right payment, customer and document (#10)', () => {
  let h: ConektaHarness;
  before(async () => {
    h = await conektaHarness();
  });
  after(() => h.close());

  it('order.paid by credit card without fiscal data: a receipt with a portal link, FormaPago 04, centavos to pesos', async () => {
    const res = await h.send(await h.sample('order.paid.card-credit'));
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, { received: true, outcome: 'accepted' });
    const payment = (await h.payment('conekta', 'ord_2yTtLtTnVqJ8cY9Nb'))!;
    assert.equal(payment.amount, '1160.00');
    assert.equal(payment.currency, 'MXN');
    assert.equal(payment.mode, 'test', 'a livemode:false order');
    assert.equal(payment.method, 'card_credit');
    assert.equal(payment.paymentForm, '04');
    assert.equal(payment.status, 'awaiting_customer');
    assert.equal(payment.metadata.conekta_charge, '6931e8ab3f2d6d0001a1b2c3');
    assert.equal(payment.metadata.card_last4, '4242');
    assert.equal(payment.paidAt, new Date(1764876203 * 1000).toISOString());
    const customer = (await h.store.customers.get(h.merchantIds.a, payment.customerId!))!;
    assert.equal(customer.email, 'ana.torres@example.com');
    assert.equal(customer.name, 'Ana Laura Torres Medina');
    const link = await h.af.receiptLink(h.merchantIds.a, payment.receiptId!);
    assert.match(link ?? '', /^http:\/\/127\.0\.0\.1\/.+\/r\/[A-Za-z0-9_-]+$/);
  });

  it('maps a debit card to 28 and OXXO cash to 01', async () => {
    for (const [name, id, form, method, amount] of [
      ['order.paid.card-debit', 'ord_2yTtM0aB1cD2eF3Gh', '28', 'card_debit', '580.00'],
      ['order.paid.oxxo', 'ord_2yTtM1xY2zA3bC4Dd', '01', 'cash', '348.00'],
    ] as const) {
      assert.equal((await h.send(await h.sample(name))).status, 200, name);
      const payment = (await h.payment('conekta', id))!;
      assert.equal(payment.paymentForm, form, name);
      assert.equal(payment.method, method, name);
      assert.equal(payment.amount, amount, name);
    }
  });

  it('order.paid by SPEI with fiscal data in the metadata: invoiced at once, FormaPago 03, the CFDI XSD-valid and verified', async () => {
    assert.equal((await h.send(await h.sample('order.paid.spei'))).status, 200);
    const { payment, cfdi } = await h.stamped('conekta', 'ord_2yTtM2qR3sT4uV5Wx');
    assert.equal(payment.method, 'transfer');
    assert.equal(cfdi.FormaPago, '03');
    assert.equal(cfdi.Total, '2320.00');
    assert.equal(cfdi.Receptor.Rfc, 'XIQB891116QE4');
    assert.equal(cfdi.Receptor.Nombre, 'BERENICE XIMO QUEZADA');
    assert.equal(cfdi.Receptor.DomicilioFiscalReceptor, '06300');
    assert.equal(cfdi.Receptor.RegimenFiscalReceptor, '612');
    assert.equal(cfdi.Receptor.UsoCFDI, 'G03');
    const customer = (await h.store.customers.get(h.merchantIds.a, payment.customerId!))!;
    assert.equal(customer.fiscal?.rfc, 'XIQB891116QE4');
    assert.equal(customer.email, 'berenice.ximo@example.com');
  });

  it('an OXXO reference not paid yet (order.pending_payment) is acknowledged, logged as ignored, and records nothing', async () => {
    const before = await h.counts();
    const res = await h.send(await h.sample('order.pending_payment.oxxo'));
    assert.equal(res.status, 200);
    assert.equal(res.json.outcome, 'ignored');
    assert.deepEqual(await h.counts(), before);
    assert.equal(await h.payment('conekta', 'ord_2yTtM3nO4pQ5rS6Tu'), null);
    const [last] = await h.af.listDeliveries(h.merchantIds.a, 'conekta', { limit: 1 });
    assert.equal(last?.outcome, 'ignored');
    assert.equal(last?.eventType, 'order.pending_payment');
    assert.match(last?.message ?? '', /order\.pending_payment/);
  });

  it('logs each accepted delivery with its event and payment for the dashboard', async () => {
    const deliveries = await h.af.listDeliveries(h.merchantIds.a, 'conekta', { limit: 10 });
    const spei = deliveries.find((d) => d.eventId === '6931e8ad9a1b2c0001d4e5f9');
    assert.equal(spei?.outcome, 'accepted');
    assert.equal(spei?.eventType, 'order.paid');
    assert.equal(spei?.paymentId, (await h.payment('conekta', 'ord_2yTtM2qR3sT4uV5Wx'))!.id);
  });
});
