import { strict as assert } from 'node:assert';
import { type StripeHarness, stripeHarness } from './harness.js';

describe('Stripe webhooks: what is refused stores nothing (#6)', () => {
  let h: StripeHarness;
  before(async () => {
    h = await stripeHarness();
  });
  after(() => h.close());

  async function refused(
    post: Promise<{ status: number; json: { error?: { code: string; message: string } } }>,
    code: string,
  ) {
    const before = [await h.counts(h.merchantIds.a), await h.counts(h.merchantIds.b)];
    const res = await post;
    assert.equal(res.status, 400);
    assert.equal(res.json.error?.code, code);
    assert.ok((res.json.error?.message.length ?? 0) > 20, 'the message says what to fix');
    assert.deepEqual([await h.counts(h.merchantIds.a), await h.counts(h.merchantIds.b)], before);
  }

  it('refuses a signature made with another secret', async () => {
    const event = await h.sample('charge.succeeded.card-credit');
    await refused(h.post(event, { secret: 'whsec_not_this_endpoint_0000000' }), 'STRIPE_SIGNATURE_INVALID');
  });

  it('refuses a missing signature, and a body changed after signing', async () => {
    const event = await h.sample('charge.succeeded.card-credit');
    await refused(h.post(event, { signature: null }), 'STRIPE_SIGNATURE_MISSING');
    const payload = JSON.stringify(event);
    const { default: Stripe } = await import('stripe');
    const signature = new Stripe('sk_test_x').webhooks.generateTestHeaderString({
      payload,
      secret: h.secrets.a,
    });
    const tampered = payload.replace('"amount":116000', '"amount":1');
    await refused(h.post(tampered, { signature }), 'STRIPE_SIGNATURE_INVALID');
  });

  it('refuses a stale timestamp (older than the tolerance)', async () => {
    const event = await h.sample('charge.succeeded.card-credit');
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    await refused(h.post(event, { timestamp: tenMinutesAgo }), 'STRIPE_SIGNATURE_EXPIRED');
  });

  it("refuses an event for another merchant's endpoint and an unknown merchant", async () => {
    const event = await h.sample('charge.succeeded.card-credit');
    // Signed with merchant a's secret, posted to merchant b's URL.
    await refused(h.post(event, { merchantId: h.merchantIds.b }), 'STRIPE_SIGNATURE_INVALID');
    await refused(h.post(event, { merchantId: 'mer_does_not_exist' }), 'STRIPE_NOT_CONNECTED');
  });

  it('refuses malformed JSON, even correctly signed, in English when asked', async () => {
    await refused(h.post('{"id": "evt_1", "object": '), 'STRIPE_EVENT_MALFORMED');
    const { default: Stripe } = await import('stripe');
    const payload = '{not json';
    const signature = new Stripe('sk_test_x').webhooks.generateTestHeaderString({
      payload,
      secret: h.secrets.a,
    });
    const res = await fetch(`${h.url}/webhooks/stripe/${h.merchantIds.a}`, {
      method: 'POST',
      headers: { 'stripe-signature': signature, 'accept-language': 'en', 'content-type': 'application/json' },
      body: payload,
    });
    assert.equal(res.status, 400);
    const json = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(json.error.code, 'STRIPE_EVENT_MALFORMED');
    assert.equal(json.error.message, 'The event body is not valid JSON.');
  });
});
