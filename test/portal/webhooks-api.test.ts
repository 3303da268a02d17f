/**
 * /v1/webhook_endpoints and /v1/events through the real server (#5): Zapier-style subscribe and
 * unsubscribe, signed deliveries to a receiver on 127.0.0.1, replay and redeliver, polling with a cursor
 * and newest first, tenant isolation. Every call is checked against the OpenAPI document by api-harness.
 */
import assert from 'node:assert/strict';
import { Webhook } from 'standardwebhooks';
import { type Receiver, signatureHeaders, webhookReceiver } from '../support/webhook-receiver.js';
import { type ApiHarness, apiHarness, CARLOS } from './api-harness.js';

describe('REST API: webhooks and events (#5)', () => {
  let h: ApiHarness;
  let receiver: Receiver;
  const receivers: Receiver[] = [];
  /** A receiver of its own for a test, so endpoints left by other tests cannot reach it. */
  const fresh = async () => {
    const r = await webhookReceiver();
    receivers.push(r);
    return r;
  };
  before(async () => {
    h = await apiHarness();
    receiver = await fresh();
  });
  after(async () => {
    for (const r of receivers) await r.stop();
    await h.close();
  });

  let n = 0;
  const pay = (key = h.keys.a, customer: object = CARLOS) =>
    h.call('POST', '/v1/payments', {
      key,
      body: { amount: '1160.00', method: 'card_credit', customer: { ...customer, external_id: `c-${++n}` } },
      headers: { 'idempotency-key': `wh-${Date.now()}-${++n}` },
    });
  const subscribe = (url: string, events: string[], key = h.keys.a) =>
    h.call('POST', '/v1/webhook_endpoints', {
      key,
      body: { url, events, description: 'Zapier: New Invoice' },
    });

  it('subscribes with a secret shown once, lists and reads endpoints without it', async () => {
    const res = await subscribe(receiver.url, ['payment.created', 'invoice.created']);
    assert.equal(res.status, 201, JSON.stringify(res.json));
    assert.match(res.json.id, /^we_/);
    assert.match(res.json.secret, /^whsec_/);
    assert.deepEqual(res.json.events, ['payment.created', 'invoice.created']);
    const one = await h.call('GET', `/v1/webhook_endpoints/${res.json.id}`);
    assert.equal(one.status, 200);
    assert.equal(one.json.secret, undefined);
    assert.equal(one.json.description, 'Zapier: New Invoice');
    const list = await h.call('GET', '/v1/webhook_endpoints');
    assert.ok(list.json.data.some((e: { id: string }) => e.id === res.json.id));
    assert.ok(!JSON.stringify(list.json).includes('whsec_'));
    const stored = JSON.stringify(await h.store.webhookEndpoints.get(h.merchantIds.a, res.json.id));
    assert.ok(!stored.includes(res.json.secret.slice(6)), 'the secret is stored encrypted');
    assert.equal((await h.call('DELETE', `/v1/webhook_endpoints/${res.json.id}`)).status, 200);
  });

  it('refuses bad URLs and event types with what to fix, es-MX and English', async () => {
    const ftp = await subscribe('ftp://example.com/hook', ['*']);
    assert.equal(ftp.status, 422);
    assert.equal(ftp.json.error.code, 'WEBHOOK_URL_INVALID');
    assert.equal(ftp.json.error.param, 'url');
    assert.match(ftp.json.error.message, /no es una URL http\(s\) válida/);
    const en = await h.call('POST', '/v1/webhook_endpoints', {
      body: { url: 'not a url', events: ['*'] },
      headers: { 'accept-language': 'en' },
    });
    assert.match(en.json.error.message, /is not a valid http\(s\) URL/);
    const events = await subscribe(receiver.url, ['invoice.stamped']);
    assert.equal(events.json.error.code, 'WEBHOOK_EVENTS_INVALID');
    assert.match(events.json.error.message, /invoice\.stamped/);
    const live = await subscribe(receiver.url, ['*'], h.keys.aLive);
    assert.equal(live.json.error.code, 'WEBHOOK_URL_NOT_PUBLIC');
    const creds = await subscribe('https://user:pw@example.com/h', ['*']);
    assert.equal(creds.json.error.code, 'WEBHOOK_URL_CREDENTIALS');
  });

  it('delivers signed events whose object is what the API returns, and polls them with a cursor', async () => {
    const sub = await subscribe(receiver.url, ['payment.created', 'invoice.created']);
    const paid = await pay();
    assert.equal(paid.status, 201);
    await h.af.workJobs();
    const mine = receiver.received.filter(
      (r) => r.json.data.object.id === paid.json.id || r.json.data.object.payment_ids?.includes(paid.json.id),
    );
    assert.deepEqual(mine.map((r) => r.json.type).sort(), ['invoice.created', 'payment.created']);
    for (const r of mine) {
      assert.deepEqual(new Webhook(sub.json.secret).verify(r.body, signatureHeaders(r)), r.json);
      assert.throws(() =>
        new Webhook(`whsec_${Buffer.alloc(24, 1).toString('base64')}`).verify(r.body, signatureHeaders(r)),
      );
    }
    const invoiceEvent = mine.find((r) => r.json.type === 'invoice.created')!.json;
    const invoice = await h.call('GET', `/v1/invoices/${paid.json.invoice.id}`);
    assert.deepEqual(invoiceEvent.data.object, invoice.json);

    const all = await h.call('GET', '/v1/events?type=payment.created,invoice.created&limit=100');
    const ids = all.json.data.map((e: { id: string }) => e.id);
    assert.deepEqual(ids.slice(-2), [
      mine.find((r) => r.json.type === 'payment.created')!.json.id,
      invoiceEvent.id,
    ]);
    const first = await h.call('GET', '/v1/events?limit=1');
    assert.equal(first.json.data.length, 1);
    assert.equal(first.json.has_more, true);
    const next = await h.call('GET', `/v1/events?limit=1&after=${first.json.next_cursor}`);
    assert.notEqual(next.json.data[0].id, first.json.data[0].id);
    assert.ok(next.json.data[0].created_at >= first.json.data[0].created_at);
    const newest = await h.call('GET', '/v1/events?order=desc&limit=2&type=invoice.created');
    assert.equal(newest.json.data[0].id, invoiceEvent.id);
    const one = await h.call('GET', `/v1/events/${invoiceEvent.id}`);
    assert.deepEqual(one.json, all.json.data.at(-1));
    assert.equal((await h.call('GET', '/v1/events?type=nope')).json.error.param, 'type');
    assert.equal((await h.call('GET', '/v1/events?after=evt_nope')).json.error.code, 'EVENT_CURSOR_UNKNOWN');
    await h.call('DELETE', `/v1/webhook_endpoints/${sub.json.id}`);
  });

  it('replays an endpoint since a moment and redelivers one event with the same id', async () => {
    const other = await fresh();
    const since = new Date().toISOString();
    const sub = await subscribe(other.url, ['invoice.created']);
    await pay();
    await h.af.workJobs();
    assert.equal(other.received.length, 1);
    const id = other.received[0]!.json.id;
    const replay = await h.call('POST', `/v1/webhook_endpoints/${sub.json.id}/replay`, { body: { since } });
    assert.equal(replay.status, 202, JSON.stringify(replay.json));
    assert.deepEqual(replay.json.event_ids, [id]);
    await h.af.workJobs();
    const redeliver = await h.call('POST', `/v1/events/${id}/redeliver`, {
      body: { endpoint_id: sub.json.id },
    });
    assert.equal(redeliver.status, 202);
    assert.deepEqual(redeliver.json.endpoint_ids, [sub.json.id]);
    await h.af.workJobs();
    assert.deepEqual(
      other.received.map((r) => r.headers['webhook-id']),
      [id, id, id],
    );
    const attempts = await h.call('GET', `/v1/webhook_endpoints/${sub.json.id}/attempts`);
    assert.deepEqual(
      attempts.json.data.map((a: { replay: boolean; outcome: string }) => [a.replay, a.outcome]),
      [
        [true, 'delivered'],
        [true, 'delivered'],
        [false, 'delivered'],
      ],
    );
    const bad = await h.call('POST', `/v1/webhook_endpoints/${sub.json.id}/replay`, {
      body: { since: 'ayer' },
    });
    assert.equal(bad.json.error.code, 'REPLAY_SINCE_INVALID');
  });

  it('unsubscribing (DELETE) stops deliveries', async () => {
    const other = await fresh();
    const sub = await subscribe(other.url, ['*']);
    await pay();
    await h.af.workJobs();
    const before = other.received.length;
    assert.ok(before >= 2, 'subscribed, it receives the payment and its invoice');
    assert.equal((await h.call('DELETE', `/v1/webhook_endpoints/${sub.json.id}`)).status, 200);
    await pay();
    await h.af.workJobs();
    assert.equal(other.received.length, before, 'nothing arrived');
    assert.equal((await h.call('GET', `/v1/webhook_endpoints/${sub.json.id}`)).status, 404);
    assert.equal(
      (await h.call('DELETE', `/v1/webhook_endpoints/${sub.json.id}`)).json.error.code,
      'WEBHOOK_ENDPOINT_NOT_FOUND',
    );
  });

  it("keeps merchants apart: B never sees A's events or endpoints", async () => {
    const other = await fresh();
    const a = await subscribe(receiver.url, ['*']);
    const b = await subscribe(other.url, ['*'], h.keys.b);
    const before = other.received.length;
    await pay();
    await h.af.workJobs();
    assert.equal(other.received.length, before, "B's endpoint got none of A's events");
    const aEvents = (await h.call('GET', '/v1/events?limit=100')).json.data.map((e: { id: string }) => e.id);
    const bEvents = (await h.call('GET', '/v1/events?limit=100', { key: h.keys.b })).json.data;
    assert.ok(aEvents.length > 0);
    assert.deepEqual(bEvents, []);
    const asB = { key: h.keys.b };
    assert.equal((await h.call('GET', `/v1/events/${aEvents[0]}`, asB)).status, 404);
    assert.equal((await h.call('POST', `/v1/events/${aEvents[0]}/redeliver`, asB)).status, 404);
    assert.equal((await h.call('GET', `/v1/events?after=${aEvents[0]}`, asB)).status, 400);
    assert.equal((await h.call('GET', `/v1/webhook_endpoints/${a.json.id}`, asB)).status, 404);
    assert.equal((await h.call('DELETE', `/v1/webhook_endpoints/${a.json.id}`, asB)).status, 404);
    assert.equal((await h.call('GET', `/v1/webhook_endpoints/${a.json.id}/attempts`, asB)).status, 404);
    assert.equal(
      (
        await h.call('POST', `/v1/webhook_endpoints/${a.json.id}/replay`, {
          ...asB,
          body: { since: '2026-01-01T00:00:00Z' },
        })
      ).status,
      404,
    );
    const bList = (await h.call('GET', '/v1/webhook_endpoints', asB)).json.data.map(
      (e: { id: string }) => e.id,
    );
    assert.deepEqual(bList, [b.json.id]);
    assert.equal((await h.call('GET', `/v1/webhook_endpoints/${a.json.id}`)).status, 200);
  });
});
