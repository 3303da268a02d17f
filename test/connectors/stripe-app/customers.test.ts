import assert from 'node:assert/strict';
import { BERENICE, KEMPER, OTRO, type StripeAppHarness, stripeAppHarness } from './harness.js';

describe("Stripe App backend: a Stripe customer's fiscal data, shown and edited (#6)", () => {
  let h: StripeAppHarness;
  before(async () => {
    h = await stripeAppHarness();
    await h.post('/link', KEMPER, { api_key: h.keys.a });
    await h.post('/link', OTRO, { api_key: h.keys.b });
  });
  after(() => h.close());

  it('shows nothing for a customer autofactura does not know, then creates it with valid data', async () => {
    const empty = await h.post('/customers/cus_Berenice', KEMPER);
    assert.deepEqual(empty.json, { found: false, customer: null });

    const saved = await h.post('/customers/cus_Berenice/update', KEMPER, {
      email: 'berenice@example.com',
      fiscal: BERENICE,
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.json));
    assert.deepEqual(saved.json.customer.fiscal, BERENICE);
    assert.equal(saved.json.customer.email, 'berenice@example.com');

    const stored = await h.store.customers.findBySourceId(h.merchantIds.a, 'stripe', 'cus_Berenice');
    assert.equal(stored?.fiscal?.rfc, BERENICE.rfc);
    const shown = await h.post('/customers/cus_Berenice', KEMPER);
    assert.deepEqual(shown.json.customer.fiscal, BERENICE);
  });

  it('refuses invalid fiscal data with the fields to fix, and writes nothing', async () => {
    const before = await h.store.customers.findBySourceId(h.merchantIds.a, 'stripe', 'cus_Berenice');
    const bad = await h.post('/customers/cus_Berenice/update', KEMPER, {
      fiscal: { ...BERENICE, rfc: 'XIQB891116QE', tax_regime: '999' },
    });
    assert.ok(bad.status === 400 || bad.status === 422, String(bad.status));
    assert.ok(bad.json.error.details.length >= 2, JSON.stringify(bad.json));
    const after = await h.store.customers.findBySourceId(h.merchantIds.a, 'stripe', 'cus_Berenice');
    assert.deepEqual(after, before);

    const fresh = await h.post('/customers/cus_Nuevo/update', KEMPER, { fiscal: { ...BERENICE, zip: '1' } });
    assert.ok(fresh.status === 400 || fresh.status === 422, String(fresh.status));
    assert.equal(await h.store.customers.findBySourceId(h.merchantIds.a, 'stripe', 'cus_Nuevo'), null);
  });

  it("another account neither sees nor changes this merchant's customer", async () => {
    const seen = await h.post('/customers/cus_Berenice', OTRO);
    assert.deepEqual(seen.json, { found: false, customer: null });
    const before = await h.store.customers.findBySourceId(h.merchantIds.a, 'stripe', 'cus_Berenice');
    const forged = await h.post(
      '/customers/cus_Berenice/update',
      KEMPER,
      { fiscal: BERENICE },
      { signature: h.sign(OTRO) },
    );
    assert.equal(forged.status, 401);
    assert.deepEqual(
      await h.store.customers.findBySourceId(h.merchantIds.a, 'stripe', 'cus_Berenice'),
      before,
    );
  });
});
