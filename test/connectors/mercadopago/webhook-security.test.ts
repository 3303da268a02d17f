import { strict as assert } from 'node:assert';
import { type Json, type MpTest, mpTest, SECRET_A } from './mp-support.js';

describe('MercadoPago webhooks: what is refused stores nothing (#10)', () => {
  let t: MpTest;
  let sample: Json;
  before(async () => {
    t = await mpTest();
    sample = await t.sample('payment.credit_card.approved');
    t.serve(sample);
  });
  after(() => t.close());

  async function refused(
    post: Promise<{ status: number; json: Json }>,
    status: number,
    code: string,
    merchantId = t.h.merchantIds.a,
  ) {
    const before = [await t.h.counts(t.h.merchantIds.a), await t.h.counts(t.h.merchantIds.b)];
    const fetches = t.fake.requests.length;
    const res = await post;
    assert.equal(res.status, status, JSON.stringify(res.json));
    assert.equal(res.json.error?.code, code);
    assert.ok((res.json.error?.message.length ?? 0) > 30, 'the message says what to fix');
    assert.deepEqual([await t.h.counts(t.h.merchantIds.a), await t.h.counts(t.h.merchantIds.b)], before);
    assert.equal(await t.h.payment('mercadopago', String(sample.id)), null);
    if (status !== 503) assert.equal(t.fake.requests.length, fetches, 'nothing was fetched');
    if (merchantId === t.h.merchantIds.a) {
      const [delivery] = await t.h.deliveries('mercadopago');
      assert.deepEqual([delivery!.outcome, delivery!.code], ['rejected', code]);
    }
  }

  it('refuses a signature made with another secret, and a missing or malformed one', async () => {
    await refused(
      t.post(sample.id, { secret: 'otraClaveSecreta0123456789' }),
      401,
      'MERCADOPAGO_SIGNATURE_INVALID',
    );
    await refused(t.post(sample.id, { signature: null }), 401, 'MERCADOPAGO_SIGNATURE_MISSING');
    await refused(t.post(sample.id, { signature: 'ts=1764000000' }), 401, 'MERCADOPAGO_SIGNATURE_MALFORMED');
  });

  it('refuses a signature over another data.id (the URL names the payment that is fetched)', async () => {
    const { signMercadoPagoTest } = await import('../../../connectors/mercadopago/src/verify.js');
    const signature = signMercadoPagoTest({
      dataId: '999',
      requestId: 'req-1',
      secret: SECRET_A,
      ts: Math.floor(Date.now() / 1000),
    });
    await refused(t.post(sample.id, { signature, requestId: 'req-1' }), 401, 'MERCADOPAGO_SIGNATURE_INVALID');
    // A URL without data.id signs no id at all: refused before anything is fetched.
    const bare = signMercadoPagoTest({
      requestId: 'req-2',
      secret: SECRET_A,
      ts: Math.floor(Date.now() / 1000),
    });
    await refused(
      t.post(sample.id, { signature: bare, requestId: 'req-2', query: 'type=payment' }),
      400,
      'MERCADOPAGO_DATA_ID_MISSING',
    );
  });

  it("refuses a stale signature (older than MercadoPago's 4 days of retries) and one from the future", async () => {
    const now = Math.floor(Date.now() / 1000);
    await refused(t.post(sample.id, { ts: now - 6 * 24 * 3600 }), 401, 'MERCADOPAGO_SIGNATURE_EXPIRED');
    await refused(t.post(sample.id, { ts: now + 600 }), 401, 'MERCADOPAGO_SIGNATURE_EXPIRED');
  });

  it("refuses a notification for an unknown merchant and for one without Mercado Pago (another merchant's secret does not open it)", async () => {
    await refused(
      t.post(sample.id, { merchantId: 'mer_does_not_exist' }),
      404,
      'MERCADOPAGO_NOT_CONNECTED',
      'none',
    );
    await refused(
      t.post(sample.id, { merchantId: t.h.merchantIds.b }),
      404,
      'MERCADOPAGO_NOT_CONNECTED',
      t.h.merchantIds.b,
    );
  });

  it('refuses a malformed body, and a body naming another payment than its signed URL', async () => {
    await refused(
      t.post(sample.id, { body: '{"type": "payment", ' }),
      400,
      'MERCADOPAGO_NOTIFICATION_MALFORMED',
    );
    await refused(t.post(sample.id, { body: '[1,2]' }), 400, 'MERCADOPAGO_NOTIFICATION_MALFORMED');
    await refused(
      t.post(sample.id, { body: { type: 'payment', action: 'payment.updated', data: { id: '1319402526' } } }),
      400,
      'MERCADOPAGO_NOTIFICATION_MALFORMED',
    );
  });

  it('answers in English when asked', async () => {
    const res = await fetch(`${t.h.url}/webhooks/mercadopago/${t.h.merchantIds.a}?data.id=1&type=payment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      body: '{}',
    });
    assert.equal(res.status, 401);
    const json = (await res.json()) as Json;
    assert.match(json.error.message, /^The x-signature header is missing/);
  });
});
