import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { verifyAppSignature } from '../../../portal/src/stripe-app/signature.js';
import { APP_SECRET, type Caller, type StripeAppHarness, stripeAppHarness } from './harness.js';

const OWNER: Caller = { user_id: 'usr_Owner1', account_id: 'acct_1KemperEscuela' };
const OTHER: Caller = { user_id: 'usr_Other1', account_id: 'acct_1OtroComercio' };

describe('Stripe App backend: every request is signed by Stripe for its user and account (#6)', () => {
  let h: StripeAppHarness;
  before(async () => {
    h = await stripeAppHarness();
  });
  after(() => h.close());

  const linked = async (caller: Caller) =>
    (await h.store.merchants.get(h.merchantIds.a))!.connections?.['stripe_app.account'] === caller.account_id;

  it('answers a valid signature: an unlinked account sees no merchant', async () => {
    const res = await h.post('/status', OWNER);
    assert.equal(res.status, 200, JSON.stringify(res.json));
    assert.deepEqual(res.json, {
      linked: false,
      linked_by: null,
      account_id: OWNER.account_id,
      merchant: null,
      autofactura_url: h.url,
    });
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
  });

  it('refuses a missing, forged, stale or other-account signature, and links nothing', async () => {
    const body = { api_key: h.keys.a };
    const missing = await h.post('/link', OWNER, body, { signature: null });
    assert.equal(missing.status, 401);
    assert.equal(missing.json.error.code, 'STRIPE_SIGNATURE_MISSING');

    const forged = await h.post('/link', OWNER, body, {
      signature: h.sign(OWNER, { secret: 'absec_someone_else_0123456789' }),
    });
    assert.equal(forged.status, 401);
    assert.equal(forged.json.error.code, 'STRIPE_SIGNATURE_INVALID');
    assert.match(forged.json.error.message, /STRIPE_APP_SECRET/);

    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    const stale = await h.post('/link', OWNER, body, {
      signature: h.sign(OWNER, { timestamp: tenMinutesAgo }),
    });
    assert.equal(stale.status, 401);
    assert.equal(stale.json.error.code, 'STRIPE_SIGNATURE_EXPIRED');

    // A signature Stripe made for another account does not speak for this one.
    const borrowed = await h.post('/link', OWNER, body, { signature: h.sign(OTHER) });
    assert.equal(borrowed.status, 401);
    assert.equal(borrowed.json.error.code, 'STRIPE_SIGNATURE_INVALID');

    const english = await h.post('/link', OWNER, body, { signature: h.sign(OTHER), lang: 'en-US' });
    assert.match(english.json.error.message, /does not match/);

    assert.equal(await linked(OWNER), false);
    assert.equal((await h.post('/status', OWNER)).json.linked, false);
  });

  it('accepts a signature four minutes old (inside the five-minute tolerance)', async () => {
    const fourMinutesAgo = Math.floor(Date.now() / 1000) - 240;
    const res = await h.post(
      '/status',
      OWNER,
      {},
      { signature: h.sign(OWNER, { timestamp: fourMinutesAgo }) },
    );
    assert.equal(res.status, 200);
  });

  it('refuses a body without user_id or a malformed account_id (400), and a preflight gets CORS', async () => {
    const noUser = await h.post('/status', { user_id: '', account_id: OWNER.account_id });
    assert.equal(noUser.status, 400);
    assert.equal(noUser.json.error.param, 'user_id');
    const badAccount = await h.post('/status', { user_id: 'usr_1', account_id: 'cus_123' });
    assert.equal(badAccount.status, 400);
    assert.equal(badAccount.json.error.param, 'account_id');

    const preflight = await fetch(`${h.url}/stripe-app/payments/pi_123`, {
      method: 'OPTIONS',
      headers: { origin: 'null', 'access-control-request-method': 'POST' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Stripe-Signature/);
  });

  it('links with an API key, refuses a wrong key, and unlinks', async () => {
    const wrong = await h.post('/link', OWNER, { api_key: 'af_test_not_a_key' });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.json.error.code, 'API_KEY_INVALID');
    assert.equal(await linked(OWNER), false);

    const ok = await h.post('/link', OWNER, { api_key: h.keys.a });
    assert.equal(ok.status, 200, JSON.stringify(ok.json));
    assert.equal(ok.json.linked, true);
    assert.equal(ok.json.merchant.id, h.merchantIds.a);
    assert.equal(ok.json.merchant.trade_name, 'Escuela Kemper');
    assert.equal(ok.json.merchant.rfc, 'EKU9003173C9');
    assert.equal(await linked(OWNER), true);
    assert.equal(ok.json.linked_by, 'settings');

    // Linking the same account to another merchant moves it: one account, one merchant.
    const moved = await h.post('/link', OWNER, { api_key: h.keys.b });
    assert.equal(moved.json.merchant.id, h.merchantIds.b);
    assert.equal(await linked(OWNER), false);

    const gone = await h.post('/unlink', OWNER);
    assert.equal(gone.json.linked, false);
    const b = (await h.store.merchants.get(h.merchantIds.b))!;
    assert.equal(b.connections?.['stripe_app.account'], undefined);
  });

  it("knows an account the merchant already connected for Stripe's webhooks, without linking it again", async () => {
    const connected: Caller = { user_id: 'usr_Conn1', account_id: 'acct_1ConnectedB' };
    await h.af.setMerchantConnection(h.merchantIds.b, 'stripe.account', connected.account_id);
    const res = await h.post('/status', connected);
    assert.equal(res.json.linked, true);
    assert.equal(res.json.linked_by, 'stripe_connection');
    assert.equal(res.json.merchant.id, h.merchantIds.b);
  });

  it("accepts a merchant's own private app, signed with the secret it registered, for its accounts only", async () => {
    const own = 'absec_own_private_app_of_b_0123456789';
    const ofB: Caller = { user_id: 'usr_OwnB1', account_id: 'acct_1OwnAppB' };
    const ofA: Caller = { user_id: 'usr_OwnA1', account_id: 'acct_1OwnAppA' };
    await h.af.setMerchantConnection(h.merchantIds.b, 'stripe.account', ofB.account_id);
    await h.af.setMerchantConnection(h.merchantIds.a, 'stripe.account', ofA.account_id);
    await h.af.setMerchantSecret(h.merchantIds.b, 'stripe_app.secret', own);

    const signedByOwn = await h.post('/status', ofB, {}, { signature: h.sign(ofB, { secret: own }) });
    assert.equal(signedByOwn.status, 200, JSON.stringify(signedByOwn.json));
    assert.equal(signedByOwn.json.merchant.id, h.merchantIds.b);
    // B's secret does not speak for A's account.
    const borrowed = await h.post('/status', ofA, {}, { signature: h.sign(ofA, { secret: own }) });
    assert.equal(borrowed.status, 401);

    const saved = process.env.STRIPE_APP_SECRET;
    delete process.env.STRIPE_APP_SECRET;
    try {
      assert.equal(
        (await h.post('/status', ofB, {}, { signature: h.sign(ofB, { secret: own }) })).status,
        200,
      );
      assert.equal((await h.post('/status', ofA)).status, 503);
    } finally {
      process.env.STRIPE_APP_SECRET = saved;
      await h.af.setMerchantSecret(h.merchantIds.b, 'stripe_app.secret', null);
      await h.af.setMerchantConnection(h.merchantIds.b, 'stripe.account', null);
      await h.af.setMerchantConnection(h.merchantIds.a, 'stripe.account', null);
    }
  });

  it('answers 503 with what to set when the server has no app secret', async () => {
    const saved = process.env.STRIPE_APP_SECRET;
    delete process.env.STRIPE_APP_SECRET;
    try {
      const res = await h.post('/status', OWNER);
      assert.equal(res.status, 503);
      assert.equal(res.json.error.code, 'STRIPE_APP_NOT_CONFIGURED');
    } finally {
      process.env.STRIPE_APP_SECRET = saved;
    }
  });
});

describe('verifyAppSignature (pure, injected clock)', () => {
  const caller = { userId: 'usr_Clock1', accountId: 'acct_1Clock' };
  const at = 1_800_000_000;
  const header = Stripe.webhooks.generateTestHeaderString({
    payload: JSON.stringify({ user_id: caller.userId, account_id: caller.accountId }),
    secret: APP_SECRET,
    timestamp: at,
  });

  it('accepts the signature up to the tolerance and refuses it one second later', () => {
    verifyAppSignature(caller, header, { secret: APP_SECRET, now: (at + 300) * 1000 });
    assert.throws(
      () => verifyAppSignature(caller, header, { secret: APP_SECRET, now: (at + 301) * 1000 }),
      (error: { code?: string }) => error.code === 'STRIPE_SIGNATURE_EXPIRED',
    );
  });

  it('never runs without a timestamp check: a tolerance of 0 is a programming error', () => {
    assert.throws(
      () => verifyAppSignature(caller, header, { secret: APP_SECRET, now: at * 1000, toleranceSeconds: 0 }),
      RangeError,
    );
  });

  it('covers user_id too: the same account with another user does not match', () => {
    assert.throws(
      () =>
        verifyAppSignature({ ...caller, userId: 'usr_Someone' }, header, {
          secret: APP_SECRET,
          now: at * 1000,
        }),
      (error: { code?: string }) => error.code === 'STRIPE_SIGNATURE_INVALID',
    );
  });
});
