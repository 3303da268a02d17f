/**
 * Contract: durable jobs. Each test uses job types of its own and always claims with `types`, so jobs
 * left by other tests or earlier runs (a shared PostgreSQL) are never touched.
 */
import { strict as assert } from 'node:assert';
import type { Job } from '../../../../core/src/store/types.js';
import { at, newMerchant, rid, type StoreRef } from './fixtures.js';

const error = { code: 'PAC_UNAVAILABLE', message: 'El PAC no respondió', at: at(0), retriable: true };

export function jobContract(store: StoreRef): void {
  const claim = (type: string, now: string, workerId = 'w1', limit = 10, leaseMs = 60_000) =>
    store().jobs.claim({ now, workerId, leaseMs, limit, types: [type] });

  describe('jobs', () => {
    it('enqueues a pending job once per open (merchant, dedupeKey)', async () => {
      const m = await newMerchant(store());
      const other = await newMerchant(store());
      const type = rid('type');
      const first = await store().jobs.enqueue({
        merchantId: m,
        type,
        dedupeKey: 'issue:pay_1',
        payload: { paymentId: 'pay_1' },
        runAt: at(0),
        maxAttempts: 3,
      });
      assert.equal(first.created, true);
      assert.equal(first.job.status, 'pending');
      assert.equal(first.job.attempts, 0);
      assert.equal(first.job.maxAttempts, 3);
      assert.equal(first.job.runAt, at(0));
      assert.deepEqual(first.job.payload, { paymentId: 'pay_1' });
      assert.deepEqual(await store().jobs.get(first.job.id), first.job);

      const again = await Promise.all(
        Array.from({ length: 20 }, () =>
          store().jobs.enqueue({ merchantId: m, type, dedupeKey: 'issue:pay_1', payload: {} }),
        ),
      );
      assert.ok(again.every((r) => !r.created && r.job.id === first.job.id));
      const elsewhere = await store().jobs.enqueue({
        merchantId: other,
        type,
        dedupeKey: 'issue:pay_1',
        payload: {},
      });
      assert.equal(elsewhere.created, true);

      // Once the job is done, the same key is work to do again.
      const [held] = await claim(type, at(0));
      assert.equal(held?.id, first.job.id);
      assert.equal(
        (await store().jobs.enqueue({ merchantId: m, type, dedupeKey: 'issue:pay_1', payload: {} })).created,
        false,
      );
      assert.equal(await store().jobs.complete(first.job.id, 'w1'), true);
      const next = await store().jobs.enqueue({ merchantId: m, type, dedupeKey: 'issue:pay_1', payload: {} });
      assert.equal(next.created, true);
      assert.notEqual(next.job.id, first.job.id);
      assert.equal(await store().jobs.get(rid('job')), null);
    });

    it('brings a pending job forward when the same work is asked for sooner, never later', async () => {
      const m = await newMerchant(store());
      const type = rid('type');
      const later = await store().jobs.enqueue({
        merchantId: m,
        type,
        dedupeKey: 'k',
        payload: {},
        runAt: at(60),
      });
      const sooner = await store().jobs.enqueue({
        merchantId: m,
        type,
        dedupeKey: 'k',
        payload: {},
        runAt: at(5),
      });
      assert.equal(sooner.created, false);
      assert.equal(sooner.job.id, later.job.id);
      assert.equal(sooner.job.runAt, at(5));
      const notLater = await store().jobs.enqueue({
        merchantId: m,
        type,
        dedupeKey: 'k',
        payload: {},
        runAt: at(90),
      });
      assert.equal(notLater.job.runAt, at(5), 'asking for it later keeps the sooner time');
      assert.equal((await store().jobs.get(later.job.id))?.runAt, at(5));
      assert.deepEqual(
        (await claim(type, at(5))).map((j) => j.id),
        [later.job.id],
      );
      // A running job is left as it is.
      const held = await store().jobs.enqueue({
        merchantId: m,
        type,
        dedupeKey: 'k',
        payload: {},
        runAt: at(1),
      });
      assert.equal(held.job.status, 'running');
    });

    it('claims due jobs in runAt order up to the limit, marking them running under a lease', async () => {
      const m = await newMerchant(store());
      const type = rid('type');
      const otherType = rid('type');
      for (const minutes of [30, 10, 20, 90]) {
        await store().jobs.enqueue({
          merchantId: m,
          type,
          dedupeKey: `k${minutes}`,
          payload: {},
          runAt: at(minutes),
        });
      }
      await store().jobs.enqueue({
        merchantId: m,
        type: otherType,
        dedupeKey: 'o',
        payload: {},
        runAt: at(0),
      });
      const claimed = await claim(type, at(60), 'w1', 2, 5_000);
      assert.deepEqual(
        claimed.map((j) => j.dedupeKey),
        ['k10', 'k20'],
      );
      for (const job of claimed) {
        assert.equal(job.status, 'running');
        assert.equal(job.attempts, 1);
        assert.equal(job.lockedBy, 'w1');
        assert.equal(job.lockedUntil, new Date(Date.parse(at(60)) + 5_000).toISOString());
        assert.deepEqual(await store().jobs.get(job.id), job);
      }
      assert.deepEqual(
        (await claim(type, at(60))).map((j) => j.dedupeKey),
        ['k30'],
      );
      assert.deepEqual(await claim(type, at(60)), []);
      assert.equal((await store().jobs.list(m, { type: otherType }))[0]?.status, 'pending');
    });

    it('never gives the same job to two of many concurrent claimers', async () => {
      const m = await newMerchant(store());
      const type = rid('type');
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          store().jobs.enqueue({ merchantId: m, type, dedupeKey: `k${i}`, payload: { i }, runAt: at(0) }),
        ),
      );
      const batches = await Promise.all(
        Array.from({ length: 12 }, (_, w) => claim(type, at(1), `worker-${w}`, 5)),
      );
      const claimed = batches.flat();
      assert.equal(new Set(claimed.map((j) => j.id)).size, claimed.length, 'a job was claimed twice');
      assert.equal(claimed.length, 40);
      batches.forEach((batch, w) => {
        for (const job of batch) assert.equal(job.lockedBy, `worker-${w}`);
      });
    });

    it('lets another worker claim a job whose lease expired; the old holder can no longer finish it', async () => {
      const m = await newMerchant(store());
      const type = rid('type');
      const { job } = await store().jobs.enqueue({
        merchantId: m,
        type,
        dedupeKey: 'k',
        payload: {},
        runAt: at(0),
      });
      await claim(type, at(0), 'w1', 1, 60_000);
      assert.deepEqual(await claim(type, at(0.5), 'w2'), []);
      const [again] = await claim(type, at(2), 'w2', 1, 60_000);
      assert.equal(again?.id, job.id);
      assert.equal(again?.attempts, 2);
      assert.equal(again?.lockedBy, 'w2');
      assert.equal(await store().jobs.complete(job.id, 'w1'), false);
      assert.equal(await store().jobs.fail(job.id, 'w1', error, at(3)), false);
      assert.equal(await store().jobs.complete(job.id, 'w2'), true);
      assert.equal((await store().jobs.get(job.id))?.status, 'done');
      assert.equal(await store().jobs.complete(job.id, 'w2'), false);
    });

    it('retries a failed job at retryAt and buries it when retryAt is null', async () => {
      const m = await newMerchant(store());
      const type = rid('type');
      const { job } = await store().jobs.enqueue({
        merchantId: m,
        type,
        dedupeKey: 'k',
        payload: {},
        runAt: at(0),
      });
      await claim(type, at(0));
      assert.equal(await store().jobs.fail(job.id, 'w2', error, at(10)), false);
      assert.equal(await store().jobs.fail(job.id, 'w1', error, at(10)), true);
      const retrying = (await store().jobs.get(job.id))!;
      assert.equal(retrying.status, 'pending');
      assert.equal(retrying.runAt, at(10));
      assert.deepEqual(retrying.lastError, error);
      assert.equal(retrying.lockedBy, undefined);
      assert.deepEqual(await claim(type, at(9)), []);
      // A run that started before the retry was due leaves it for the next run (dueBefore).
      const early = await store().jobs.claim({
        now: at(20),
        workerId: 'w1',
        leaseMs: 60_000,
        limit: 10,
        types: [type],
        dueBefore: at(9),
      });
      assert.deepEqual(early, []);
      // ...but a job never attempted is claimed whenever it is due, whatever dueBefore says.
      const fresh = (
        await store().jobs.enqueue({ merchantId: m, type, dedupeKey: 'fresh', payload: {}, runAt: at(15) })
      ).job;
      const claimedFresh = await store().jobs.claim({
        now: at(20),
        workerId: 'w3',
        leaseMs: 60_000,
        limit: 10,
        types: [type],
        dueBefore: at(9),
      });
      assert.deepEqual(
        claimedFresh.map((j) => j.id),
        [fresh.id],
      );
      assert.equal(await store().jobs.complete(fresh.id, 'w3'), true);
      const [second] = await claim(type, at(10));
      assert.equal(second?.attempts, 2);
      assert.equal(await store().jobs.fail(job.id, 'w1', { ...error, retriable: false }, null), true);
      const dead = (await store().jobs.get(job.id))!;
      assert.equal(dead.status, 'dead');
      assert.equal(dead.lastError?.retriable, false);
      assert.deepEqual(await claim(type, at(1000)), []);
      assert.equal(await store().jobs.complete(job.id, 'w1'), false);
      // A dead job does not block enqueueing the same key again.
      assert.equal(
        (await store().jobs.enqueue({ merchantId: m, type, dedupeKey: 'k', payload: {} })).created,
        true,
      );
    });

    it('lists a merchant’s jobs by status and type, and counts open jobs', async () => {
      const m = await newMerchant(store());
      const type = rid('type');
      const now = at(100);
      const base = await store().jobs.countOpen(now);
      const due: Job[] = [];
      for (let i = 0; i < 3; i++) {
        due.push(
          (await store().jobs.enqueue({ merchantId: m, type, dedupeKey: `d${i}`, payload: {}, runAt: at(i) }))
            .job,
        );
      }
      await store().jobs.enqueue({ merchantId: m, type, dedupeKey: 'later', payload: {}, runAt: at(500) });
      assert.equal((await store().jobs.countOpen(now)) - base, 3);
      const [running] = await claim(type, now, 'w1', 1);
      assert.equal((await store().jobs.countOpen(now)) - base, 3);
      await store().jobs.complete(running!.id, 'w1');
      assert.equal((await store().jobs.countOpen(now)) - base, 2);

      assert.equal((await store().jobs.list(m)).length, 4);
      assert.equal((await store().jobs.list(m, { status: 'done' }))[0]?.id, due[0]!.id);
      assert.equal((await store().jobs.list(m, { status: 'pending' })).length, 3);
      assert.equal((await store().jobs.list(m, { type: rid('type') })).length, 0);
      assert.equal((await store().jobs.list(m, { limit: 2 })).length, 2);
    });
  });
}
