/**
 * POST /v1/receipts/{id}/invoice (real server, OpenAPI-checked): the merchant invoices a receipt for its
 * customer — with fiscal data given, or with the customer's stored data — as the portal would.
 */
import assert from 'node:assert/strict';
import { type ApiHarness, apiHarness, CARLOS } from './api-harness.js';

describe('REST API: invoicing a receipt for its customer', () => {
  let h: ApiHarness;
  before(async () => {
    h = await apiHarness();
  });
  after(() => h.close());

  const receipt = async (key: string, email: string) => {
    const res = await h.call('POST', '/v1/payments', {
      body: { amount: '580.00', customer: { email } },
      headers: { 'idempotency-key': key },
    });
    assert.equal(res.status, 201);
    return res.json.receipt.id as string;
  };

  it('invoices with the fiscal data given, keeps it, and the next receipt of the customer needs none', async () => {
    const first = await receipt('ri-1', 'carlos@example.com');
    const bad = await h.call('POST', `/v1/receipts/${first}/invoice`, {
      body: { customer: { ...CARLOS, rfc: 'COSC8001137' } },
    });
    assert.equal(bad.status, 422);
    assert.match(bad.json.error.message, /RFC/);
    assert.equal((await h.call('GET', `/v1/receipts/${first}`)).json.status, 'open', 'nothing written');

    const done = await h.call('POST', `/v1/receipts/${first}/invoice`, { body: { customer: CARLOS } });
    assert.equal(done.status, 201);
    assert.equal(done.json.status, 'stamped');
    assert.equal(done.json.receiver_rfc, CARLOS.rfc);
    const xml = await h.call('GET', `/v1/invoices/${done.json.id}/xml`);
    assert.ok(h.verify(xml.bytes).ok);
    assert.equal((await h.call('GET', `/v1/receipts/${first}`)).json.status, 'invoiced');
    const again = await h.call('POST', `/v1/receipts/${first}/invoice`, { body: { customer: CARLOS } });
    assert.equal(again.json.id, done.json.id, 'asking again gives the same invoice');

    // The customer's next purchase was invoiced at once (their data was kept); an old receipt of another
    // customer without data is refused with what to send.
    const next = await h.call('POST', '/v1/payments', {
      body: { amount: '116.00', customer: { email: 'carlos@example.com' } },
      headers: { 'idempotency-key': 'ri-2' },
    });
    assert.equal(next.json.status, 'invoiced');
    const stranger = await receipt('ri-3', 'ana@example.com');
    const missing = await h.call('POST', `/v1/receipts/${stranger}/invoice`, {});
    assert.equal(missing.status, 422);
    assert.equal(missing.json.error.code, 'CUSTOMER_FISCAL_DATA_MISSING');
  });

  it("invoices with the customer's stored data when none is given, and never another merchant's receipt", async () => {
    const id = await receipt('ri-4', 'luis@example.com');
    // The payment made the customer (by email); their fiscal data arrives later (a Zap, the dashboard).
    const customerId = (await h.call('GET', `/v1/receipts/${id}`)).json.customer_id as string;
    const fiscal = {
      rfc: 'CACX7605101P8',
      name: 'XOCHILT CASAS CHAVEZ',
      tax_regime: '612',
      zip: '36257',
      cfdi_use: 'G03',
    };
    const updated = await h.call('PATCH', `/v1/customers/${customerId}`, { body: { fiscal } });
    assert.equal(updated.status, 200, JSON.stringify(updated.json));
    const other = await h.call('POST', `/v1/receipts/${id}/invoice`, { key: h.keys.b });
    assert.equal(other.status, 404);
    const done = await h.call('POST', `/v1/receipts/${id}/invoice`, {});
    assert.equal(done.status, 201, JSON.stringify(done.json));
    assert.equal(done.json.receiver_rfc, 'CACX7605101P8');
  });
});
