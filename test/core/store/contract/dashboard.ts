/** Contract: dashboard users (unique email), sessions (expiry, logout) and failed-login counters. */
import { strict as assert } from 'node:assert';
import type { DashboardUser } from '../../../../core/src/store/dashboard-types.js';
import { at, rejectsWithCode, rid, type StoreRef, T0 } from './fixtures.js';

function user(overrides: Partial<DashboardUser> = {}): DashboardUser {
  return {
    id: rid('usr'),
    email: `${rid('owner')}@example.com`,
    passwordHash: 'scrypt$32768$8$3$c2FsdA$aGFzaA',
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export function dashboardContract(store: StoreRef): void {
  describe('dashboard users', () => {
    it('creates a user with a lowercased email and finds it by id and by email in any case', async () => {
      const given = user({ email: `  ${rid('Ana').toUpperCase()}@Example.COM ` });
      const created = await store().dashboardUsers.create(given);
      assert.equal(created.email, given.email.trim().toLowerCase());
      assert.deepEqual(await store().dashboardUsers.get(given.id), created);
      assert.deepEqual(await store().dashboardUsers.findByEmail(given.email.toUpperCase()), created);
      assert.equal(await store().dashboardUsers.findByEmail(`${rid('nobody')}@example.com`), null);
      assert.equal(await store().dashboardUsers.get(rid('usr')), null);
    });

    it('refuses a second account with the same email in another case (STORE_DUPLICATE)', async () => {
      const first = await store().dashboardUsers.create(user());
      await rejectsWithCode(
        store().dashboardUsers.create(user({ email: first.email.toUpperCase() })),
        'STORE_DUPLICATE',
      );
      const other = await store().dashboardUsers.create(user());
      await rejectsWithCode(
        store().dashboardUsers.update({ ...other, email: first.email }),
        'STORE_DUPLICATE',
      );
    });

    it('links a user to a merchant on update, keeps createdAt, lists by merchant; unknown id is STORE_NOT_FOUND', async () => {
      const merchantId = rid('m');
      const given = await store().dashboardUsers.create(user());
      assert.deepEqual(await store().dashboardUsers.listByMerchant(merchantId), []);
      const updated = await store().dashboardUsers.update({
        ...given,
        merchantId,
        createdAt: at(999),
        updatedAt: at(1),
      });
      assert.equal(updated.merchantId, merchantId);
      assert.equal(updated.createdAt, T0);
      const second = await store().dashboardUsers.create(user({ merchantId }));
      assert.deepEqual(
        (await store().dashboardUsers.listByMerchant(merchantId)).map((u) => u.id),
        [given.id, second.id],
      );
      await rejectsWithCode(store().dashboardUsers.update(user()), 'STORE_NOT_FOUND');
    });
  });

  describe('dashboard sessions', () => {
    it('returns a session until it expires, and not after delete', async () => {
      const session = { id: rid('s'), userId: rid('usr'), createdAt: T0, expiresAt: at(60) };
      await store().dashboardSessions.create(session);
      assert.deepEqual(await store().dashboardSessions.get(session.id, at(59)), session);
      assert.equal(await store().dashboardSessions.get(session.id, at(60)), null);
      await store().dashboardSessions.delete(session.id);
      assert.equal(await store().dashboardSessions.get(session.id, at(1)), null);
      const again = { ...session, id: rid('s') };
      await store().dashboardSessions.create(again);
      await rejectsWithCode(store().dashboardSessions.create(again), 'STORE_DUPLICATE');
    });

    it('ends every session of one user only, and forgets expired ones', async () => {
      const userId = rid('usr');
      const other = { id: rid('s'), userId: rid('usr'), createdAt: T0, expiresAt: at(600) };
      const mine = [1, 2].map(() => ({ id: rid('s'), userId, createdAt: T0, expiresAt: at(600) }));
      for (const session of [...mine, other]) await store().dashboardSessions.create(session);
      await store().dashboardSessions.deleteByUser(userId);
      for (const session of mine) assert.equal(await store().dashboardSessions.get(session.id, at(1)), null);
      assert.deepEqual(await store().dashboardSessions.get(other.id, at(1)), other);

      const old = { id: rid('s'), userId, createdAt: T0, expiresAt: at(5) };
      await store().dashboardSessions.create(old);
      assert.ok((await store().dashboardSessions.deleteExpired(at(10))) >= 1);
      assert.equal(await store().dashboardSessions.get(old.id, at(1)), null);
      assert.deepEqual(await store().dashboardSessions.get(other.id, at(10)), other);
    });
  });

  describe('login throttle', () => {
    it('counts failures per key within a window and clears one key and old entries', async () => {
      const account = `email:${rid('a')}@example.com`;
      const ip = `ip:${rid('ip')}`;
      for (const minute of [0, 5, 10]) await store().loginThrottle.recordFailure(account, at(minute));
      await store().loginThrottle.recordFailure(ip, at(1));
      assert.deepEqual(await store().loginThrottle.failuresSince(account, at(5)), [at(5), at(10)]);
      assert.deepEqual(await store().loginThrottle.failuresSince(ip, at(0)), [at(1)]);
      await store().loginThrottle.clear(account, at(0));
      assert.deepEqual(await store().loginThrottle.failuresSince(account, at(0)), []);
      assert.deepEqual(await store().loginThrottle.failuresSince(ip, at(0)), [at(1)]);
      await store().loginThrottle.clear(`email:${rid('z')}`, at(2));
      assert.deepEqual(await store().loginThrottle.failuresSince(ip, at(0)), []);
    });
  });
}
