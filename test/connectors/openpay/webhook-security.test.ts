import { strict as assert } from 'node:assert';
import type { Posted } from '../conekta/gateway-harness.js';
import { type OpenpayHarness, openpayHarness } from './harness.js';

describe('OpenPay webhooks: what is refused stores nothing (#10)', () => {
  let h: OpenpayHarness;
  before(async () => {
    h = await openpayHarness();
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

  it('refuses a missing Authorization, a wrong password, a wrong user, and another merchant’s credentials', async () => {
    const note = await h.sample('charge.succeeded.card-credit');
    h.known(note);
    await refused(h.send(note, { authorization: null }), 401, 'OPENPAY_AUTH_MISSING');
    await refused(h.send(note, { authorization: 'Bearer abc' }), 401, 'OPENPAY_AUTH_MISSING');
    await refused(h.send(note, { password: 'w3bh00k-Kemper-2025' }), 401, 'OPENPAY_AUTH_INVALID');
    await refused(h.send(note, { user: 'autofactura-otro' }), 401, 'OPENPAY_AUTH_INVALID');
    const { user, password } = h.credentials.b;
    await refused(h.send(note, { user, password }), 401, 'OPENPAY_AUTH_INVALID');
    assert.equal(h.fake.requests.length, 0, 'nothing is fetched before authentication');
    const [last] = await h.af.listDeliveries(h.merchantIds.a, 'openpay', { limit: 1 });
    assert.equal(last?.outcome, 'rejected');
    assert.equal(last?.code, 'OPENPAY_AUTH_INVALID');
  });

  it('refuses the verification handshake without the right credentials (its code is not shown)', async () => {
    const res = await h.send(await h.sample('verification'), { password: 'not-the-password' });
    assert.equal(res.status, 401);
    assert.doesNotMatch(JSON.stringify(res.json), /Qh7WrJd1/);
  });

  it('refuses an unknown merchant and a merchant without OpenPay connected', async () => {
    const note = await h.sample('charge.succeeded.card-credit');
    await refused(h.send(note, { merchantId: 'm_does_not_exist' }), 404, 'OPENPAY_NOT_CONNECTED');
    await h.af.setMerchantSecret(h.merchantIds.b, 'openpay.webhook_password', null);
    await refused(h.send(note, { merchantId: h.merchantIds.b }), 404, 'OPENPAY_NOT_CONNECTED');
    await h.af.setMerchantSecret(h.merchantIds.b, 'openpay.webhook_password', h.credentials.b.password);
  });

  it('refuses a body that is not JSON, a charge without its transaction, and an amount that is not a positive decimal', async () => {
    await refused(h.send('{"type": "charge.succeeded", '), 400, 'OPENPAY_EVENT_MALFORMED');
    await refused(
      h.send({ type: 'charge.succeeded', event_date: '2026-12-04T10:12:34-06:00' }),
      400,
      'OPENPAY_EVENT_MALFORMED',
    );
    await refused(h.send({ type: 'verification' }), 400, 'OPENPAY_EVENT_MALFORMED');
    const negative = await h.sample('charge.succeeded.card-credit');
    negative.transaction.amount = -5;
    await refused(h.send(negative, { merchantId: h.merchantIds.b }), 400, 'OPENPAY_EVENT_MALFORMED');
    const exponent = await h.sample('charge.succeeded.card-credit');
    exponent.transaction.amount = '1e3';
    await refused(h.send(exponent, { merchantId: h.merchantIds.b }), 400, 'OPENPAY_EVENT_MALFORMED');
  });

  it('refuses a charge OpenPay does not know in the connected account (a forged notification), and records nothing', async () => {
    const note = await h.sample('charge.succeeded.card-credit');
    note.transaction.id = 'trforged000000000001';
    await refused(h.send(note), 422, 'OPENPAY_CHARGE_NOT_FOUND');
    assert.deepEqual(h.fake.requests.slice(-1), ['/v1/mzdtln0bmtms6o3kck8f/charges/trforged000000000001']);
    assert.equal(await h.payment('openpay', 'trforged000000000001'), null);
  });
});
