import { strict as assert } from 'node:assert';
import { allowedCertUrl } from '../../../connectors/paypal/src/certs.js';
import { type Json, type PaypalTest, paypalTest } from './paypal-support.js';

describe('PayPal webhooks: what is refused stores nothing (#10)', () => {
  let t: PaypalTest;
  let capture: Json;
  before(async () => {
    t = await paypalTest();
    await t.connect();
    capture = await t.sample('PAYMENT.CAPTURE.COMPLETED');
  });
  after(() => t.close());

  async function refused(post: Promise<{ status: number; json: Json }>, status: number, code: string) {
    const before = [await t.h.counts(t.h.merchantIds.a), await t.h.counts(t.h.merchantIds.b)];
    const res = await post;
    assert.equal(res.status, status, JSON.stringify(res.json));
    assert.equal(res.json.error?.code, code);
    assert.ok((res.json.error?.message.length ?? 0) > 30, 'the message says what to fix');
    assert.deepEqual([await t.h.counts(t.h.merchantIds.a), await t.h.counts(t.h.merchantIds.b)], before);
    assert.equal(await t.h.payment('paypal', '2GG279541U471931P'), null);
  }

  it('refuses an event signed for another webhook id, a forged signature and a body changed after signing', async () => {
    await refused(t.post(capture, { webhookId: 'WH0THERWEBHOOK0001' }), 401, 'PAYPAL_SIGNATURE_INVALID');
    await refused(
      t.post(capture, { signature: Buffer.alloc(256, 7).toString('base64') }),
      401,
      'PAYPAL_SIGNATURE_INVALID',
    );
    const { signPaypalTest } = await import('../../../connectors/paypal/src/verify.js');
    const body = JSON.stringify(capture);
    const time = new Date().toISOString();
    const signature = signPaypalTest({
      rawBody: body,
      transmissionId: 'a9f1c2d0-0000-4000-8000-000000000001',
      transmissionTime: time,
      webhookId: '8PT597110X687430LKGECATA',
      privateKeyPem: t.fake.privateKeyPem,
    });
    const tampered = body.replace('"value":"1160.00"', '"value":"1.00"');
    await refused(
      t.post(tampered, {
        time,
        signature,
        headers: { 'paypal-transmission-id': 'a9f1c2d0-0000-4000-8000-000000000001' },
      }),
      401,
      'PAYPAL_SIGNATURE_INVALID',
    );
    const [delivery] = await t.h.deliveries('paypal');
    assert.deepEqual([delivery!.outcome, delivery!.code], ['rejected', 'PAYPAL_SIGNATURE_INVALID']);
  });

  it('refuses a certificate URL outside paypal.com without fetching it', async () => {
    const fetched = t.fake.requests.length;
    await refused(
      t.post(capture, { certUrl: 'https://evil.example.com/cert.pem' }),
      401,
      'PAYPAL_CERT_URL_REFUSED',
    );
    await refused(
      t.post(capture, { certUrl: 'https://api.paypal.com.evil.example/cert.pem' }),
      401,
      'PAYPAL_CERT_URL_REFUSED',
    );
    await refused(
      t.post(capture, { certUrl: 'http://api.paypal.com/cert.pem' }),
      401,
      'PAYPAL_CERT_URL_REFUSED',
    );
    assert.equal(t.fake.requests.length, fetched);
    assert.equal(allowedCertUrl('https://api.paypal.com/v1/notifications/certs/CERT-1', undefined), true);
    assert.equal(
      allowedCertUrl('https://api.sandbox.paypal.com/v1/notifications/certs/CERT-1', undefined),
      true,
    );
    assert.equal(allowedCertUrl('https://paypal.com.evil.example/x', undefined), false);
    assert.equal(allowedCertUrl('https://user:pw@api.paypal.com/x', undefined), false);
    assert.equal(
      allowedCertUrl('http://127.0.0.1:9/x', undefined),
      false,
      'a local host only when it is the configured API',
    );
  });

  it('refuses missing transmission headers, a stale transmission (beyond the 3 days PayPal retries) and one from the future', async () => {
    await refused(
      t.post(capture, { headers: { 'paypal-transmission-sig': null } }),
      401,
      'PAYPAL_SIGNATURE_MISSING',
    );
    await refused(t.post(capture, { headers: { 'paypal-cert-url': null } }), 401, 'PAYPAL_SIGNATURE_MISSING');
    const fourDaysAgo = new Date(Date.now() - 4 * 24 * 3600 * 1000).toISOString();
    await refused(t.post(capture, { time: fourDaysAgo }), 401, 'PAYPAL_SIGNATURE_EXPIRED');
    const inAnHour = new Date(Date.now() + 3600 * 1000).toISOString();
    await refused(t.post(capture, { time: inAnHour }), 401, 'PAYPAL_SIGNATURE_EXPIRED');
    await refused(t.post(capture, { time: 'ayer' }), 401, 'PAYPAL_SIGNATURE_MALFORMED');
  });

  it('refuses an unknown merchant and a merchant without PayPal', async () => {
    await refused(t.post(capture, { merchantId: 'mer_does_not_exist' }), 404, 'PAYPAL_NOT_CONNECTED');
    await refused(t.post(capture, { merchantId: t.h.merchantIds.b }), 404, 'PAYPAL_NOT_CONNECTED');
  });

  it('refuses a malformed body even when correctly signed, and a capture without a decimal amount', async () => {
    await refused(t.post('{"id": "WH-1", '), 400, 'PAYPAL_EVENT_MALFORMED');
    await refused(t.post('{"resource": {}}'), 400, 'PAYPAL_EVENT_MALFORMED');
    const bad = structuredClone(capture);
    bad.resource.amount.value = '1,160.00';
    await refused(t.post(bad), 400, 'PAYPAL_EVENT_MALFORMED');
  });
});
