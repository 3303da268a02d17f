import { strict as assert } from 'node:assert';
import { apiLocation } from '../../../connectors/stripe/src/client.js';
import { type FakeStripe, fakeStripe } from './fake-stripe.js';
import { type StripeHarness, stripeHarness } from './harness.js';

describe('Stripe webhooks with the merchant’s API key, against a local fake Stripe (#6)', () => {
  let stripe: FakeStripe;
  let h: StripeHarness;
  const apiKey = 'rk_test_51QpLwebhookKey0001';
  before(async () => {
    stripe = await fakeStripe();
    h = await stripeHarness({ stripeApi: apiLocation(stripe.url)! });
    await h.af.setMerchantSecret(h.merchantIds.a, 'stripe.api_key', apiKey);
  });
  after(async () => {
    await h.close();
    await stripe.close();
  });

  it('writes the portal link back on the PaymentIntent when the payment got a receipt', async () => {
    const event = await h.sample('charge.succeeded.card-debit');
    assert.equal((await h.post(event)).json.outcome, 'recorded');
    const payment = (await h.payment('pi_3QpLdebit00001'))!;
    const link = await h.af.receiptLink(h.merchantIds.a, payment.receiptId!);
    const update = stripe.requests.find(
      (r) => r.method === 'POST' && r.path === '/v1/payment_intents/pi_3QpLdebit00001',
    );
    assert.ok(update, 'the PaymentIntent was updated');
    assert.equal(update.apiKey, apiKey);
    assert.equal(update.form.get('metadata[autofactura_invoice_url]'), link);
    assert.equal(update.form.get('metadata[autofactura_status]'), 'awaiting_customer');
  });

  it('still records the payment when Stripe refuses the write-back', async () => {
    await h.af.setMerchantSecret(h.merchantIds.a, 'stripe.api_key', 'pk_test_not_a_secret_key');
    try {
      const event = JSON.parse(
        JSON.stringify(await h.sample('charge.succeeded.card-debit')).replaceAll(
          '3QpLdebit00001',
          '3QpLwbfail00001',
        ),
      );
      assert.equal((await h.post(event)).status, 200);
      assert.equal((await h.payment('pi_3QpLwbfail00001'))!.status, 'awaiting_customer');
    } finally {
      await h.af.setMerchantSecret(h.merchantIds.a, 'stripe.api_key', apiKey);
    }
  });

  it('looks up the exchange rate of a foreign charge whose event carries only the balance transaction id', async () => {
    const event = await h.sample('charge.succeeded.usd');
    const bt = event.data.object.balance_transaction;
    stripe.balanceTransactions.set(bt.id, bt);
    event.data.object.balance_transaction = bt.id;
    assert.equal((await h.post(event)).json.outcome, 'recorded');
    const payment = (await h.payment('pi_3QpLusd0000001'))!;
    assert.equal(payment.currency, 'USD');
    assert.equal(payment.exchangeRate, '17.400512');
    assert.ok(
      stripe.requests.some((r) => r.path === `/v1/balance_transactions/${bt.id}` && r.apiKey === apiKey),
    );
  });

  it('reads the card funding of a Checkout Session that came before its Charge: a debit card is FormaPago 28', async () => {
    const session = JSON.parse(
      JSON.stringify(await h.sample('checkout.session.completed.paid-rfc')).replaceAll(
        '3QpLcheckout001',
        '3QpLcheckdeb01',
      ),
    );
    stripe.paymentIntents.set('pi_3QpLcheckdeb01', {
      id: 'pi_3QpLcheckdeb01',
      object: 'payment_intent',
      status: 'succeeded',
      latest_charge: {
        id: 'ch_3QpLcheckdeb01',
        object: 'charge',
        payment_method_details: { type: 'card', card: { brand: 'visa', funding: 'debit', last4: '4242' } },
      },
    });
    assert.equal((await h.post(session)).json.outcome, 'recorded');
    const payment = (await h.payment('pi_3QpLcheckdeb01'))!;
    assert.equal(payment.method, 'card_debit');
    assert.equal(payment.paymentForm, '28');
    const read = stripe.requests.find(
      (r) => r.method === 'GET' && r.path === '/v1/payment_intents/pi_3QpLcheckdeb01',
    );
    assert.ok(read, 'the PaymentIntent was read');
    assert.ok([...read.query].some(([key, value]) => key.startsWith('expand[') && value === 'latest_charge'));
    await h.settle(async () => (await h.payment('pi_3QpLcheckdeb01'))?.status === 'invoiced');
    const invoiced = (await h.payment('pi_3QpLcheckdeb01'))!;
    assert.equal((await h.cfdi(invoiced.invoiceId!)).FormaPago, '28');
  });

  it("lists a Checkout Session's line items with the key: each line a concepto with its product's SAT keys", async () => {
    const session = JSON.parse(
      JSON.stringify(await h.sample('checkout.session.completed.paid-rfc'))
        .replaceAll('3QpLcheckout001', '3QpLcheckitem1')
        .replaceAll('cs_test_a1PaidRfc0001', 'cs_test_a1Items00001'),
    );
    delete session.data.object.line_items;
    const product = (name: string, key: string) => ({
      object: 'price',
      product: { object: 'product', name, metadata: { sat_product_key: key, sat_unit_key: 'E48' } },
    });
    stripe.lineItems.set('cs_test_a1Items00001', [
      {
        object: 'item',
        description: 'Curso de Python',
        quantity: 1,
        amount_total: 59900,
        price: product('Curso de Python', '86132000'),
      },
      {
        object: 'item',
        description: 'Asesoría 1 h',
        quantity: 2,
        amount_total: 30000,
        price: product('Asesoría', '80101500'),
      },
    ]);
    assert.equal((await h.post(session)).json.outcome, 'recorded');
    const payment = (await h.payment('pi_3QpLcheckitem1'))!;
    assert.deepEqual(
      payment.items?.map((i) => [i.productKey, i.unitKey, i.quantity, i.unitPrice]),
      [
        ['86132000', 'E48', '1', '599.00'],
        ['80101500', 'E48', '2', '150.00'],
      ],
    );
    const read = stripe.requests.find(
      (r) => r.path === '/v1/checkout/sessions/cs_test_a1Items00001/line_items',
    );
    assert.ok(
      read && [...read.query].some(([k, v]) => k.startsWith('expand[') && v === 'data.price.product'),
    );
    await h.settle(async () => (await h.payment('pi_3QpLcheckitem1'))?.status === 'invoiced');
    const cfdi = await h.cfdi((await h.payment('pi_3QpLcheckitem1'))!.invoiceId!);
    assert.deepEqual(
      cfdi.Conceptos.map((c) => c.ClaveProdServ),
      ['86132000', '80101500'],
    );
  });

  it('asks Stripe to retry a Checkout Session when it cannot tell credit from debit (503, nothing stored)', async () => {
    const session = JSON.parse(
      JSON.stringify(await h.sample('checkout.session.completed.paid-rfc')).replaceAll(
        '3QpLcheckout001',
        '3QpLcheckdown1',
      ),
    );
    stripe.failWith = 500;
    try {
      const res = await h.post(session);
      assert.equal(res.status, 503);
      assert.equal(res.json.error.code, 'STRIPE_API_UNAVAILABLE');
    } finally {
      stripe.failWith = undefined;
    }
    assert.equal(await h.payment('pi_3QpLcheckdown1'), null);
  });

  it('refuses a foreign charge whose rate cannot be found (422, nothing stored)', async () => {
    const event = JSON.parse(
      JSON.stringify(await h.sample('charge.succeeded.usd')).replaceAll('3QpLusd0000001', '3QpLusd0000002'),
    );
    event.data.object.balance_transaction = 'txn_unknown_to_stripe';
    const res = await h.post(event);
    assert.equal(res.status, 422);
    assert.equal(res.json.error.code, 'STRIPE_EXCHANGE_RATE_MISSING');
    assert.equal(await h.payment('pi_3QpLusd0000002'), null);
  });
});
