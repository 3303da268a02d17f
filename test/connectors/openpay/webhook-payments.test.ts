import { strict as assert } from 'node:assert';
import { type OpenpayHarness, openpayHarness } from './harness.js';

describe('OpenPay webhooks: each notification becomes the right payment, customer and document (#10)', () => {
  let h: OpenpayHarness;
  before(async () => {
    h = await openpayHarness();
  });
  after(() => h.close());

  it('answers the verification handshake with its code, shown in the delivery log, and stores nothing', async () => {
    const before = await h.counts();
    const res = await h.send(await h.sample('verification'));
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, { received: true, outcome: 'verification', reason: 'Qh7WrJd1' });
    assert.deepEqual(await h.counts(), before);
    const [last] = await h.af.listDeliveries(h.merchantIds.a, 'openpay', { limit: 1 });
    assert.equal(last?.outcome, 'verification');
    assert.equal(last?.message, 'Qh7WrJd1');
  });

  it('charge.succeeded by credit card: re-fetched from OpenPay, a receipt with a portal link, FormaPago 04', async () => {
    const note = await h.sample('charge.succeeded.card-credit');
    h.known(note);
    const res = await h.send(note);
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, { received: true, outcome: 'accepted' });
    assert.deepEqual(h.fake.requests, [`/v1/mzdtln0bmtms6o3kck8f/charges/trzjaozcik8msyqshka4`]);
    const payment = (await h.payment('openpay', 'trzjaozcik8msyqshka4'))!;
    assert.equal(payment.amount, '1160.00');
    assert.equal(payment.currency, 'MXN');
    assert.equal(payment.method, 'card_credit');
    assert.equal(payment.paymentForm, '04');
    assert.equal(payment.status, 'awaiting_customer');
    assert.equal(payment.paidAt, '2026-12-04T16:12:33.000Z', 'operation_date -06:00 as an instant');
    assert.equal(payment.metadata.openpay_verified, 'api');
    assert.equal(payment.metadata.openpay_order, 'pedido-1001');
    const customer = (await h.store.customers.get(h.merchantIds.a, payment.customerId!))!;
    assert.equal(customer.email, 'ana.torres@example.com');
    assert.equal(customer.name, 'Ana Laura Torres Medina');
    assert.ok(await h.af.receiptLink(h.merchantIds.a, payment.receiptId!));
  });

  it('maps a debit card to 28 and cash at a store to 01, amounts read as decimals (580.5 -> 580.50)', async () => {
    for (const [name, id, form, method, amount] of [
      ['charge.succeeded.card-debit', 'tr4y6plhq9jxbxa9c1gb', '28', 'card_debit', '580.50'],
      ['charge.succeeded.store', 'trxzpkqx3hy2fkeqlw6u', '01', 'cash', '348.00'],
    ] as const) {
      const note = await h.sample(name);
      h.known(note);
      assert.equal((await h.send(note)).status, 200, name);
      const payment = (await h.payment('openpay', id))!;
      assert.equal(payment.paymentForm, form, name);
      assert.equal(payment.method, method, name);
      assert.equal(payment.amount, amount, name);
    }
  });

  it('spei.received with fiscal data in the metadata: invoiced at once, FormaPago 03, the CFDI XSD-valid and verified', async () => {
    const note = await h.sample('spei.received');
    h.known(note);
    assert.equal((await h.send(note)).status, 200);
    const { payment, cfdi } = await h.stamped('openpay', 'trgkh5qbwjd3eo1mpxvd');
    assert.equal(payment.method, 'transfer');
    assert.equal(cfdi.FormaPago, '03');
    assert.equal(cfdi.Total, '2320.00');
    assert.equal(cfdi.Receptor.Rfc, 'XIQB891116QE4');
    assert.equal(cfdi.Receptor.Nombre, 'BERENICE XIMO QUEZADA');
    assert.equal(cfdi.Receptor.RegimenFiscalReceptor, '612');
    assert.equal(cfdi.Receptor.UsoCFDI, 'G03');
  });

  it('what OpenPay’s API says is what is recorded: a notification claiming 1.00 for a 1,160.00 charge records 1,160.00', async () => {
    const note = await h.sample('charge.succeeded.card-credit');
    note.transaction.id = 'trtampered0000000001';
    h.known(note);
    note.transaction.amount = 1.0;
    note.transaction.card.type = 'debit';
    assert.equal((await h.send(note)).status, 200);
    const payment = (await h.payment('openpay', 'trtampered0000000001'))!;
    assert.equal(payment.amount, '1160.00');
    assert.equal(payment.paymentForm, '04');
  });

  it('a store reference not paid yet (charge.created) is acknowledged as ignored and records nothing', async () => {
    const before = await h.counts();
    const res = await h.send(await h.sample('charge.created.store'));
    assert.equal(res.status, 200);
    assert.equal(res.json.outcome, 'ignored');
    assert.deepEqual(await h.counts(), before);
  });

  it('a charge the API shows as not completed is ignored, not recorded', async () => {
    const note = await h.sample('charge.succeeded.store');
    note.transaction.id = 'trnotcompleted000001';
    h.known(note);
    h.fake.charges.get('trnotcompleted000001')!.status = 'in_progress';
    const res = await h.send(note);
    assert.equal(res.json.outcome, 'ignored');
    assert.equal(await h.payment('openpay', 'trnotcompleted000001'), null);
  });

  it('without API keys (merchant b) the notification itself is recorded, with no call to OpenPay', async () => {
    const calls = h.fake.requests.length;
    const note = await h.sample('charge.succeeded.card-debit');
    const res = await h.send(note, { merchantId: h.merchantIds.b });
    assert.deepEqual(res.json, { received: true, outcome: 'accepted' });
    assert.equal(h.fake.requests.length, calls);
    const payment = (await h.payment('openpay', 'tr4y6plhq9jxbxa9c1gb', h.merchantIds.b))!;
    assert.equal(payment.amount, '580.50');
    assert.equal(payment.paymentForm, '28');
    assert.equal(payment.metadata.openpay_verified, undefined);
  });
});
