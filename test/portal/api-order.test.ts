/**
 * `order=desc` on GET /v1/payments, /v1/invoices and /v1/receipts (issue #5 follow-up): newest first in
 * cursor pages, a cursor that keeps its order, filters applied the same way, and a clear 400 for an
 * unknown order or a cursor of the other order. Every exchange is checked against the OpenAPI document.
 */
import assert from 'node:assert/strict';
import { at, invoice, payment, receipt, rid } from '../core/store/contract/fixtures.js';
import { type ApiHarness, apiHarness } from './api-harness.js';

describe('API lists newest first (order=desc)', () => {
  let h: ApiHarness;
  const created = { payments: [] as string[], invoices: [] as string[], receipts: [] as string[] };

  before(async () => {
    h = await apiHarness();
    const m = h.merchantIds.a;
    for (let i = 0; i < 7; i++) {
      const status = i % 2 === 0 ? 'invoiced' : 'failed';
      const { payment: p } = await h.store.payments.createIfAbsent(
        payment(m, { source: 'api', paidAt: at(i * 60), status }),
      );
      created.payments.push(p.id);
      const inv = await h.store.invoices.create(
        invoice(m, 900 + i, { paymentIds: [p.id], status: i % 2 === 0 ? 'stamped' : 'failed' }),
      );
      created.invoices.push(inv.id);
      const r = await h.store.receipts.create(
        receipt(m, p.id, { paidAt: at(i * 60), status: i % 2 === 0 ? 'expired' : 'invoiced' }),
      );
      created.receipts.push(r.id);
    }
    // Another merchant's records never show.
    await h.store.payments.createIfAbsent(payment(h.merchantIds.b, { source: 'api' }));
  });
  after(() => h.close());

  /**
   * Every page of `path`, following next_cursor with the same query; `cursorOnly` drops `order` from
   * the later pages (the cursor alone says which order it continues).
   */
  async function walk(path: string, options: { cursorOnly?: boolean } = {}): Promise<string[]> {
    const [base, query] = path.split('?') as [string, string | undefined];
    const seen: string[] = [];
    let url = path;
    for (let pages = 0; pages < 20; pages++) {
      const answer = await h.call('GET', url);
      assert.equal(answer.status, 200, JSON.stringify(answer.json));
      seen.push(...answer.json.data.map((item: { id: string }) => item.id));
      const next = answer.json.next_cursor;
      if (next === null) return seen;
      const params = new URLSearchParams(query);
      params.set('cursor', next);
      if (options.cursorOnly) params.delete('order');
      url = `${base}?${params}`;
    }
    assert.fail(`${path} does not end`);
  }

  for (const list of ['payments', 'invoices', 'receipts'] as const) {
    it(`pages /v1/${list} newest first, the oldest-first listing reversed`, async () => {
      const oldest = await walk(`/v1/${list}?limit=3`);
      assert.deepEqual(oldest, created[list]);
      const newest = await walk(`/v1/${list}?limit=3&order=desc`);
      assert.deepEqual(newest, [...created[list]].reverse());
      const cursorOnly = await walk(`/v1/${list}?limit=3&order=desc`, { cursorOnly: true });
      assert.deepEqual(cursorOnly, newest, 'a cursor from a desc page continues newest first');
    });
  }

  it('applies the filters newest first', async () => {
    const failed = await walk('/v1/payments?limit=1&status=failed&order=desc');
    assert.deepEqual(failed, [created.payments[5], created.payments[3], created.payments[1]]);
    const ranged = await walk(`/v1/payments?order=desc&limit=2&from=${at(60)}&to=${at(4 * 60)}`);
    assert.deepEqual(ranged, created.payments.slice(1, 4).reverse());
    const stamped = await walk('/v1/invoices?status=stamped&order=desc&limit=3');
    assert.deepEqual(
      stamped,
      [6, 4, 2, 0].map((i) => created.invoices[i]),
    );
    const byPayment = await walk(`/v1/invoices?order=desc&payment_id=${created.payments[2]}`);
    assert.deepEqual(byPayment, [created.invoices[2]]);
    const invoiced = await walk('/v1/receipts?status=invoiced&order=desc&limit=2');
    assert.deepEqual(
      invoiced,
      [5, 3, 1].map((i) => created.receipts[i]),
    );
  });

  it('refuses an unknown order and a cursor of the other order, saying what to pass', async () => {
    const sideways = await h.call('GET', '/v1/payments?order=newest');
    assert.equal(sideways.status, 400);
    assert.equal(sideways.json.error.code, 'INVALID_PARAMETER');
    assert.equal(sideways.json.error.param, 'order');
    const desc = await h.call('GET', '/v1/invoices?order=desc&limit=2');
    const mixed = await h.call(
      'GET',
      `/v1/invoices?order=asc&cursor=${encodeURIComponent(desc.json.next_cursor)}`,
    );
    assert.equal(mixed.status, 400);
    assert.equal(mixed.json.error.code, 'INVALID_CURSOR');
    assert.match(mixed.json.error.message, /order=desc/);
    const forged = await h.call('GET', `/v1/receipts?order=desc&cursor=${rid('x')}`);
    assert.equal(forged.status, 400);
    assert.equal(forged.json.error.code, 'INVALID_CURSOR');
  });
});
