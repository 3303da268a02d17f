/**
 * The API lookups the Zapier searches need (#8), checked against the OpenAPI document by the harness:
 * GET /v1/invoices?uuid= and ?series=&folio=, GET /v1/payments?external_id=&source= — a list of at most
 * one, never another merchant's record.
 */
import assert from 'node:assert/strict';
import { type ApiHarness, apiHarness, CARLOS } from '../../portal/api-harness.js';

describe('REST API: look up an invoice by UUID or serie-folio, a payment by its reference (#8)', () => {
  let h: ApiHarness;
  let paid: { id: string; invoice: { id: string; uuid: string } };
  before(async () => {
    h = await apiHarness();
    const res = await h.call('POST', '/v1/payments', {
      body: { amount: '1160.00', method: 'card_credit', customer: CARLOS, external_id: 'pedido-1001' },
      headers: { 'idempotency-key': 'lookup-1' },
    });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    paid = res.json;
  });
  after(() => h.close());

  it('finds an invoice by its UUID, in any case', async () => {
    for (const uuid of [paid.invoice.uuid, paid.invoice.uuid.toLowerCase()]) {
      const res = await h.call('GET', `/v1/invoices?uuid=${uuid}`);
      assert.equal(res.status, 200);
      assert.deepEqual(
        res.json.data.map((i: { id: string }) => i.id),
        [paid.invoice.id],
      );
      assert.equal(res.json.next_cursor, null);
    }
    const none = await h.call('GET', '/v1/invoices?uuid=5645EB99-F4D1-4486-B944-F741C3CA60B1');
    assert.deepEqual(none.json.data, []);
  });

  it('finds an invoice by serie and folio, and says both are needed', async () => {
    const invoice = (await h.call('GET', `/v1/invoices/${paid.invoice.id}`)).json;
    const res = await h.call('GET', `/v1/invoices?series=${invoice.series}&folio=${invoice.folio}`);
    assert.deepEqual(
      res.json.data.map((i: { id: string }) => i.id),
      [paid.invoice.id],
    );
    assert.deepEqual((await h.call('GET', `/v1/invoices?series=${invoice.series}&folio=999`)).json.data, []);
    const half = await h.call('GET', `/v1/invoices?series=${invoice.series}`);
    assert.equal(half.status, 400);
    assert.equal(half.json.error.param, 'folio');
    assert.match(half.json.error.message, /envía los dos/);
    const en = await h.call('GET', '/v1/invoices?folio=1', { headers: { 'accept-language': 'en' } });
    assert.equal(en.json.error.param, 'series');
    assert.match(en.json.error.message, /send both/);
    const notNumber = await h.call('GET', `/v1/invoices?series=${invoice.series}&folio=1x`);
    assert.equal(notNumber.status, 400);
    assert.match(notNumber.json.error.message, /folio debe ser un número entero positivo/);
  });

  it('finds a payment by its external id; api means a test key’s own payments', async () => {
    const res = await h.call('GET', '/v1/payments?external_id=pedido-1001');
    assert.deepEqual(
      res.json.data.map((p: { id: string }) => p.id),
      [paid.id],
    );
    const explicit = await h.call('GET', '/v1/payments?external_id=pedido-1001&source=api');
    assert.deepEqual(
      explicit.json.data.map((p: { id: string }) => p.id),
      [paid.id],
    );
    assert.deepEqual(
      (await h.call('GET', '/v1/payments?external_id=pedido-1001&source=stripe')).json.data,
      [],
    );
    // The live key never sees a test payment under the same reference.
    assert.deepEqual(
      (await h.call('GET', '/v1/payments?external_id=pedido-1001', { key: h.keys.aLive })).json.data,
      [],
    );
  });

  it('never finds another merchant’s records', async () => {
    const b = h.keys.b;
    assert.deepEqual(
      (await h.call('GET', `/v1/invoices?uuid=${paid.invoice.uuid}`, { key: b })).json.data,
      [],
    );
    assert.deepEqual((await h.call('GET', '/v1/payments?external_id=pedido-1001', { key: b })).json.data, []);
    const invoice = (await h.call('GET', `/v1/invoices/${paid.invoice.id}`)).json;
    const res = await h.call('GET', `/v1/invoices?series=${invoice.series}&folio=${invoice.folio}`, {
      key: b,
    });
    assert.deepEqual(res.json.data, []);
  });
});
