import { strict as assert } from 'node:assert';
import { type StripeHarness, stripeHarness } from './harness.js';

describe('Stripe webhooks: each event becomes the right payment, customer and document (#6)', () => {
  let h: StripeHarness;
  before(async () => {
    h = await stripeHarness();
  });
  after(() => h.close());

  async function stamped(externalId: string) {
    await h.af.workJobs();
    const payment = (await h.payment(externalId))!;
    assert.equal(payment.status, 'invoiced', JSON.stringify(payment.failure));
    const invoice = (await h.af.getInvoice(h.merchantIds.a, payment.invoiceId!))!;
    assert.equal(invoice.status, 'stamped');
    return { payment, invoice, cfdi: await h.cfdi(invoice.id) };
  }

  it('checkout.session.completed, paid, with mx_rfc + postal code + régimen/uso metadata: invoiced with no human step', async () => {
    const res = await h.post(await h.sample('checkout.session.completed.paid-rfc'));
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, { received: true, outcome: 'recorded' });
    const { payment, invoice, cfdi } = await stamped('pi_3QpLcheckout001');
    assert.equal(payment.mode, 'test', 'a livemode:false event');
    assert.equal(invoice.mode, 'test');
    assert.match(invoice.series, /-PRUEBA$/);
    assert.equal(payment.amount, '899.00');
    assert.equal(payment.currency, 'MXN');
    assert.equal(payment.metadata.stripe_checkout_session, 'cs_test_a1PaidRfc0001');
    assert.equal(cfdi.Receptor.Rfc, 'COSC8001137NA');
    assert.equal(cfdi.Receptor.Nombre, 'CARLOS CORTES SOTO');
    assert.equal(cfdi.Receptor.DomicilioFiscalReceptor, '52000');
    assert.equal(cfdi.Receptor.RegimenFiscalReceptor, '612');
    assert.equal(cfdi.Receptor.UsoCFDI, 'G03');
    assert.equal(cfdi.Total, '899.00');
    assert.equal(cfdi.FormaPago, '04');
    const customer = (await h.store.customers.findBySourceId(h.merchantIds.a, 'stripe', 'cus_RkC4rL0s9Tq2'))!;
    assert.equal(customer.fiscal?.rfc, 'COSC8001137NA');
    assert.equal(payment.customerId, customer.id);
  });

  it('charge.succeeded with a credit card and no fiscal data: a receipt with a portal link, FormaPago 04', async () => {
    const event = await h.sample('charge.succeeded.card-credit');
    event.data.object.customer = 'cus_RkNoFiscal001';
    event.data.object.billing_details.email = 'sin-datos@example.com';
    event.data.object.receipt_email = 'sin-datos@example.com';
    const res = await h.post(event);
    assert.equal(res.status, 200);
    const payment = (await h.payment('pi_3QpLcredit0001'))!;
    assert.equal(payment.status, 'awaiting_customer');
    assert.equal(payment.method, 'card_credit');
    assert.equal(payment.paymentForm, '04');
    assert.equal(payment.amount, '1160.00');
    assert.equal(payment.metadata.stripe_charge, 'ch_3QpLcredit0001');
    const link = await h.af.receiptLink(h.merchantIds.a, payment.receiptId!);
    assert.match(link ?? '', /^http:\/\/127\.0\.0\.1\/.+\/r\/[A-Za-z0-9_-]+$/);
  });

  it('maps debit to 28, OXXO to 01 and SPEI (customer_balance) to 03', async () => {
    for (const [name, id, form, amount] of [
      ['charge.succeeded.card-debit', 'pi_3QpLdebit00001', '28', '348.00'],
      ['charge.succeeded.oxxo', 'pi_3QpLoxxo000001', '01', '250.00'],
      ['charge.succeeded.spei', 'pi_3QpLspei000001', '03', '5800.00'],
    ] as const) {
      assert.equal((await h.post(await h.sample(name))).status, 200, name);
      const payment = (await h.payment(id))!;
      assert.equal(payment.paymentForm, form, name);
      assert.equal(payment.amount, amount, name);
    }
  });

  it('invoice.paid (Billing): its lines become conceptos with the products’ SAT keys', async () => {
    const event = await h.sample('invoice.paid');
    event.livemode = true;
    event.data.object.livemode = true;
    assert.equal((await h.post(event)).status, 200);
    const { payment, invoice, cfdi } = await stamped('pi_3QpLbilling0001');
    assert.equal(payment.mode, 'live');
    assert.equal(invoice.mode ?? 'live', 'live');
    assert.equal(payment.amount, '1740.00');
    assert.deepEqual(
      cfdi.Conceptos.map((c) => [c.ClaveProdServ, c.ClaveUnidad, c.Cantidad, c.Descripcion]),
      [
        ['86121700', 'E48', '1', '1 × Colegiatura mensual (at $1,160.00 / month)'],
        ['86101700', 'E48', '2', '2 × Taller de robótica (at $290.00 / month)'],
      ],
    );
    assert.equal(cfdi.Receptor.UsoCFDI, 'D10');
    assert.equal(cfdi.Total, '1740.00');
  });

  it('a USD charge: Moneda USD and TipoCambio from the balance transaction', async () => {
    const event = await h.sample('charge.succeeded.usd');
    event.data.object.metadata = {
      sat_rfc: 'COSC8001137NA',
      sat_name: 'CARLOS CORTES SOTO',
      sat_zip: '52000',
      sat_tax_regime: '612',
      sat_cfdi_use: 'G03',
    };
    assert.equal((await h.post(event)).status, 200);
    const { payment, cfdi } = await stamped('pi_3QpLusd0000001');
    assert.equal(payment.currency, 'USD');
    assert.equal(payment.exchangeRate, '17.400512');
    assert.equal(cfdi.Moneda, 'USD');
    assert.equal(cfdi.TipoCambio, '17.400512');
    assert.equal(cfdi.Total, '200.00');
  });

  it('OXXO through Checkout: the unpaid session is acknowledged and ignored, the async success records it', async () => {
    const unpaid = await h.post(await h.sample('checkout.session.completed.unpaid'));
    assert.deepEqual(unpaid.json, { received: true, outcome: 'ignored', reason: 'session_not_paid' });
    assert.equal(await h.payment('pi_3QpLoxxolater01'), null);
    assert.equal((await h.post(await h.sample('checkout.session.async_payment_succeeded'))).status, 200);
    const payment = (await h.payment('pi_3QpLoxxolater01'))!;
    assert.equal(payment.paymentForm, '01');
    assert.equal(payment.status, 'awaiting_customer');
  });

  it('acknowledges and ignores an event type it does not use, storing nothing', async () => {
    const before = await h.counts();
    const res = await h.post(await h.sample('customer.created.ignored'));
    assert.deepEqual(res.json, { received: true, outcome: 'ignored', reason: 'event_type_not_used' });
    assert.deepEqual(await h.counts(), before);
  });

  it('after the customer completes the portal, the next charge of the same Stripe customer is invoiced by itself', async () => {
    const first = await h.sample('charge.succeeded.card-debit');
    const ids = (n: string) => JSON.parse(JSON.stringify(first).replaceAll('3QpLdebit00001', n));
    const one = ids('3QpLnext0000001');
    one.data.object.customer = 'cus_RkReturning01';
    assert.equal((await h.post(one)).status, 200);
    const payment = (await h.payment('pi_3QpLnext0000001'))!;
    assert.equal(payment.status, 'awaiting_customer');
    const link = (await h.af.receiptLink(h.merchantIds.a, payment.receiptId!))!;
    await h.af.completeReceipt(
      link.split('/').pop()!,
      { rfc: 'COSC8001137NA', name: 'CARLOS CORTES SOTO', taxRegime: '612', zip: '52000', cfdiUse: 'G03' },
      { wait: true },
    );
    const two = ids('3QpLnext0000002');
    two.data.object.customer = 'cus_RkReturning01';
    assert.equal((await h.post(two)).status, 200);
    const { cfdi } = await stamped('pi_3QpLnext0000002');
    assert.equal(cfdi.Receptor.Rfc, 'COSC8001137NA');
    assert.equal(cfdi.FormaPago, '28');
  });

  it("a merchant's per-kind payment form overrides the default (prepaid cards as 04 here)", async () => {
    await h.af.setMerchantConnection(h.merchantIds.a, 'stripe.payment_forms', 'prepaid=04');
    try {
      const event = JSON.parse(
        JSON.stringify(await h.sample('charge.succeeded.card-debit')).replaceAll(
          '3QpLdebit00001',
          '3QpLprepaid0001',
        ),
      );
      event.data.object.payment_method_details.card.funding = 'prepaid';
      assert.equal((await h.post(event)).status, 200);
      const payment = (await h.payment('pi_3QpLprepaid0001'))!;
      assert.equal(payment.method, 'card_debit');
      assert.equal(payment.paymentForm, '04');
      assert.equal(payment.metadata.stripe_method, 'prepaid');
      const debit = JSON.parse(
        JSON.stringify(await h.sample('charge.succeeded.card-debit')).replaceAll(
          '3QpLdebit00001',
          '3QpLdebit00002',
        ),
      );
      await h.post(debit);
      assert.equal((await h.payment('pi_3QpLdebit00002'))!.paymentForm, '28', 'other kinds keep theirs');
    } finally {
      await h.af.setMerchantConnection(h.merchantIds.a, 'stripe.payment_forms', null);
    }
  });
});
