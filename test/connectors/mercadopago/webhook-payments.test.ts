import { strict as assert } from 'node:assert';
import { type MpTest, mpTest } from './mp-support.js';

describe('MercadoPago webhooks: a signed notification, the payment fetched back, the right document (#10)', () => {
  let t: MpTest;
  before(async () => {
    t = await mpTest();
  });
  after(() => t.close());

  const payment = (id: string) => t.h.payment('mercadopago', id);

  it('an approved credit card payment with fiscal data in metadata: fetched with the SDK, invoiced, CFDI valid', async () => {
    const sample = await t.sample('payment.credit_card.rfc-metadata.approved');
    t.serve(sample);
    const res = await t.post(sample.id);
    assert.equal(res.status, 200, JSON.stringify(res.json));
    assert.deepEqual(res.json, { received: true, outcome: 'accepted' });
    const fetched = t.fake.requests.filter((r) => r.path === '/v1/payments/1319402526');
    assert.equal(fetched.length, 1, 'the payment was fetched once, with the merchant token');
    assert.equal(fetched[0]!.token, 'APP_USR-1188183100-112016-0f3c1a2b3c4d5e6f7a8b9c0d1e2f3a4b-1188183100');
    await t.h.af.workJobs();
    const recorded = (await payment('1319402526'))!;
    assert.equal(recorded.status, 'invoiced', JSON.stringify(recorded.failure));
    assert.equal(recorded.mode, 'live');
    assert.equal(recorded.method, 'card_credit');
    assert.equal(recorded.paymentForm, '04');
    assert.equal(recorded.metadata.external_reference, 'pedido-20261120-0047');
    assert.equal(recorded.metadata.mercadopago_payment_type, 'credit_card');
    assert.equal(recorded.paidAt, '2026-11-20T17:03:01.000Z');
    const customer = (await t.h.store.customers.get(t.h.merchantIds.a, recorded.customerId!))!;
    assert.equal(customer.email, 'carlos.cortes@example.com');
    const cfdi = await t.h.cfdi(recorded.invoiceId!);
    assert.equal(cfdi.Receptor.Rfc, 'COSC8001137NA');
    assert.equal(cfdi.Receptor.Nombre, 'CARLOS CORTES SOTO');
    assert.equal(cfdi.Receptor.RegimenFiscalReceptor, '612');
    assert.equal(cfdi.Receptor.UsoCFDI, 'G03');
    assert.equal(cfdi.FormaPago, '04');
    assert.equal(cfdi.MetodoPago, 'PUE');
    assert.equal(cfdi.Total, '899.00');
    const [delivery] = await t.h.deliveries('mercadopago');
    assert.equal(delivery!.outcome, 'accepted');
    assert.equal(delivery!.eventType, 'payment.updated');
    assert.equal(delivery!.paymentId, recorded.id);
  });

  it('no fiscal data: a receipt with a portal link for the payer, named from additional_info', async () => {
    const sample = await t.sample('payment.credit_card.approved');
    t.serve(sample);
    assert.equal((await t.post(sample.id)).status, 200);
    await t.h.af.workJobs();
    const recorded = (await payment('1319402521'))!;
    assert.equal(recorded.status, 'awaiting_customer');
    assert.equal(recorded.amount, '1160.00');
    assert.equal(recorded.currency, 'MXN');
    assert.deepEqual(
      [recorded.customerInput.email, recorded.customerInput.name, recorded.customerInput.externalId],
      ['ana.lopez@example.com', 'Ana López Ruiz', '1202263345'],
    );
    assert.ok(recorded.receiptId);
    assert.match(
      (await t.h.af.receiptLink(t.h.merchantIds.a, recorded.receiptId!)) ?? '',
      /\/r\/[A-Za-z0-9_-]+$/,
    );
  });

  it('payment_type_id -> forma de pago: debit 28, OXXO ticket 01, SPEI bank_transfer 03, account_money 06', async () => {
    for (const [name, id, method, form, amount] of [
      ['payment.debit_card.approved', '1319402522', 'card_debit', '28', '348.50'],
      ['payment.ticket.oxxo.approved', '1319402523', 'cash', '01', '250.00'],
      ['payment.bank_transfer.spei.approved', '1319402524', 'transfer', '03', '5800.00'],
      ['payment.account_money.approved', '1319402525', 'wallet', '06', '99.99'],
    ] as const) {
      const sample = await t.sample(name);
      t.serve(sample);
      const res = await t.post(sample.id);
      assert.equal(res.status, 200, `${name}: ${JSON.stringify(res.json)}`);
      const recorded = (await payment(id))!;
      assert.deepEqual(
        [recorded.method, recorded.paymentForm, recorded.amount],
        [method, form, amount],
        name,
      );
    }
  });

  it('a pending OXXO payment is ignored (nothing stored); its approval notification records it', async () => {
    const pending = await t.sample('payment.ticket.oxxo.pending');
    t.serve(pending);
    const res = await t.post(pending.id);
    assert.equal(res.status, 200);
    assert.equal(res.json.outcome, 'ignored');
    assert.match(res.json.reason, /pending/);
    assert.equal(await payment('1319402530'), null);
    t.serve({
      ...pending,
      status: 'approved',
      status_detail: 'accredited',
      date_approved: '2026-11-22T08:00:00.000-06:00',
    });
    assert.equal((await t.post(pending.id)).json.outcome, 'accepted');
    assert.equal((await payment('1319402530'))!.paymentForm, '01');
  });

  it('other notification types are acknowledged and ignored without a fetch', async () => {
    const body = await t.sample('notification.merchant_order');
    const before = t.fake.requests.length;
    const res = await t.post('24519573340', {
      body,
      query: 'data.id=24519573340&type=topic_merchant_order_wh',
    });
    assert.equal(res.status, 200);
    assert.equal(res.json.outcome, 'ignored');
    assert.equal(t.fake.requests.length, before);
  });
});
