import { strict as assert } from 'node:assert';
import { type OpenpayHarness, openpayHarness } from './harness.js';

describe('OpenPay webhooks: redeliveries, refunds, chargebacks and the API being down (#10)', () => {
  let h: OpenpayHarness;
  before(async () => {
    h = await openpayHarness();
  });
  after(() => h.close());

  it('the same spei.received 5 times at once: one payment, one invoice', async () => {
    const note = await h.sample('spei.received');
    h.known(note);
    const answers = await Promise.all(Array.from({ length: 5 }, () => h.send(note)));
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200, 200, 200, 200],
    );
    assert.equal(answers.filter((a) => a.json.outcome === 'accepted').length, 1);
    assert.equal(answers.filter((a) => a.json.outcome === 'duplicate').length, 4);
    const { payment } = await h.stamped('openpay', 'trgkh5qbwjd3eo1mpxvd');
    const invoices = await h.store.invoices.list(h.merchantIds.a, { paymentId: payment.id });
    assert.equal(invoices.items.filter((i) => i.kind === 'invoice').length, 1);
  });

  it('a refund of the invoiced SPEI payment: a related egreso (TipoRelacion 01)', async () => {
    const note = await h.sample('charge.refunded');
    const spei = (await h.sample('spei.received')).transaction;
    note.transaction = {
      ...spei,
      status: 'refunded',
      refund: { ...note.transaction.refund, id: 'trrefundspei00000001', amount: 500.0 },
    };
    h.known(note);
    const payment = (await h.payment('openpay', 'trgkh5qbwjd3eo1mpxvd'))!;
    const invoice = (await h.af.getInvoice(h.merchantIds.a, payment.invoiceId!))!;
    assert.deepEqual((await h.send(note)).json, { received: true, outcome: 'accepted' });
    await h.settle(
      async () => (await h.payment('openpay', 'trgkh5qbwjd3eo1mpxvd'))?.refunds[0]?.outcome === 'credit_note',
    );
    const after = (await h.payment('openpay', 'trgkh5qbwjd3eo1mpxvd'))!;
    assert.deepEqual(
      after.refunds.map((r) => [r.externalId, r.amount]),
      [['trrefundspei00000001', '500.00']],
    );
    const credit = await h.cfdi(after.refunds[0]!.invoiceId!);
    assert.equal(credit.TipoDeComprobante, 'E');
    assert.equal(credit.Total, '500.00');
    assert.equal(credit.CfdiRelacionados?.[0]?.TipoRelacion, '01');
    assert.deepEqual(credit.CfdiRelacionados?.[0]?.uuids, [invoice.uuid]);
  });

  it('charge.refunded of a charge never seen: the charge is recorded, then the partial refund, once', async () => {
    const note = await h.sample('charge.refunded');
    h.known(note);
    assert.equal((await h.send(note)).status, 200);
    assert.equal((await h.send(note)).status, 200);
    const payment = (await h.payment('openpay', 'trzjaozcik8msyqshka4'))!;
    assert.equal(payment.amount, '1160.00');
    assert.equal(payment.paymentForm, '04');
    assert.deepEqual(
      payment.refunds.map((r) => [r.externalId, r.amount]),
      [['trcbsmjkroqmjobxqhpb', '400.00']],
    );
  });

  it('chargeback.accepted: the debit charge refunded in full', async () => {
    const paid = await h.sample('charge.succeeded.card-debit');
    h.known(paid);
    assert.equal((await h.send(paid)).status, 200);
    const note = await h.sample('chargeback.accepted');
    h.known(note);
    assert.deepEqual((await h.send(note)).json, { received: true, outcome: 'accepted' });
    const payment = (await h.payment('openpay', 'tr4y6plhq9jxbxa9c1gb'))!;
    assert.deepEqual(
      payment.refunds.map((r) => [r.externalId, r.amount]),
      [['tr4y6plhq9jxbxa9c1gb:chargeback', '580.50']],
    );
    assert.equal(payment.status, 'refunded');
  });

  it('OpenPay’s API down (503, then refused connections): answered 503 so OpenPay retries, nothing stored; recorded on the retry', async () => {
    const note = await h.sample('charge.succeeded.store');
    h.known(note);
    const before = await h.counts();
    for (const down of ['error', 'closed'] as const) {
      h.fake.down = down;
      const res = await h.send(note);
      assert.equal(res.status, 503, down);
      assert.equal(res.json.error.code, 'OPENPAY_API_UNAVAILABLE');
      assert.match(res.json.error.message, /OpenPay reenviará/);
      assert.deepEqual(await h.counts(), before, down);
    }
    h.fake.down = false;
    const retried = await h.send(note);
    assert.deepEqual(retried.json, { received: true, outcome: 'accepted' });
    assert.equal((await h.payment('openpay', 'trxzpkqx3hy2fkeqlw6u'))!.amount, '348.00');
  });

  it('API keys OpenPay refuses: 502 (retriable) naming the fix, nothing stored', async () => {
    await h.af.setMerchantSecret(
      h.merchantIds.a,
      'openpay.private_key',
      'sk_00000000000000000000000000000000',
    );
    try {
      const note = await h.sample('charge.succeeded.card-credit');
      note.transaction.id = 'trwrongkeys000000001';
      h.known(note);
      const before = await h.counts();
      const res = await h.send(note);
      assert.equal(res.status, 502);
      assert.equal(res.json.error.code, 'OPENPAY_API_KEYS_REJECTED');
      assert.deepEqual(await h.counts(), before);
    } finally {
      await h.af.setMerchantSecret(
        h.merchantIds.a,
        'openpay.private_key',
        'sk_e568c42a6c384b7ab02cd47d2e407cab',
      );
    }
  });
});
