/**
 * A zap-like sequence on the real server with its job worker running (#8): Register Payment without
 * fiscal data -> the New Receipt hook brings the self-invoice link -> Update Customer Fiscal Data -> the
 * customer invoices the receipt in the portal -> Receipt Self-Invoiced and New Invoice hooks; the same
 * customer's next payment is invoiced at once -> New Invoice. Each hook delivery is checked by the
 * trigger's own perform with the signature the server sent.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import zapier from 'zapier-platform-core';
import App from '../../../connectors/zapier/src/index.js';
import { type PortalHarness, portalHarness } from '../../portal/portal-harness.js';
import { type Received, type Receiver, webhookReceiver } from '../../support/webhook-receiver.js';

// biome-ignore lint/suspicious/noExplicitAny: operations are read from the app by key; answers are JSON
type Any = any;
const triggers = App.triggers as Record<string, Any>;
const creates = App.creates as Record<string, Any>;

describe('Zapier app: a zap from a sale without fiscal data to its invoice (#8)', () => {
  let h: PortalHarness;
  const tester = zapier.createAppTester(App);
  let authData: { baseUrl: string; apiKey: string };
  const hooks: Record<string, { receiver: Receiver; subscribeData: Any }> = {};

  const run = (fn: Any, bundle: Record<string, unknown> = {}) =>
    tester(fn, { authData, inputData: {}, ...bundle } as never) as Promise<Any>;

  async function arrival(key: string, match: (r: Received) => boolean): Promise<Any> {
    const { receiver, subscribeData } = hooks[key]!;
    for (let i = 0; i < 200; i++) {
      const delivery = receiver.received.find(match);
      if (delivery) {
        const rawRequest = {
          content: delivery.body,
          headers: Object.fromEntries(
            ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((n) => [
              n,
              String(delivery.headers[n]),
            ]),
          ),
        };
        const items = await run(triggers[key].operation.perform, {
          subscribeData,
          cleanedRequest: delivery.json,
          rawRequest,
        });
        assert.equal(items.length, 1, `${key} gives one item per delivery`);
        return items[0];
      }
      await sleep(50);
    }
    throw new Error(`no ${key} delivery arrived`);
  }

  before(async () => {
    h = await portalHarness();
    authData = { baseUrl: h.url, apiKey: h.keys.a };
    for (const key of ['new_receipt', 'receipt_invoiced', 'new_invoice']) {
      const receiver = await webhookReceiver();
      const subscribeData = await run(triggers[key].operation.performSubscribe, { targetUrl: receiver.url });
      hooks[key] = { receiver, subscribeData };
    }
  });
  after(async () => {
    for (const { receiver, subscribeData } of Object.values(hooks)) {
      await run(triggers.new_invoice.operation.performUnsubscribe, { subscribeData });
      await receiver.stop();
    }
    await h.close();
  });

  it('Register Payment -> New Receipt -> Update Customer Fiscal Data -> Receipt Self-Invoiced / New Invoice', async () => {
    const paid = await run(creates.register_payment.operation.perform, {
      inputData: {
        amount: '1450.00',
        external_id: 'typeform-8812',
        method: 'card_debit',
        email: 'maria@example.com',
        customer_name: 'María',
      },
    });
    assert.equal(paid.status, 'awaiting_customer');

    const receipt = await arrival('new_receipt', (r) => r.json.data.object.payment_id === paid.id);
    assert.equal(receipt.id, paid.receipt.id);
    assert.equal(receipt.url, paid.receipt.url);
    assert.equal(receipt.amount, '1450.00');
    assert.equal(receipt.status, 'open');

    const customer = await run(creates.update_customer_fiscal.operation.perform, {
      inputData: {
        customer_id: receipt.customer_id,
        rfc: 'MASO451221PM4',
        fiscal_name: 'MARIA OLIVIA MARTINEZ SAGAZ',
        tax_regime: '612',
        zip: '80290',
        cfdi_use: 'G03',
      },
    });
    assert.equal(customer.fiscal.rfc, 'MASO451221PM4');

    // The customer follows the link the zap sent them and invoices the purchase in the portal.
    const path = new URL(receipt.url).pathname;
    const browser = h.browser();
    assert.equal((await browser.get(path)).status, 200);
    const done = await browser.post(path, {
      rfc: 'MASO451221PM4',
      name: 'MARIA OLIVIA MARTINEZ SAGAZ',
      taxRegime: '612',
      zip: '80290',
      cfdiUse: 'G03',
      email: 'maria@example.com',
    });
    assert.equal(done.status, 303, done.text.slice(0, 1500));

    const invoiced = await arrival('receipt_invoiced', (r) => r.json.data.object.id === receipt.id);
    assert.equal(invoiced.status, 'invoiced');
    assert.match(invoiced.invoice_id, /^inv_/);
    const invoice = await arrival('new_invoice', (r) => r.json.data.object.id === invoiced.invoice_id);
    assert.equal(invoice.receiver_rfc, 'MASO451221PM4');
    assert.equal(invoice.total, '1450.00');
    assert.deepEqual(invoice.receipt_ids, [receipt.id]);

    // The data is kept: María's next sale is invoiced with no portal, and New Invoice tells the zap.
    const next = await run(creates.register_payment.operation.perform, {
      inputData: {
        amount: '290.00',
        external_id: 'typeform-8813',
        method: 'card_debit',
        email: 'maria@example.com',
      },
    });
    assert.equal(next.status, 'invoiced', JSON.stringify(next));
    const second = await arrival('new_invoice', (r) => r.json.data.object.id === next.invoice.id);
    assert.equal(second.receiver_rfc, 'MASO451221PM4');
    assert.equal(second.uuid, next.invoice.uuid);
  });

  it('Register Payment -> New Receipt -> Update Customer Fiscal Data -> Invoice Receipt, the zap alone', async () => {
    const paid = await run(creates.register_payment.operation.perform, {
      inputData: {
        amount: '870.00',
        external_id: 'typeform-9001',
        method: 'cash',
        email: 'xochilt@example.com',
      },
    });
    assert.equal(paid.status, 'awaiting_customer');
    const receipt = await arrival('new_receipt', (r) => r.json.data.object.payment_id === paid.id);
    await run(creates.update_customer_fiscal.operation.perform, {
      inputData: {
        customer_id: receipt.customer_id,
        rfc: 'CACX7605101P8',
        fiscal_name: 'XOCHILT CASAS CHAVEZ',
        tax_regime: '612',
        zip: '36257',
        cfdi_use: 'G03',
      },
    });
    // No fiscal fields on the action: the customer's stored data is used.
    const invoice = await run(creates.invoice_receipt.operation.perform, {
      inputData: { receipt_id: receipt.id },
    });
    assert.equal(invoice.status, 'stamped');
    assert.equal(invoice.receiver_rfc, 'CACX7605101P8');
    assert.deepEqual(
      Object.keys(invoice).sort(),
      Object.keys(creates.invoice_receipt.operation.sample).sort(),
    );
    const invoiced = await arrival('receipt_invoiced', (r) => r.json.data.object.id === receipt.id);
    assert.equal(invoiced.invoice_id, invoice.id);
    const hooked = await arrival('new_invoice', (r) => r.json.data.object.id === invoice.id);
    assert.equal(hooked.total, '870.00');
  });
});
