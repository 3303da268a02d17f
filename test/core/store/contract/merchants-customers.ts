/** Contract: merchants (API key lookup) and customers (lookups, pagination). */
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import {
  allPages,
  customer,
  ids,
  merchant,
  newMerchant,
  rejectsWithCode,
  rid,
  type StoreRef,
  T0,
} from './fixtures.js';

export function merchantContract(store: StoreRef): void {
  describe('merchants', () => {
    it('creates, gets and lists a merchant as given', async () => {
      const given = merchant();
      const created = await store().merchants.create(given);
      assert.deepEqual(created, given);
      assert.deepEqual(await store().merchants.get(given.id), given);
      const listed = await store().merchants.list();
      assert.deepEqual(
        listed.find((m) => m.id === given.id),
        given,
      );
      assert.equal(await store().merchants.get(rid('m')), null);
    });

    it('refuses a second merchant with the same id or the same API key prefix (STORE_DUPLICATE)', async () => {
      const given = merchant();
      await store().merchants.create(given);
      await rejectsWithCode(store().merchants.create(merchant(given.id)), 'STORE_DUPLICATE');
      await rejectsWithCode(
        store().merchants.create(merchant(undefined, given.apiKeys[0]!.prefix)),
        'STORE_DUPLICATE',
      );
    });

    it('finds the merchant and the key by API key prefix, but not a revoked key', async () => {
      const given = merchant();
      await store().merchants.create(given);
      const key = given.apiKeys[0]!;
      const found = await store().merchants.findByApiKeyPrefix(key.prefix);
      assert.equal(found?.merchant.id, given.id);
      assert.deepEqual(found?.key, key);
      assert.equal(await store().merchants.findByApiKeyPrefix(`af_test_${rid('x')}`), null);

      const revoked = { ...key, revokedAt: '2026-11-29T00:00:00.000Z' };
      const fresh = { ...key, id: rid('key'), prefix: `af_live_${rid('p')}`, mode: 'live' as const };
      await store().merchants.update({
        ...given,
        apiKeys: [revoked, fresh],
        updatedAt: '2026-11-29T00:00:00.000Z',
      });
      assert.equal(await store().merchants.findByApiKeyPrefix(key.prefix), null);
      assert.equal((await store().merchants.findByApiKeyPrefix(fresh.prefix))?.key.id, fresh.id);
    });

    it('updates a merchant keeping its createdAt, and refuses an unknown id (STORE_NOT_FOUND)', async () => {
      const given = merchant();
      await store().merchants.create(given);
      const changed = {
        ...given,
        name: 'KEMPER NUEVO',
        createdAt: '2030-01-01T00:00:00.000Z',
        updatedAt: '2026-11-29T00:00:00.000Z',
      };
      const updated = await store().merchants.update(changed);
      assert.equal(updated.name, 'KEMPER NUEVO');
      assert.equal(updated.createdAt, T0);
      assert.deepEqual(await store().merchants.get(given.id), updated);
      await rejectsWithCode(store().merchants.update(merchant()), 'STORE_NOT_FOUND');
    });

    it('finds a merchant by portal slug, follows a slug change, and refuses a taken slug (STORE_DUPLICATE)', async () => {
      const slug = `tienda-${randomBytes(5).toString('hex')}`;
      const given = merchant();
      given.branding = {
        ...given.branding,
        slug,
        color: '#0F766E',
        social: { instagram: 'https://x.test/k' },
      };
      await store().merchants.create(given);
      assert.deepEqual(await store().merchants.findBySlug(slug), given);
      assert.equal(await store().merchants.findBySlug(`${slug}-otra`), null);
      assert.equal(await store().merchants.findBySlug(slug.toUpperCase()), null);

      const other = merchant();
      await rejectsWithCode(
        store().merchants.create({ ...other, branding: { tradeName: 'Otra', slug } }),
        'STORE_DUPLICATE',
      );
      await store().merchants.create(other);
      await rejectsWithCode(
        store().merchants.update({ ...other, branding: { tradeName: 'Otra', slug } }),
        'STORE_DUPLICATE',
      );
      assert.equal((await store().merchants.findBySlug(slug))?.id, given.id);

      const renamed = `${slug}-nueva`;
      await store().merchants.update({ ...given, branding: { ...given.branding, slug: renamed } });
      assert.equal(await store().merchants.findBySlug(slug), null);
      assert.equal((await store().merchants.findBySlug(renamed))?.id, given.id);
      // The old slug is free again.
      await store().merchants.update({ ...other, branding: { tradeName: 'Otra', slug } });
      assert.equal((await store().merchants.findBySlug(slug))?.id, other.id);
    });

    it('finds a merchant by connection (a Stripe Connect account, #6), follows a change, and refuses a taken one (STORE_DUPLICATE)', async () => {
      const account = `acct_${randomBytes(8).toString('hex')}`;
      const given = { ...merchant(), connections: { 'stripe.account': account } };
      await store().merchants.create(given);
      assert.deepEqual(await store().merchants.findByConnection('stripe.account', account), given);
      assert.equal(await store().merchants.findByConnection('stripe.account', `${account}x`), null);
      assert.equal(await store().merchants.findByConnection('conekta.account', account), null);

      const other = merchant();
      await rejectsWithCode(
        store().merchants.create({ ...other, connections: { 'stripe.account': account } }),
        'STORE_DUPLICATE',
      );
      await store().merchants.create(other);
      await rejectsWithCode(
        store().merchants.update({ ...other, connections: { 'stripe.account': account } }),
        'STORE_DUPLICATE',
      );
      assert.equal((await store().merchants.findByConnection('stripe.account', account))?.id, given.id);

      // Options (names not ending in .account) may hold the same value for several merchants.
      await store().merchants.update({
        ...other,
        connections: { 'stripe.payment_forms': 'debit=28' },
      });
      await store().merchants.update({
        ...given,
        connections: { 'stripe.account': account, 'stripe.payment_forms': 'debit=28' },
      });
      assert.equal((await store().merchants.findByConnection('stripe.account', account))?.id, given.id);
      assert.equal(await store().merchants.findByConnection('stripe.payment_forms', 'debit=28'), null);

      // Any account id (a name ending in .account) is unique, not only Stripe's webhook account.
      const appAccount = `acct_${randomBytes(8).toString('hex')}`;
      await store().merchants.update({
        ...other,
        connections: { 'stripe.payment_forms': 'debit=28', 'stripe_app.account': appAccount },
      });
      await rejectsWithCode(
        store().merchants.update({
          ...given,
          connections: { 'stripe.account': account, 'stripe_app.account': appAccount },
        }),
        'STORE_DUPLICATE',
      );
      assert.equal(
        (await store().merchants.findByConnection('stripe_app.account', appAccount))?.id,
        other.id,
      );
      await store().merchants.update({ ...other, connections: {} });

      // Disconnected: the account is free for another merchant.
      await store().merchants.update({ ...given, connections: {} });
      assert.equal(await store().merchants.findByConnection('stripe.account', account), null);
      await store().merchants.update({ ...other, connections: { 'stripe.account': account } });
      assert.equal((await store().merchants.findByConnection('stripe.account', account))?.id, other.id);
    });

    it('returns copies: changing a result or the given object changes nothing stored', async () => {
      const given = merchant();
      const created = await store().merchants.create(given);
      given.name = 'MUTATED INPUT';
      created.settings.series.invoice = 'MUTATED';
      const got = (await store().merchants.get(given.id))!;
      got.apiKeys.push({ ...got.apiKeys[0]!, prefix: 'mutated' });
      const again = (await store().merchants.get(given.id))!;
      assert.equal(again.name, 'ESCUELA KEMPER URGATE');
      assert.equal(again.settings.series.invoice, 'A');
      assert.equal(again.apiKeys.length, 1);
    });
  });
}

