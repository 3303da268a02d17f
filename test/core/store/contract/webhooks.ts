/**
 * Contract: outbound webhooks (endpoints with a compare-and-set dispatch cursor, soft delete; the log of
 * delivery attempts) and what the events API needs from the event log (lookup by id, newest first).
 */
import { strict as assert } from 'node:assert';
import type { WebhookAttempt, WebhookEndpoint } from '../../../../core/src/store/types.js';
import { at, newMerchant, rejectsWithCode, rid, type StoreRef } from './fixtures.js';

function endpoint(merchantId: string, overrides: Partial<WebhookEndpoint> = {}): WebhookEndpoint {
  return {
    id: rid('we'),
    merchantId,
    url: 'https://hooks.example.com/autofactura',
    events: ['invoice.created'],
    secret: 'v1:a:b:c',
    cursor: 0,
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  };
}

function attempt(
  e: WebhookEndpoint,
  eventId: string,
  overrides: Partial<WebhookAttempt> = {},
): WebhookAttempt {
  return {
    id: rid('wha'),
    merchantId: e.merchantId,
    endpointId: e.id,
    eventId,
    eventType: 'invoice.created',
    attempt: 1,
    replay: false,
    at: at(1),
    outcome: 'retrying',
    status: 503,
    durationMs: 12,
    ...overrides,
  };
}

export function webhookContract(store: StoreRef): void {
  describe('webhook endpoints and attempts', () => {
    it('creates, finds, lists and soft-deletes endpoints of one merchant only', async () => {
      const s = store();
      const a = await newMerchant(s);
      const b = await newMerchant(s);
      const first = await s.webhookEndpoints.create(endpoint(a, { description: 'Zapier' }));
      const second = await s.webhookEndpoints.create(endpoint(a, { events: ['*'] }));
      await rejectsWithCode(s.webhookEndpoints.create(endpoint(a, { id: first.id })), 'STORE_DUPLICATE');
      assert.deepEqual(await s.webhookEndpoints.get(a, first.id), first);
      assert.equal(await s.webhookEndpoints.get(b, first.id), null);
      assert.deepEqual(await s.webhookEndpoints.list(a), [first, second]);
      assert.deepEqual(await s.webhookEndpoints.list(b), []);
      assert.equal(await s.webhookEndpoints.delete(b, first.id, at(5)), false);
      assert.equal(await s.webhookEndpoints.delete(a, first.id, at(5)), true);
      assert.equal(await s.webhookEndpoints.delete(a, first.id, at(6)), false);
      assert.equal(await s.webhookEndpoints.get(a, first.id), null);
      assert.deepEqual(await s.webhookEndpoints.list(a), [second]);
      const active = (await s.webhookEndpoints.listActive()).map((e) => e.id);
      assert.ok(active.includes(second.id) && !active.includes(first.id));
    });

    it('moves the dispatch cursor by compare-and-set, never on a deleted endpoint', async () => {
      const s = store();
      const a = await newMerchant(s);
      const e = await s.webhookEndpoints.create(endpoint(a, { cursor: 7 }));
      assert.equal(await s.webhookEndpoints.advanceCursor(a, e.id, 6, 9), false);
      const both = await Promise.all([
        s.webhookEndpoints.advanceCursor(a, e.id, 7, 9),
        s.webhookEndpoints.advanceCursor(a, e.id, 7, 10),
      ]);
      assert.equal(both.filter(Boolean).length, 1, 'exactly one concurrent advance wins');
      const moved = (await s.webhookEndpoints.get(a, e.id))!;
      assert.equal(moved.cursor, both[0] ? 9 : 10);
      assert.equal(await s.webhookEndpoints.advanceCursor(rid('m'), e.id, moved.cursor, 20), false);
      await s.webhookEndpoints.delete(a, e.id, at(3));
      assert.equal(await s.webhookEndpoints.advanceCursor(a, e.id, moved.cursor, 20), false);
    });

    it('logs attempts newest first, filtered by endpoint and event, and tells what was delivered', async () => {
      const s = store();
      const a = await newMerchant(s);
      const b = await newMerchant(s);
      const e1 = await s.webhookEndpoints.create(endpoint(a));
      const e2 = await s.webhookEndpoints.create(endpoint(a));
      const first = await s.webhookAttempts.append(attempt(e1, 'evt_1'));
      const replayed = await s.webhookAttempts.append(
        attempt(e1, 'evt_2', { replay: true, outcome: 'delivered', status: 200 }),
      );
      const second = await s.webhookAttempts.append(
        attempt(e1, 'evt_1', { attempt: 2, outcome: 'delivered', status: 204 }),
      );
      const other = await s.webhookAttempts.append(
        attempt(e2, 'evt_1', { outcome: 'failed', error: 'ECONNREFUSED' }),
      );
      assert.deepEqual(await s.webhookAttempts.list(a), [other, second, replayed, first]);
      assert.deepEqual(await s.webhookAttempts.list(a, { endpointId: e1.id, eventId: 'evt_1' }), [
        second,
        first,
      ]);
      assert.deepEqual(await s.webhookAttempts.list(a, { endpointId: e1.id, limit: 1 }), [second]);
      assert.deepEqual(await s.webhookAttempts.list(b), []);
      assert.equal(await s.webhookAttempts.wasDelivered(a, e1.id, 'evt_1'), true);
      assert.equal(await s.webhookAttempts.wasDelivered(a, e2.id, 'evt_1'), false);
      assert.equal(await s.webhookAttempts.wasDelivered(a, e1.id, 'evt_2'), false, 'a replay does not count');
      assert.equal(await s.webhookAttempts.wasDelivered(b, e1.id, 'evt_1'), false);
    });

    it('finds an event by id within its merchant and lists newest first before a seq', async () => {
      const s = store();
      const a = await newMerchant(s);
      const b = await newMerchant(s);
      const appended = [];
      for (let i = 0; i < 6; i++) {
        appended.push(
          await s.events.append({
            merchantId: a,
            type: i % 2 ? 'invoice.stamped' : 'payment.received',
            data: { i },
          }),
        );
      }
      assert.deepEqual(await s.events.get(a, appended[2]!.id), appended[2]);
      assert.equal(await s.events.get(b, appended[2]!.id), null);
      assert.equal(await s.events.get(a, 'evt_nope'), null);
      const desc = await s.events.list(a, { order: 'desc' });
      assert.deepEqual(desc, [...appended].reverse());
      assert.deepEqual(
        (await s.events.list(a, { order: 'desc', before: appended[4]!.seq, limit: 2 })).map((e) => e.data.i),
        [3, 2],
      );
      assert.deepEqual(
        (await s.events.list(a, { order: 'desc', types: ['invoice.stamped'], limit: 2 })).map(
          (e) => e.data.i,
        ),
        [5, 3],
      );
      assert.deepEqual(
        (await s.events.list(a, { after: appended[1]!.seq, before: appended[4]!.seq })).map((e) => e.data.i),
        [2, 3],
      );
    });
  });
}
