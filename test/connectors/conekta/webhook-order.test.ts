import { strict as assert } from 'node:assert';
import { type ConektaHarness, conektaHarness } from './harness.js';

describe('Conekta webhooks: redeliveries, refunds and chargebacks (#10)', () => {
  let h: ConektaHarness;
  before(async () => {
    h = await conektaHarness();
  });
  after(() => h.close());

  it('the same order.paid 5 times at once: one payment, one invoice', async () => {
    const event = await h.sample('order.paid.spei');
    const answers = await Promise.all(Array.from({ length: 5 }, () => h.send(event)));
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200, 200, 200, 200],
    );
    assert.equal(answers.filter((a) => a.json.outcome === 'accepted').length, 1);
    assert.equal(answers.filter((a) => a.json.outcome === 'duplicate').length, 4);
    const { payment } = await h.stamped('conekta', 'ord_2yTtM2qR3sT4uV5Wx');
    const invoices = await h.store.invoices.list(h.merchantIds.a, { paymentId: payment.id });
    assert.equal(invoices.items.filter((i) => i.kind === 'invoice').length, 1);
    assert.equal((await h.counts()).payments, 1);
    // A later redelivery (Conekta retries until it gets a 2xx) changes nothing either.
    assert.equal((await h.send(event)).json.outcome, 'duplicate');
    assert.equal((await h.counts()).payments, 1);
  });

  it('a refund of an invoiced order: a related egreso for the refunded amount', async () => {
    const event = await h.sample('order.partially_refunded');
    // The SPEI order of the previous test, refunded in part.
    event.data.object = {
      ...(await h.sample('order.paid.spei')).data.object,
      payment_status: 'partially_refunded',
    };
    event.data.object.charges.data[0].refunds = {
      data: [{ id: 'refund_spei_0001', object: 'refund', amount: -50000, created_at: 1764877000 }],
    };
    const payment = (await h.payment('conekta', 'ord_2yTtM2qR3sT4uV5Wx'))!;
    const invoice = (await h.af.getInvoice(h.merchantIds.a, payment.invoiceId!))!;
    const res = await h.send(event);
    assert.deepEqual(res.json, { received: true, outcome: 'accepted' });
    await h.settle(
      async () =>
        (await h.payment('conekta', 'ord_2yTtM2qR3sT4uV5Wx'))?.refunds[0]?.outcome === 'credit_note',
    );
    const after = (await h.payment('conekta', 'ord_2yTtM2qR3sT4uV5Wx'))!;
    assert.deepEqual(
      after.refunds.map((r) => [r.externalId, r.amount]),
      [['refund_spei_0001', '500.00']],
    );
    const note = await h.cfdi(after.refunds[0]!.invoiceId!);
    assert.equal(note.TipoDeComprobante, 'E');
    assert.equal(note.Total, '500.00');
    assert.equal(note.CfdiRelacionados?.[0]?.TipoRelacion, '01');
    assert.deepEqual(note.CfdiRelacionados?.[0]?.uuids, [invoice.uuid]);
  });

  it('partial then full refund of an order never seen as paid: recorded from the refund event, each refund once', async () => {
    const partial = await h.send(await h.sample('order.partially_refunded'));
    assert.equal(partial.status, 200);
    await h.send(await h.sample('order.partially_refunded'));
    let payment = (await h.payment('conekta', 'ord_2yTtLtTnVqJ8cY9Nb'))!;
    assert.equal(payment.amount, '1160.00');
    assert.equal(payment.paymentForm, '04');
    assert.deepEqual(
      payment.refunds.map((r) => [r.externalId, r.amount]),
      [['6931e9ef3f2d6d0001a1b2d0', '400.00']],
    );
    assert.equal((await h.send(await h.sample('order.refunded'))).status, 200);
    payment = (await h.payment('conekta', 'ord_2yTtLtTnVqJ8cY9Nb'))!;
    assert.deepEqual(
      payment.refunds.map((r) => [r.externalId, r.amount]),
      [
        ['6931e9ef3f2d6d0001a1b2d0', '400.00'],
        ['6931ea4f3f2d6d0001a1b2d1', '760.00'],
      ],
    );
    assert.equal(payment.status, 'refunded');
  });

  it('order.charged_back: the debit order refunded in full', async () => {
    assert.equal((await h.send(await h.sample('order.paid.card-debit'))).status, 200);
    const res = await h.send(await h.sample('order.charged_back'));
    assert.deepEqual(res.json, { received: true, outcome: 'accepted' });
    const payment = (await h.payment('conekta', 'ord_2yTtM0aB1cD2eF3Gh'))!;
    assert.deepEqual(
      payment.refunds.map((r) => [r.externalId, r.amount]),
      [['6931e8ab3f2d6d0001a1b2c4:chargeback', '580.00']],
    );
    assert.equal(payment.status, 'refunded');
  });
});