export function customerContract(store: StoreRef): void {
  describe('customers', () => {
    it('creates and gets a customer; refuses a duplicate id', async () => {
      const m = await newMerchant(store());
      const given = customer(m, {
        fiscal: {
          rfc: 'XAXX010101000',
          name: 'ANA LOPEZ',
          taxRegime: '616',
          zip: '06000',
          cfdiUse: 'S01',
        },
        fiscalValidatedAt: T0,
      });
      assert.deepEqual(await store().customers.create(given), given);
      assert.deepEqual(await store().customers.get(m, given.id), given);
      assert.equal(await store().customers.get(m, rid('cus')), null);
      await rejectsWithCode(store().customers.create(given), 'STORE_DUPLICATE');
    });

    it('finds a customer by source id, RFC and email (case-insensitive)', async () => {
      const m = await newMerchant(store());
      const given = customer(m, {
        sourceIds: { stripe: 'cus_A1', conekta: 'cus_B2' },
        fiscal: { rfc: 'LOAA800101AB1', name: 'ANA', taxRegime: '612', zip: '06000', cfdiUse: 'G03' },
      });
      await store().customers.create(given);
      await store().customers.create(customer(m, { email: 'otro@example.com', sourceIds: {} }));
      assert.equal((await store().customers.findBySourceId(m, 'stripe', 'cus_A1'))?.id, given.id);
      assert.equal((await store().customers.findBySourceId(m, 'conekta', 'cus_B2'))?.id, given.id);
      assert.equal(await store().customers.findBySourceId(m, 'conekta', 'cus_A1'), null);
      assert.equal((await store().customers.findByRfc(m, 'LOAA800101AB1'))?.id, given.id);
      assert.equal(await store().customers.findByRfc(m, 'XEXX010101000'), null);
      assert.equal((await store().customers.findByEmail(m, 'ana.lopez@example.COM'))?.id, given.id);
      assert.equal(await store().customers.findByEmail(m, 'nadie@example.com'), null);
    });

    it('updates a customer (lookups follow the new values) and refuses an unknown one', async () => {
      const m = await newMerchant(store());
      const given = customer(m, { sourceIds: { stripe: 'cus_old' } });
      await store().customers.create(given);
      const updated = await store().customers.update(
        {
          ...given,
          email: 'nueva@example.com',
          sourceIds: { stripe: 'cus_new' },
          fiscal: { rfc: 'LOAA800101AB1', name: 'ANA', taxRegime: '612', zip: '06000', cfdiUse: 'G03' },
          updatedAt: '2026-11-29T00:00:00.000Z',
        },
        given.updatedAt,
      );
      assert.equal(updated?.email, 'nueva@example.com');
      assert.equal(updated?.createdAt, T0);
      assert.equal(await store().customers.findByEmail(m, 'Ana.Lopez@Example.com'), null);
      assert.equal((await store().customers.findByEmail(m, 'NUEVA@example.com'))?.id, given.id);
      assert.equal(await store().customers.findBySourceId(m, 'stripe', 'cus_old'), null);
      assert.equal((await store().customers.findBySourceId(m, 'stripe', 'cus_new'))?.id, given.id);
      assert.equal((await store().customers.findByRfc(m, 'LOAA800101AB1'))?.id, given.id);
      const unknown = customer(m);
      await rejectsWithCode(store().customers.update(unknown, unknown.updatedAt), 'STORE_NOT_FOUND');
    });

    it('updates a customer only from the version it read (compare-and-set)', async () => {
      const m = await newMerchant(store());
      const given = customer(m);
      await store().customers.create(given);
      const later = '2026-11-29T00:00:00.000Z';
      const portal = await store().customers.update(
        {
          ...given,
          fiscal: { rfc: 'LOAA800101AB1', name: 'ANA', taxRegime: '612', zip: '06000', cfdiUse: 'G03' },
          updatedAt: later,
        },
        given.updatedAt,
      );
      assert.ok(portal);
      // A webhook holding the old copy does not wipe the fiscal data the portal saved.
      const stale = await store().customers.update(
        { ...given, name: 'Otra', updatedAt: later },
        given.updatedAt,
      );
      assert.equal(stale, null);
      assert.equal((await store().customers.get(m, given.id))?.fiscal?.rfc, 'LOAA800101AB1');
      // Two writers from the same version with the same clock: only one wins.
      const [a, b] = await Promise.all([
        store().customers.update({ ...portal, name: 'A', updatedAt: portal.updatedAt }, portal.updatedAt),
        store().customers.update({ ...portal, name: 'B', updatedAt: portal.updatedAt }, portal.updatedAt),
      ]);
      assert.equal([a, b].filter(Boolean).length, 1);
    });

    it('pages through every customer once, in insertion order', async () => {
      const m = await newMerchant(store());
      const created: string[] = [];
      for (let i = 0; i < 23; i++) created.push((await store().customers.create(customer(m))).id);
      const { items, pages } = await allPages((cursor) =>
        store().customers.list(m, { limit: 5, ...(cursor ? { cursor } : {}) }),
      );
      assert.equal(pages, 5);
      assert.deepEqual(ids(items), created);
      await rejectsWithCode(store().customers.list(m, { cursor: 'not-a-cursor' }), 'INVALID_CURSOR');
      await rejectsWithCode(store().customers.list(m, { limit: 0 }), 'INVALID_LIMIT');
      const first = await store().customers.list(m);
      assert.equal(first.items.length, 23);
      assert.equal(first.next, undefined);
    });
  });
}
