/**
 * Durable jobs, partitioned by merchant. Open jobs (pending, running) are indexed in memory — by
 * (merchant, dedupeKey) for enqueue and as one set for claim — so neither scans finished jobs. Every
 * change runs under the store's mutex: two concurrent claims never take the same job, and
 * complete/fail act only while the caller still holds the lease.
 */
import { randomUUID } from 'node:crypto';
import type { Job, JobRepo } from '../types.js';
import type { Mutex } from './mutex.js';
import { type Partition, Partitions } from './partitions.js';
import { copy, pageLimit } from './shared.js';

export const DEFAULT_MAX_ATTEMPTS = 10;

const isOpen = (job: Job) => job.status === 'pending' || job.status === 'running';

/** Claimed jobs in runAt order, then creation order. */
function byRunAt(a: Job, b: Job): number {
  return (
    Date.parse(a.runAt) - Date.parse(b.runAt) ||
    Date.parse(a.createdAt) - Date.parse(b.createdAt) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export async function jobRepo(dbDir: string, mutex: Mutex): Promise<JobRepo> {
  const open = new Set<string>();
  const jobs = new Partitions<Job, Map<string, number>>(dbDir, 'jobs', {
    create: () => new Map(),
    add: (byKey, job, pos) => {
      if (!isOpen(job)) return;
      byKey.set(job.dedupeKey, pos);
      open.add(job.id);
    },
    remove: (byKey, job, pos) => {
      if (byKey.get(job.dedupeKey) === pos) byKey.delete(job.dedupeKey);
      open.delete(job.id);
    },
  });
  await jobs.load();

  /** Replaces a held job, if `workerId` still holds it. */
  function release(id: string, workerId: string, change: (job: Job) => Job): Promise<boolean> {
    return mutex.run(async () => {
      const found = jobs.locate(id);
      if (found?.record.status !== 'running' || found.record.lockedBy !== workerId) return false;
      const { lockedBy: _by, lockedUntil: _until, ...rest } = found.record;
      await jobs.replace(
        found.partition,
        found.pos,
        change({ ...rest, updatedAt: new Date().toISOString() }),
      );
      return true;
    });
  }

  return {
    enqueue(given) {
      return mutex.run(async () => {
        const partition = jobs.get(given.merchantId);
        const pos = partition?.index.get(given.dedupeKey);
        const existing = jobs.at(given.merchantId, pos);
        const now = new Date().toISOString();
        if (existing) {
          const runAt = given.runAt ?? now;
          if (existing.status !== 'pending' || Date.parse(existing.runAt) <= Date.parse(runAt)) {
            return { job: copy(existing), created: false };
          }
          const sooner: Job = { ...existing, runAt, updatedAt: now };
          await jobs.replace(partition!, pos!, sooner);
          return { job: copy(sooner), created: false };
        }
        const job: Job = {
          id: `job_${randomUUID()}`,
          merchantId: given.merchantId,
          type: given.type,
          dedupeKey: given.dedupeKey,
          payload: copy(given.payload),
          status: 'pending',
          attempts: 0,
          maxAttempts: given.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
          runAt: given.runAt ?? now,
          createdAt: now,
          updatedAt: now,
        };
        await jobs.append(job);
        return { job: copy(job), created: true };
      });
    },

    claim({ now, workerId, leaseMs, limit, types, dueBefore }) {
      return mutex.run(async () => {
        const time = Date.parse(now);
        const dueBy = dueBefore === undefined ? time : Math.min(time, Date.parse(dueBefore));
        const lockedUntil = new Date(time + leaseMs).toISOString();
        const due: Job[] = [];
        for (const id of open) {
          const job = jobs.locate(id)!.record;
          if (types && !types.includes(job.type)) continue;
          const ready =
            job.status === 'pending'
              ? Date.parse(job.runAt) <= (job.attempts === 0 ? time : dueBy)
              : job.lockedUntil === undefined || Date.parse(job.lockedUntil) <= time;
          if (ready) due.push(job);
        }
        const claimed = due.sort(byRunAt).slice(0, Math.max(0, limit));
        // One write per chunk touched, per merchant: a batch usually costs one fsync.
        const byPartition = new Map<Partition<Job, Map<string, number>>, [number, Job][]>();
        for (const job of claimed) {
          const { partition, pos } = jobs.locate(job.id)!;
          const running: Job = {
            ...job,
            status: 'running',
            attempts: job.attempts + 1,
            lockedBy: workerId,
            lockedUntil,
            updatedAt: now,
          };
          byPartition.set(partition, [...(byPartition.get(partition) ?? []), [pos, running]]);
        }
        for (const [partition, changes] of byPartition) await jobs.replaceMany(partition, changes);
        return claimed.map((job) => copy(jobs.locate(job.id)!.record));
      });
    },

    complete(id, workerId) {
      return release(id, workerId, (job) => ({ ...job, status: 'done' }));
    },

    fail(id, workerId, error, retryAt) {
      return release(id, workerId, (job) => ({
        ...job,
        status: retryAt === null ? 'dead' : 'pending',
        runAt: retryAt ?? job.runAt,
        lastError: copy(error),
      }));
    },

    async get(id) {
      const found = jobs.locate(id);
      return found ? copy(found.record) : null;
    },

    async list(merchantId, query = {}) {
      const limit = pageLimit(query.limit);
      const listed: Job[] = [];
      for (const [, job] of jobs.get(merchantId)?.records.from() ?? []) {
        if (listed.length === limit) break;
        if (query.status !== undefined && job.status !== query.status) continue;
        if (query.type !== undefined && job.type !== query.type) continue;
        listed.push(copy(job));
      }
      return listed;
    },

    async countOpen(now) {
      const time = Date.parse(now);
      let n = 0;
      for (const id of open) {
        const job = jobs.locate(id)!.record;
        if (job.status === 'running' || Date.parse(job.runAt) <= time) n++;
      }
      return n;
    },
  };
}
