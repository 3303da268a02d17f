import { strict as assert } from 'node:assert';
import { type StripeEvent, type StripeHarness, stripeHarness } from './harness.js';

/** A copy of a sample with its Stripe ids renamed (`from` -> `to` everywhere). */
const renamed = (event: StripeEvent, from: string, to: string): StripeEvent =>
  JSON.parse(JSON.stringify(event).replaceAll(from, to));

describe('Stripe webhooks: duplicates, refunds, out-of-order delivery and Connect (#6)', () => {
  let h: StripeHarness;
  before(async () => {
    h = await stripeHarness();
  });
  after(() => h.close());

  it('the same event 5 times at once: one payment, one invoice', async () => {
    const event = await h.sample('checkout.session.completed.paid-rfc');
    const answers = await Promise.all(Array.from({ length: 5 }, () => h.post(event)));
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200, 200, 200, 200],
    );
    assert.equal(answers.filter((a) => a.json.outcome === 'recorded').length, 1);
    await h.af.workJobs();
    const payment = (await h.payment('pi_3QpLcheckout001'))!;
    assert.equal(payment.status, 'invoiced');
    const invoices = await h.store.invoices.list(h.merchantIds.a, { paymentId: payment.id });
    assert.equal(invoices.items.filter((i) => i.kind === 'invoice').length, 1);
  });

  it('a refund of an invoiced payment: a related egreso (TipoRelacion 01)', async () => {
    const payment = (await h.payment('pi_3QpLcheckout001'))!;
    const invoice = (await h.af.getInvoice(h.merchantIds.a, payment.invoiceId!))!;
    const refund = renamed(await h.sample('refund.updated'), 'pi_3QpLspei000001', 'pi_3QpLcheckout001');
    refund.data.object.amount = 30000;
    const res = await h.post(refund);
    assert.deepEqual(res.json, { received: true, outcome: 'refund_recorded' });
    await h.settle(
      async () => (await h.payment('pi_3QpLcheckout001'))?.refunds[0]?.outcome === 'credit_note',
    );
    const after = (await h.payment('pi_3QpLcheckout001'))!;
    assert.equal(after.refunds[0]?.amount, '300.00');
    assert.equal(after.refunds[0]?.outcome, 'credit_note');
    const note = await h.cfdi(after.refunds[0]!.invoiceId!);
    assert.equal(note.TipoDeComprobante, 'E');
    assert.equal(note.Total, '300.00');
    assert.equal(note.CfdiRelacionados?.[0]?.TipoRelacion, '01');
    assert.deepEqual(note.CfdiRelacionados?.[0]?.uuids, [invoice.uuid]);
  });

  it('charge.refunded (full) of a charge never seen: the charge is recorded (the customer is known: invoiced), then credited', async () => {
    const res = await h.post(await h.sample('charge.refunded.full'));
    assert.deepEqual(res.json, { received: true, outcome: 'refund_recorded' });
    await h.settle(async () => (await h.payment('pi_3QpLcredit0001'))?.status === 'refunded');
    const payment = (await h.payment('pi_3QpLcredit0001'))!;
    assert.equal(payment.amount, '1160.00');
    assert.equal(payment.status, 'refunded');
    assert.deepEqual(
      payment.refunds.map((r) => [r.externalId, r.amount, r.outcome]),
      [['re_3QpLfull000001', '1160.00', 'credit_note']],
    );
    const invoice = await h.cfdi(payment.invoiceId!);
    assert.equal(invoice.FormaPago, '04');
    const note = await h.cfdi(payment.refunds[0]!.invoiceId!);
    assert.equal(note.Total, '1160.00');
  });

  it('partial refunds: charge.refunded, and refund.created pending then refund.updated succeeded, once each', async () => {
    assert.equal((await h.post(await h.sample('charge.succeeded.card-debit'))).status, 200);
    assert.equal((await h.post(await h.sample('charge.refunded.partial'))).status, 200);
    await h.post(await h.sample('charge.refunded.partial'));
    const debit = (await h.payment('pi_3QpLdebit00001'))!;
    assert.deepEqual(
      debit.refunds.map((r) => [r.externalId, r.amount]),
      [['re_3QpLpart000001', '100.00']],
    );
    const receipt = (await h.store.receipts.get(h.merchantIds.a, debit.receiptId!))!;
    assert.equal(receipt.amount, '248.00');

    assert.equal((await h.post(await h.sample('charge.succeeded.spei'))).status, 200);
    const pending = await h.post(await h.sample('refund.created'));
    assert.deepEqual(pending.json, { received: true, outcome: 'ignored', reason: 'refund_not_succeeded' });
    assert.equal((await h.payment('pi_3QpLspei000001'))!.refunds.length, 0);
    await h.post(await h.sample('refund.updated'));
    await h.post(await h.sample('refund.updated'));
    assert.deepEqual(
      (await h.payment('pi_3QpLspei000001'))!.refunds.map((r) => [r.externalId, r.amount]),
      [['re_3QpLcrea000001', '800.00']],
    );
  });

  it('a lost dispute is a refund of what was disputed', async () => {
    const charge = renamed(await h.sample('charge.succeeded.card-debit'), '3QpLdebit00001', '3QpLdisp000001');
    charge.data.object.amount = 34800;
    await h.post(charge);
    const dispute = renamed(await h.sample('charge.dispute.closed.lost'), '3QpLdebit00001', '3QpLdisp000001');
    assert.deepEqual((await h.post(dispute)).json, { received: true, outcome: 'refund_recorded' });
    const payment = (await h.payment('pi_3QpLdisp000001'))!;
    assert.deepEqual(
      payment.refunds.map((r) => [r.externalId, r.amount]),
      [['dp_1QpLlost0000001', '348.00']],
    );
    assert.equal(payment.status, 'refunded');
  });

  it('a refund before its charge: kept, then applied when the charge arrives', async () => {
    const refund = renamed(await h.sample('refund.updated'), '3QpLspei000001', '3QpLlate000001');
    refund.data.object.id = 're_3QpLlate000001';
    refund.data.object.amount = 100000;
    assert.deepEqual((await h.post(refund)).json, { received: true, outcome: 'refund_deferred' });
    assert.equal(await h.payment('pi_3QpLlate000001'), null);
    const charge = renamed(await h.sample('charge.succeeded.spei'), '3QpLspei000001', '3QpLlate000001');
    assert.deepEqual((await h.post(charge)).json, { received: true, outcome: 'recorded' });
    const payment = (await h.payment('pi_3QpLlate000001'))!;
    assert.deepEqual(
      payment.refunds.map((r) => [r.externalId, r.amount]),
      [['re_3QpLlate000001', '1000.00']],
    );
    const receipt = (await h.store.receipts.get(h.merchantIds.a, payment.receiptId!))!;
    assert.equal(receipt.amount, '4800.00');
  });

  it('payment_intent.succeeded and charge.succeeded are one payment, in either order', async () => {
    const intent = await h.post(await h.sample('payment_intent.succeeded.oxxo'));
    assert.equal(intent.json.outcome, 'recorded');
    const charge = await h.post(await h.sample('charge.succeeded.oxxo'));
    assert.equal(charge.json.outcome, 'duplicate');
    const oxxo = (await h.payment('pi_3QpLoxxo000001'))!;
    assert.equal(oxxo.paymentForm, '01');
    assert.equal(await h.payment('ch_3QpLoxxo000001'), null);

    // A card intent says nothing of the card's funding: its charge records the payment, before or after.
    const card = renamed(await h.sample('payment_intent.succeeded.card'), '3QpLcredit0001', '3QpLcard000002');
    assert.deepEqual((await h.post(card)).json, {
      received: true,
      outcome: 'ignored',
      reason: 'awaiting_charge',
    });
    const cardCharge = renamed(
      await h.sample('charge.succeeded.card-credit'),
      '3QpLcredit0001',
      '3QpLcard000002',
    );
    assert.equal((await h.post(cardCharge)).json.outcome, 'recorded');
    assert.equal((await h.post(card)).json.outcome, 'ignored');
    const payments = await h.store.payments.list(h.merchantIds.a, { limit: 1000 });
    assert.equal(payments.items.filter((p) => p.externalId === 'pi_3QpLcard000002').length, 1);
  });

  it('Checkout: the charge first (a receipt), then its session with mx_rfc and SAT metadata: invoiced with no human step', async () => {
    const charge = renamed(
      await h.sample('charge.succeeded.card-credit'),
      '3QpLcredit0001',
      '3QpLckafter001',
    );
    charge.data.object.amount = 89900;
    charge.data.object.amount_captured = 89900;
    charge.data.object.customer = 'cus_RkCheckoutLate';
    charge.data.object.billing_details.email = 'tarde@example.com';
    charge.data.object.receipt_email = 'tarde@example.com';
    await h.post(charge);
    assert.equal((await h.payment('pi_3QpLckafter001'))!.status, 'awaiting_customer');
    const session = renamed(
      await h.sample('checkout.session.completed.paid-rfc'),
      'pi_3QpLcheckout001',
      'pi_3QpLckafter001',
    );
    session.data.object.customer = 'cus_RkCheckoutLate';
    assert.equal((await h.post(session)).json.outcome, 'duplicate');
    await h.settle(async () => (await h.payment('pi_3QpLckafter001'))?.status === 'invoiced');
    const payment = (await h.payment('pi_3QpLckafter001'))!;
    const cfdi = await h.cfdi(payment.invoiceId!);
    assert.equal(cfdi.Receptor.Rfc, 'COSC8001137NA');
    assert.equal(cfdi.FormaPago, '04', "the charge's card funding");
  });

  describe('Connect', () => {
    const account = 'acct_1QpLconnect0001';

    it("routes a connected account's event to the merchant that connected it, checked with that merchant's secret", async () => {
      const event = renamed(await h.sample('charge.succeeded.spei'), '3QpLspei000001', '3QpLconn000001');
      event.account = account;
      // Nobody connected the account yet.
      const unknown = await h.post(event);
      assert.equal(unknown.status, 400);
      assert.equal(unknown.json.error.code, 'STRIPE_ACCOUNT_NOT_CONNECTED');

      await h.af.setMerchantConnection(h.merchantIds.b, 'stripe.account', account);
      // Merchant a's endpoint secret does not speak for merchant b.
      const foreign = await h.post(event);
      assert.equal(foreign.status, 400);
      assert.equal(foreign.json.error.code, 'STRIPE_SIGNATURE_INVALID');
      assert.equal(await h.payment('pi_3QpLconn000001', h.merchantIds.b), null);
      assert.equal(await h.payment('pi_3QpLconn000001', h.merchantIds.a), null);

      // Its own endpoint: recorded for b.
      const own = await h.post(event, { merchantId: h.merchantIds.b, secret: h.secrets.b });
      assert.equal(own.json.outcome, 'recorded');
      assert.ok(await h.payment('pi_3QpLconn000001', h.merchantIds.b));

      // A platform's Connect endpoint (one secret that b also holds) posting to a's URL: b's payment.
      await h.af.setMerchantSecret(h.merchantIds.b, 'stripe.webhook_secret', h.secrets.a);
      const platform = renamed(event, '3QpLconn000001', '3QpLconn000002');
      assert.equal((await h.post(platform)).json.outcome, 'recorded');
      assert.ok(await h.payment('pi_3QpLconn000002', h.merchantIds.b));
      assert.equal(await h.payment('pi_3QpLconn000002', h.merchantIds.a), null);
    });

    it('refuses to connect an account another merchant holds', async () => {
      await assert.rejects(
        h.af.setMerchantConnection(h.merchantIds.a, 'stripe.account', account),
        (error: { code?: string }) => error.code === 'CONNECTION_TAKEN',
      );
    });
  });
});
