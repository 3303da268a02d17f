/**
 * Triggers against the real server (#8): each of the six event triggers, as a REST hook (performList for
 * samples) and as its polling twin over /v1/events, returns the facts the API produced, newest first, each
 * shaped like its sample; the REST hook lifecycle subscribes Zapier's URL, receives an issued invoice with a
 * valid Standard Webhooks signature, and unsubscribes.
 */
import assert from 'node:assert/strict';
import { Webhook } from 'standardwebhooks';
import App from '../../../connectors/zapier/src/index.js';
import { CARLOS } from '../../portal/api-harness.js';
import { type Receiver, signatureHeaders, webhookReceiver } from '../../support/webhook-receiver.js';
import { type ZapierHarness, zapierHarness } from './harness.js';
import { assertSameShape } from './shape.js';

const EVENT_TRIGGERS = {
  new_invoice: 'invoice.created',
  new_payment: 'payment.created',
  new_receipt: 'receipt.created',
  receipt_invoiced: 'receipt.invoiced',
  invoice_cancelled: 'invoice.cancelled',
  invoice_failed: 'invoice.failed',
} as const;

describe('Zapier app: triggers against the real server (#8)', () => {
  let z: ZapierHarness;
  const ids: Record<string, string> = {};
  let receiver: Receiver;

  before(async () => {
    z = await zapierHarness();
    receiver = await webhookReceiver();
    const pay = (body: Record<string, unknown>, key: string) =>
      z.run(z.create('register_payment').operation.perform, { inputData: { ...body, external_id: key } });
    const invoiced = await pay(
      {
        amount: '1160.00',
        method: 'card_credit',
        email: CARLOS.email,
        rfc: CARLOS.rfc,
        fiscal_name: CARLOS.name,
        tax_regime: CARLOS.tax_regime,
        zip: CARLOS.zip,
        cfdi_use: CARLOS.cfdi_use,
      },
      'trg-1',
    );
    ids.invoice = invoiced.invoice.id;
    const awaiting = await pay(
      { amount: '580.00', method: 'cash', email: 'ana@example.com', customer_name: 'Ana López' },
      'trg-2',
    );
    ids.receipt = awaiting.receipt.id;
    // The customer invoices the receipt through the portal's entry point.
    await z.h.af.completeReceipt(
      new URL(awaiting.receipt.url).pathname.split('/').pop()!,
      {
        rfc: 'COSC8001137NA',
        name: 'CARLOS CORTES SOTO',
        taxRegime: '612',
        zip: '52000',
        cfdiUse: 'G03',
      },
      { wait: true },
    );
    const stillOpen = await pay({ amount: '90.00', method: 'cash', email: 'pepe@example.com' }, 'trg-open');
    ids.openReceipt = stillOpen.receipt.id;
    const cancelled = await z.run(z.create('cancel_invoice').operation.perform, {
      inputData: { invoice_id: ids.invoice, motive: '02' },
    });
    assert.equal(cancelled.status, 'cancelled');
    // A PAC that sees the Fecha as more than 72 hours old rejects the CFDI: invoice.failed.
    z.h.pacClock.offsetMs = 4 * 24 * 3600_000;
    const failing = await pay(
      {
        amount: '232.00',
        method: 'transfer',
        email: CARLOS.email,
        rfc: CARLOS.rfc,
        fiscal_name: CARLOS.name,
        tax_regime: CARLOS.tax_regime,
        zip: CARLOS.zip,
        cfdi_use: CARLOS.cfdi_use,
      },
      'trg-3',
    );
    z.h.pacClock.offsetMs = 0;
    ids.failedPayment = failing.id;
    await z.h.af.workJobs();
  });
  after(async () => {
    await receiver.stop();
    await z.close();
  });

  for (const [key, type] of Object.entries(EVENT_TRIGGERS)) {
    it(`${key}: performList and its polling twin give ${type} objects shaped like the sample`, async () => {
      const hook = z.trigger(key);
      const listed = await z.run(hook.operation.performList, { meta: { limit: 10 } });
      assert.ok(listed.length >= 1, `${key} found no ${type}`);
      for (const item of listed) {
        assert.equal(item.event_type, type);
        assertSameShape(item, hook.operation.sample, `${key} item`);
      }
      const polling = z.trigger(`${key}_polling`);
      const polled = await z.run(polling.operation.perform, { meta: { limit: 10 } });
      assert.deepEqual(
        polled.map((i: { id: string }) => i.id),
        listed.map((i: { id: string }) => i.id),
      );
      assert.equal(
        new Set(polled.map((i: { id: string }) => i.id)).size,
        polled.length,
        'ids unique for dedupe',
      );
      for (const item of polled) assertSameShape(item, polling.operation.sample, `${key}_polling item`);
    });
  }

  it('tells each fact to the right trigger', async () => {
    const first = async (key: string) => (await z.run(z.trigger(key).operation.performList, {}))[0];
    assert.equal((await first('invoice_cancelled')).id, ids.invoice);
    assert.equal((await first('invoice_cancelled')).cancellation.motive, '02');
    // New Receipt gives the receipts still waiting for their customer, not one already invoiced.
    const receipts = await z.run(z.trigger('new_receipt').operation.performList, {});
    assert.deepEqual(
      receipts.map((r: { id: string }) => r.id),
      [ids.openReceipt],
    );
    assert.equal((await first('receipt_invoiced')).id, ids.receipt);
    assert.equal((await first('receipt_invoiced')).status, 'invoiced');
    const failed = await first('invoice_failed');
    assert.deepEqual(failed.payment_ids, [ids.failedPayment]);
    assert.ok(failed.history.some((step: { status: string }) => step.status === 'failed'));
    const payments = await z.run(z.trigger('new_payment').operation.performList, {});
    assert.deepEqual(
      payments.map((p: { external_id: string }) => p.external_id),
      ['trg-3', 'trg-open', 'trg-2', 'trg-1'],
      'newest first',
    );
  });

  it('REST hook: subscribe -> an invoice issued -> a signed delivery -> unsubscribe', async () => {
    const hook = z.trigger('new_invoice');
    const subscribeData = await z.run(hook.operation.performSubscribe, { targetUrl: receiver.url });
    assert.match(subscribeData.id, /^we_/);
    assert.match(subscribeData.secret, /^whsec_/);

    const issued = await z.run(z.create('create_invoice').operation.perform, {
      inputData: {
        rfc: CARLOS.rfc,
        fiscal_name: CARLOS.name,
        tax_regime: CARLOS.tax_regime,
        zip: CARLOS.zip,
        cfdi_use: CARLOS.cfdi_use,
        email: CARLOS.email,
        payment_form: '03',
        items: [
          {
            product_key: '86121700',
            unit_key: 'E48',
            description: 'Colegiatura diciembre',
            quantity: '1',
            unit_price: '3480.00',
            tax_included: 'true',
            iva_rate: '0.16',
          },
        ],
      },
    });
    await z.h.af.workJobs();
    const deliveries = receiver.received.filter((r) => r.json.data.object.id === issued.id);
    assert.equal(deliveries.length, 1, 'delivered once');
    const delivery = deliveries[0]!;
    // A Standard Webhooks library accepts the signature…
    new Webhook(subscribeData.secret).verify(delivery.body, signatureHeaders(delivery));
    // …and so does the trigger, which then gives Zapier the invoice.
    const rawRequest = {
      content: delivery.body,
      headers: {
        'Http-Webhook-Id': delivery.headers['webhook-id'],
        'Http-Webhook-Timestamp': delivery.headers['webhook-timestamp'],
        'Http-Webhook-Signature': delivery.headers['webhook-signature'],
      },
    };
    const [item, ...rest] = await z.run(hook.operation.perform, {
      subscribeData,
      cleanedRequest: delivery.json,
      rawRequest,
    });
    assert.equal(rest.length, 0);
    assert.equal(item.uuid, issued.uuid);
    assert.equal(item.total, '3480.00');
    assertSameShape(item, hook.operation.sample, 'new_invoice hook item');
    // A body changed on the way is refused.
    const forged = { ...rawRequest, content: delivery.body.replace('3480.00', '1.00') };
    await assert.rejects(
      z.run(hook.operation.perform, {
        subscribeData,
        cleanedRequest: JSON.parse(forged.content),
        rawRequest: forged,
      }),
      /no auténtico: la firma no corresponde al secreto/,
    );
    // Another trigger's event type is not this trigger's.
    assert.deepEqual(
      await z.run(z.trigger('invoice_cancelled').operation.perform, { cleanedRequest: delivery.json }),
      [],
    );

    await z.run(hook.operation.performUnsubscribe, { subscribeData });
    assert.equal((await z.h.call('GET', `/v1/webhook_endpoints/${subscribeData.id}`)).status, 404);
    const before = receiver.received.length;
    await z.run(z.create('register_payment').operation.perform, {
      inputData: {
        amount: '116.00',
        external_id: 'trg-after',
        email: CARLOS.email,
        rfc: CARLOS.rfc,
        fiscal_name: CARLOS.name,
        tax_regime: CARLOS.tax_regime,
        zip: CARLOS.zip,
        cfdi_use: CARLOS.cfdi_use,
      },
    });
    await z.h.af.workJobs();
    assert.equal(receiver.received.length, before, 'nothing delivered after unsubscribing');
  });

  it('dynamic dropdowns come from /v1/catalogs; uso del CFDI follows the régimen', async () => {
    const regimes = await z.run(z.trigger('tax_regimes').operation.perform);
    assert.ok(regimes.some((r: { id: string }) => r.id === '612'));
    assertSameShape(regimes[0], z.trigger('tax_regimes').operation.sample, 'tax_regimes');
    const for612 = await z.run(z.trigger('cfdi_uses').operation.perform, {
      inputData: { tax_regime: '612' },
    });
    const for605 = await z.run(z.trigger('cfdi_uses').operation.perform, {
      inputData: { tax_regime: '605' },
    });
    const keys = (list: { id: string }[]) => list.map((u) => u.id);
    assert.ok(keys(for612).includes('G03'));
    assert.ok(!keys(for605).includes('G03'), 'sueldos y salarios cannot use G03');
    assert.ok(keys(for605).includes('D01'));
    const forms = await z.run(z.trigger('payment_forms').operation.perform);
    assert.equal(forms.find((f: { id: string }) => f.id === '04')?.name, '04 · Tarjeta de crédito');
    const products = await z.run(z.trigger('product_keys').operation.perform);
    assert.equal(products.length, 7);
    assert.ok(products.some((p: { id: string }) => p.id === '86121700'));
    for (const [key, list] of [
      ['cfdi_uses', for612],
      ['payment_forms', forms],
      ['product_keys', products],
    ] as const) {
      assertSameShape(list[0], z.trigger(key).operation.sample, key);
    }
    assert.ok(App.triggers.tax_regimes);
  });
});
