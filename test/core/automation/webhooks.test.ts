/**
 * Outbound webhooks in the pipeline (#5): public events derived from the event log, one signed delivery
 * per (event, endpoint) through durable jobs to a real receiver on 127.0.0.1, retries with backoff, give
 * up, crash-safe dispatch. Signatures are checked with the `standardwebhooks` package (an independent
 * implementation of the spec). Runs on lowdb, and on PostgreSQL with AUTOFACTURA_TEST_STORE=postgres.
 */
import assert from 'node:assert/strict';
import { Webhook } from 'standardwebhooks';
import type { Merchant } from '../../../core/src/store/types.js';
import { type Receiver, signatureHeaders, webhookReceiver } from '../../support/webhook-receiver.js';
import { CARLOS, type Harness, harness, nextId } from './harness.js';

describe('automation: outbound webhooks (#5)', () => {
  let h: Harness;
  const receivers: Receiver[] = [];
  const merchants: string[] = [];
  before(async () => {
    h = await harness({ maxAttempts: 3 });
  });
  after(async () => {
    for (const r of receivers) await r.stop();
    await h.close();
  });

  /**
   * Types received, in the order of the merchant's events (GET /v1/events order): deliveries run in
   * parallel and may arrive in any order. Every event appears once.
   */
  async function types(r: Receiver): Promise<string[]> {
    const merchantId = r.received[0]?.json.data.object.merchant_id;
    assert.equal(merchantId, undefined, 'no merchant id in payloads');
    const ids = new Set(r.received.map((x) => x.json.id));
    assert.equal(ids.size, r.received.length, 'each event delivered once');
    const order = new Map<string, number>();
    for (const m of merchants) {
      const { events } = await h.af.webhooks.listEvents(m, { limit: 100 });
      for (const [i, e] of events.entries()) order.set(e.id, i);
    }
    return [...r.received]
      .sort((a, b) => order.get(a.json.id)! - order.get(b.json.id)!)
      .map((x) => x.json.type);
  }

  async function subscribe(events: string[] = ['*'], merchant?: Merchant) {
    const receiver = await webhookReceiver();
    receivers.push(receiver);
    const m = merchant ?? (await h.newMerchant());
    merchants.push(m.id);
    const { endpoint, secret } = await h.af.webhooks.createEndpoint(
      m.id,
      { url: receiver.url, events },
      'test',
    );
    return { receiver, merchant: m, endpoint, secret };
  }

  const invoiced = (merchantId: string, wait = false) =>
    h.af.recordPayment(
      merchantId,
      {
        source: 'stripe',
        externalId: nextId(),
        amount: '1160.00',
        method: 'card_credit',
        customer: { email: 'carlos@example.com', externalId: nextId('cus'), ...CARLOS },
      },
      { wait },
    );

  it('delivers payment.created then invoice.created once each, signed per Standard Webhooks', async () => {
    const { receiver, merchant, secret } = await subscribe();
    const { payment } = await invoiced(merchant.id);
    await h.af.workJobs();
    await h.af.workJobs();
    assert.deepEqual(await types(receiver), ['payment.created', 'invoice.created']);
    const [paid, issued] = receiver.received;
    assert.equal(paid!.json.data.object.id, payment.id);
    assert.equal(paid!.json.data.object.object, 'payment');
    assert.equal(issued!.json.data.object.status, 'stamped');
    assert.deepEqual(issued!.json.data.object.payment_ids, [payment.id]);
    assert.ok(paid!.json.created_at <= issued!.json.created_at);
    assert.match(secret, /^whsec_[A-Za-z0-9+/]+={0,2}$/);
    for (const received of receiver.received) {
      assert.equal(received.headers['webhook-id'], received.json.id);
      assert.match(String(received.headers['webhook-signature']), /^v1,[A-Za-z0-9+/]+={0,2}$/);
      assert.deepEqual(new Webhook(secret).verify(received.body, signatureHeaders(received)), received.json);
      assert.throws(() =>
        new Webhook(`whsec_${Buffer.alloc(24, 7).toString('base64')}`).verify(
          received.body,
          signatureHeaders(received),
        ),
      );
      assert.throws(() =>
        new Webhook(secret).verify(received.body.replace('1160', '1161'), signatureHeaders(received)),
      );
    }
    const attempts = await h.af.webhooks.listAttempts(merchant.id, {});
    assert.deepEqual(
      attempts.map((a) => [a.eventType, a.outcome, a.status]),
      [
        ['invoice.created', 'delivered', 200],
        ['payment.created', 'delivered', 200],
      ],
    );
  });

  it('sends only the subscribed types and nothing logged before the endpoint existed', async () => {
    const merchant = await h.newMerchant();
    await invoiced(merchant.id);
    await h.af.workJobs();
    const { receiver } = await subscribe(['invoice.created'], merchant);
    await invoiced(merchant.id);
    await h.af.workJobs();
    assert.deepEqual(await types(receiver), ['invoice.created']);
  });

  it('retries a receiver that is down and delivers once when it is back', async () => {
    const { receiver, merchant } = await subscribe(['payment.created']);
    await receiver.stop();
    await invoiced(merchant.id);
    await h.af.workJobs();
    const [first] = await h.af.webhooks.listAttempts(merchant.id, {});
    assert.equal(first?.outcome, 'retrying');
    assert.equal(first?.error, 'ECONNREFUSED');
    await receiver.start();
    h.advance(1_000);
    await h.af.workJobs();
    h.advance(1_000);
    await h.af.workJobs();
    assert.deepEqual(await types(receiver), ['payment.created']);
    const outcomes = (await h.af.webhooks.listAttempts(merchant.id, {})).map((a) => [a.attempt, a.outcome]);
    assert.deepEqual(outcomes, [
      [2, 'delivered'],
      [1, 'retrying'],
    ]);
  });

  it('gives up after the last attempt on non-2xx answers and records it as failed', async () => {
    const { receiver, merchant } = await subscribe(['payment.created']);
    receiver.status = 500;
    await invoiced(merchant.id);
    for (let i = 0; i < 4; i++) {
      await h.af.workJobs();
      h.advance(1_000);
    }
    assert.equal(receiver.received.length, 3, 'maxAttempts (3) requests');
    const attempts = await h.af.webhooks.listAttempts(merchant.id, {});
    assert.deepEqual(
      attempts.map((a) => [a.attempt, a.outcome, a.status]),
      [
        [3, 'failed', 500],
        [2, 'retrying', 500],
        [1, 'retrying', 500],
      ],
    );
  });

  it('loses nothing when dispatch dies between the event and the job, and never delivers twice', async () => {
    const { receiver, merchant, endpoint } = await subscribe();
    await invoiced(merchant.id);
    const enqueue = h.store.jobs.enqueue;
    h.store.jobs.enqueue = async (job) => {
      if (job.type === 'deliver_webhook') throw new Error('killed before the job was stored');
      return enqueue.call(h.store.jobs, job);
    };
    try {
      await h.af.workJobs();
    } finally {
      h.store.jobs.enqueue = enqueue;
    }
    assert.equal(receiver.received.length, 0);
    assert.equal((await h.af.webhooks.getEndpoint(merchant.id, endpoint.id))?.cursor, endpoint.cursor);
    await h.af.workJobs();
    await h.af.workJobs();
    assert.deepEqual(await types(receiver), ['payment.created', 'invoice.created']);
    // A crash after the jobs were done but before the cursor moved: dispatch runs again over them.
    const moved = (await h.af.webhooks.getEndpoint(merchant.id, endpoint.id))!.cursor;
    assert.ok(await h.store.webhookEndpoints.advanceCursor(merchant.id, endpoint.id, moved, endpoint.cursor));
    await h.af.workJobs();
    assert.deepEqual(await types(receiver), ['payment.created', 'invoice.created']);
  });

  it('publishes a fact once even when a retried step logs it again', async () => {
    const { receiver, merchant } = await subscribe(['invoice.created']);
    const { invoice, payment } = await invoiced(merchant.id, true);
    await h.af.workJobs();
    const [stamped] = await h.store.events.list(merchant.id, { types: ['invoice.stamped'] });
    await h.store.events.append({
      merchantId: merchant.id,
      paymentId: payment.id,
      invoiceId: invoice!.id,
      type: 'invoice.stamped',
      data: stamped!.data,
    });
    await h.af.workJobs();
    assert.deepEqual(await types(receiver), ['invoice.created']);
    const page = await h.af.webhooks.listEvents(merchant.id, { types: ['invoice.created'] });
    assert.deepEqual(
      page.events.map((e) => e.id),
      [stamped!.id],
    );
  });

  it('tells a receipt awaiting the customer (with its portal URL) and then self-invoiced', async () => {
    const { receiver, merchant } = await subscribe([
      'receipt.created',
      'receipt.invoiced',
      'invoice.created',
    ]);
    const { receipt } = await h.af.recordPayment(merchant.id, {
      source: 'stripe',
      externalId: nextId(),
      amount: '500.00',
      method: 'cash',
      customer: { email: 'carlos.c@example.com' },
    });
    await h.af.workJobs();
    assert.deepEqual(await types(receiver), ['receipt.created']);
    assert.equal(receiver.received[0]!.json.data.object.url, receipt!.url);
    assert.equal(receiver.received[0]!.json.data.object.status, 'open');
    assert.ok(!receiver.received[0]!.body.includes('token'), 'no token or token hash in the payload');
    const token = receipt!.url.slice(receipt!.url.lastIndexOf('/') + 1);
    await h.af.completeReceipt(token, CARLOS, { wait: true });
    await h.af.workJobs();
    assert.deepEqual(await types(receiver), ['receipt.created', 'invoice.created', 'receipt.invoiced']);
    const of = (type: string) => receiver.received.find((r) => r.json.type === type)!.json.data.object;
    assert.equal(of('receipt.invoiced').status, 'invoiced');
    assert.equal(of('receipt.invoiced').invoice_id, of('invoice.created').id);
    assert.equal(of('receipt.invoiced').url, undefined, 'the link is shown only while the receipt is open');
  });

  it('tells invoice.failed and payment.failed when the PAC rejects the CFDI', async () => {
    const { receiver, merchant } = await subscribe(['invoice.failed', 'payment.failed']);
    h.pac.rejectWith('CFDI40999');
    await invoiced(merchant.id);
    await h.af.workJobs();
    assert.deepEqual(await types(receiver), ['invoice.failed', 'payment.failed']);
    const of = (type: string) => receiver.received.find((r) => r.json.type === type)!.json.data.object;
    assert.equal(of('invoice.failed').status, 'failed');
    assert.equal(of('invoice.failed').history.at(-1).code, 'CFDI40999');
    assert.equal(of('payment.failed').failure.code, 'CFDI40999');
  });

  it('stops delivering, queued retries included, once the endpoint is deleted', async () => {
    const { receiver, merchant, endpoint } = await subscribe();
    receiver.status = 503;
    await invoiced(merchant.id);
    await h.af.workJobs();
    const before = receiver.received.length;
    assert.ok(before >= 1);
    assert.equal(await h.af.webhooks.deleteEndpoint(merchant.id, endpoint.id), true);
    receiver.status = 200;
    h.advance(1_000);
    await h.af.workJobs();
    await invoiced(merchant.id);
    await h.af.workJobs();
    assert.equal(receiver.received.length, before);
    assert.equal(await h.af.webhooks.deleteEndpoint(merchant.id, endpoint.id), false);
  });
});
