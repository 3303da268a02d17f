/**
 * Webhook deliveries through the real server (#5): invoices issued and cancelled through the API yield
 * each public event once, a receiver that was down gets the event once it is back (the job runner's real
 * backoff), and the attempts say what happened.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { Webhook } from 'standardwebhooks';
import { type Receiver, signatureHeaders, webhookReceiver } from '../support/webhook-receiver.js';
import { type ApiHarness, apiHarness, CARLOS } from './api-harness.js';

const { email: _email, ...FISCAL } = CARLOS;

describe('REST API: webhook deliveries (#5)', () => {
  let h: ApiHarness;
  const receivers: Receiver[] = [];
  before(async () => {
    h = await apiHarness();
  });
  after(async () => {
    for (const r of receivers) await r.stop();
    await h.close();
  });

  async function subscribe(events: string[]) {
    const receiver = await webhookReceiver();
    receivers.push(receiver);
    const res = await h.call('POST', '/v1/webhook_endpoints', { body: { url: receiver.url, events } });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    return { receiver, id: res.json.id as string, secret: res.json.secret as string };
  }

  const directInvoice = () =>
    h.call('POST', '/v1/invoices', {
      body: {
        customer: { ...FISCAL, email: 'carlos@example.com' },
        payment_form: '03',
        items: [
          {
            product_key: '86121700',
            unit_key: 'E48',
            description: 'Colegiatura',
            quantity: '1',
            unit_price: '1160.00',
            tax_included: true,
            taxes: [{ type: 'IVA', rate: '0.16' }],
          },
        ],
      },
    });

  it('tells an invoice issued and cancelled through the API once each', async () => {
    const { receiver, secret } = await subscribe(['invoice.created', 'invoice.cancelled']);
    const issued = await directInvoice();
    assert.equal(issued.status, 201, JSON.stringify(issued.json));
    const paid = await h.call('POST', '/v1/payments', {
      body: { amount: '580.00', method: 'transfer', customer: CARLOS },
      headers: { 'idempotency-key': `wh-cancel-${Date.now()}` },
    });
    for (const id of [issued.json.id, paid.json.invoice.id]) {
      const cancelled = await h.call('POST', `/v1/invoices/${id}/cancel`, { body: { motive: '02' } });
      assert.equal(cancelled.json.status, 'cancelled', JSON.stringify(cancelled.json));
    }
    await h.af.workJobs();
    await h.af.workJobs();
    const seen = receiver.received.map((r) => `${r.json.type} ${r.json.data.object.id}`).sort();
    assert.deepEqual(
      seen,
      [
        `invoice.cancelled ${issued.json.id}`,
        `invoice.cancelled ${paid.json.invoice.id}`,
        `invoice.created ${issued.json.id}`,
        `invoice.created ${paid.json.invoice.id}`,
      ].sort(),
    );
    for (const r of receiver.received) new Webhook(secret).verify(r.body, signatureHeaders(r));
    const polled = await h.call('GET', '/v1/events?type=invoice.created,invoice.cancelled&limit=100');
    assert.deepEqual(
      polled.json.data.map((e: { id: string }) => e.id).sort(),
      receiver.received.map((r) => r.json.id).sort(),
    );
  });

  it('retries a receiver that was down and delivers the event once when it is back', async () => {
    const { receiver, id } = await subscribe(['payment.created']);
    await receiver.stop();
    const paid = await h.call('POST', '/v1/payments', {
      body: { amount: '99.00', method: 'cash', customer: { email: 'ana@example.com' } },
      headers: { 'idempotency-key': `wh-down-${Date.now()}` },
    });
    await h.af.workJobs();
    const down = await h.call('GET', `/v1/webhook_endpoints/${id}/attempts`);
    assert.deepEqual(
      down.json.data.map((a: { outcome: string; error: string }) => [a.outcome, a.error]),
      [['retrying', 'ECONNREFUSED']],
    );
    await receiver.start();
    // The runner's backoff: the first retry is due ~2 s (±20%) later.
    for (let i = 0; i < 20 && receiver.received.length === 0; i++) {
      await sleep(250);
      await h.af.workJobs();
    }
    await h.af.workJobs();
    assert.deepEqual(
      receiver.received.map((r) => [r.json.type, r.json.data.object.id]),
      [['payment.created', paid.json.id]],
    );
    const after = await h.call('GET', `/v1/webhook_endpoints/${id}/attempts`);
    assert.deepEqual(
      after.json.data.map((a: { attempt: number; outcome: string; status: number | null }) => [
        a.attempt,
        a.outcome,
        a.status,
      ]),
      [
        [2, 'delivered', 200],
        [1, 'retrying', null],
      ],
    );
  });
});
