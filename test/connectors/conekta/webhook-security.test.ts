import { strict as assert } from 'node:assert';
import { conektaTestDigest } from '../../../connectors/conekta/src/verify.js';
import type { Posted } from './gateway-harness.js';
import { type ConektaHarness, conektaHarness } from './harness.js';

describe('Conekta webhooks: what is refused stores nothing (#10)', () => {
  let h: ConektaHarness;
  before(async () => {
    h = await conektaHarness();
  });
  after(() => h.close());

  async function refused(post: Promise<Posted>, status: number, code: string) {
    const before = [await h.counts(h.merchantIds.a), await h.counts(h.merchantIds.b)];
    const res = await post;
    assert.equal(res.status, status, JSON.stringify(res.json));
    assert.equal(res.json.error?.code, code);
    assert.ok((res.json.error?.message.length ?? 0) > 30, 'the message says what to fix');
    assert.deepEqual([await h.counts(h.merchantIds.a), await h.counts(h.merchantIds.b)], before);
  }

  it('refuses a DIGEST made with another key (another merchant’s), and logs the refusal for the dashboard', async () => {
    const event = await h.sample('order.paid.card-credit');
    await refused(h.send(event, { privateKey: h.keys.b.privateKey }), 400, 'CONEKTA_DIGEST_INVALID');
    const [last] = await h.af.listDeliveries(h.merchantIds.a, 'conekta', { limit: 1 });
    assert.equal(last?.outcome, 'rejected');
    assert.equal(last?.code, 'CONEKTA_DIGEST_INVALID');
    assert.equal(await h.payment('conekta', 'ord_2yTtLtTnVqJ8cY9Nb'), null);
  });

  it('refuses a missing DIGEST, a garbage one, and a body changed after signing', async () => {
    const event = await h.sample('order.paid.card-credit');
    await refused(h.send(event, { digest: null }), 400, 'CONEKTA_DIGEST_MISSING');
    await refused(h.send(event, { digest: 'not base64 at all!' }), 400, 'CONEKTA_DIGEST_INVALID');
    const body = JSON.stringify(event);
    const digest = conektaTestDigest(body, h.keys.a.privateKey);
    const tampered = body.replace('"amount":116000', '"amount":100');
    assert.notEqual(tampered, body);
    await refused(h.send(tampered, { digest }), 400, 'CONEKTA_DIGEST_INVALID');
  });

  it('refuses an unknown merchant and a merchant without Conekta connected', async () => {
    const event = await h.sample('order.paid.card-credit');
    await refused(h.send(event, { merchantId: 'm_does_not_exist' }), 404, 'CONEKTA_NOT_CONNECTED');
    await h.af.setMerchantSecret(h.merchantIds.b, 'conekta.webhook_public_key', null);
    await refused(
      h.send(event, { merchantId: h.merchantIds.b, privateKey: h.keys.b.privateKey }),
      404,
      'CONEKTA_NOT_CONNECTED',
    );
    await h.af.setMerchantSecret(h.merchantIds.b, 'conekta.webhook_public_key', h.keys.b.publicKey);
  });

  it('refuses a signed body that is not JSON, or an order without its amount', async () => {
    await refused(h.send('{"type": "order.paid", '), 400, 'CONEKTA_EVENT_MALFORMED');
    const event = await h.sample('order.paid.card-credit');
    delete event.data.object.amount;
    const res = await h.send(event);
    assert.equal(res.status, 400);
    assert.equal(res.json.error.code, 'CONEKTA_EVENT_MALFORMED');
    assert.match(res.json.error.message, /data\.object\.amount/);
    event.data.object.amount = 116000.5;
    await refused(h.send(event), 400, 'CONEKTA_EVENT_MALFORMED');
  });

  it('a merchant’s key does not open another merchant’s URL: each event is verified with the URL merchant’s key', async () => {
    const event = await h.sample('order.paid.oxxo');
    await refused(h.send(event, { merchantId: h.merchantIds.b }), 400, 'CONEKTA_DIGEST_INVALID');
    const ok = await h.send(event, { merchantId: h.merchantIds.b, privateKey: h.keys.b.privateKey });
    assert.equal(ok.status, 200);
    assert.ok(await h.payment('conekta', 'ord_2yTtM1xY2zA3bC4Dd', h.merchantIds.b));
    assert.equal(await h.payment('conekta', 'ord_2yTtM1xY2zA3bC4Dd', h.merchantIds.a), null);
  });
});
