/**
 * Durable jobs. A partial UNIQUE index on (merchant_id, dedupe_key) WHERE status IN ('pending',
 * 'running') makes enqueue idempotent while a job is open. claim picks rows with FOR UPDATE SKIP LOCKED,
 * so workers in any number of processes never take the same job; complete/fail only act while the
 * caller still holds the lease.
 */
import { randomUUID } from 'node:crypto';
import type { Job, JobRepo } from '../types.js';
import type { Db } from './db.js';
import { json, pageLimit, Where } from './sql.js';

interface JobRow {
  id: string;
  pos: string;
  merchant_id: string;
  type: string;
  dedupe_key: string;
  payload: Record<string, unknown>;
  status: Job['status'];
  attempts: number;
  max_attempts: number;
  run_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: Job['lastError'] | null;
  created_at: string;
  updated_at: string;
}

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    merchantId: row.merchant_id,
    type: row.type,
    dedupeKey: row.dedupe_key,
    payload: row.payload,
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAt: row.run_at,
    ...(row.locked_by === null ? {} : { lockedBy: row.locked_by }),
    ...(row.locked_until === null ? {} : { lockedUntil: row.locked_until }),
    ...(row.last_error === null ? {} : { lastError: row.last_error }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Claimed jobs in runAt order, then insertion order. */
function byRunAt(a: JobRow, b: JobRow): number {
  return a.run_at < b.run_at ? -1 : a.run_at > b.run_at ? 1 : Number(BigInt(a.pos) - BigInt(b.pos));
}

export const DEFAULT_MAX_ATTEMPTS = 10;

export function jobRepo(db: Db): JobRepo {
  const jobs = db.t('jobs');
  return {
    async enqueue(job) {
      for (;;) {
        const now = new Date().toISOString();
        const [row] = await db.query<JobRow>(
          `INSERT INTO ${jobs} (id, merchant_id, type, dedupe_key, payload, status, attempts, max_attempts,
             run_at, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5::jsonb, 'pending', 0, $6, $7::timestamptz, $8, $8)
           ON CONFLICT (merchant_id, dedupe_key) WHERE status IN ('pending', 'running') DO NOTHING
           RETURNING *`,
          [
            `job_${randomUUID()}`,
            job.merchantId,
            job.type,
            job.dedupeKey,
            json(job.payload),
            job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
            job.runAt ?? now,
            now,
          ],
        );
        if (row) return { job: toJob(row), created: true };
        // The open job, brought forward to runAt when it is pending and would run later.
        const [sooner] = await db.query<JobRow>(
          `UPDATE ${jobs} SET run_at = $3::timestamptz, updated_at = $4
           WHERE merchant_id = $1 AND dedupe_key = $2 AND status = 'pending' AND run_at > $3::timestamptz
           RETURNING *`,
          [job.merchantId, job.dedupeKey, job.runAt ?? now, now],
        );
        if (sooner) return { job: toJob(sooner), created: false };
        const [open] = await db.query<JobRow>(
          `SELECT * FROM ${jobs}
           WHERE merchant_id = $1 AND dedupe_key = $2 AND status IN ('pending', 'running')`,
          [job.merchantId, job.dedupeKey],
        );
        // The open job may have finished between the two statements: then enqueue again.
        if (open) return { job: toJob(open), created: false };
      }
    },

    async claim({ now, workerId, leaseMs, limit, types, dueBefore }) {
      const lockedUntil = new Date(Date.parse(now) + leaseMs).toISOString();
      const rows = await db.query<JobRow>(
        `WITH picked AS (
           SELECT id FROM ${jobs}
           WHERE ((status = 'pending' AND run_at <= $1::timestamptz
                   AND ($6::timestamptz IS NULL OR attempts = 0 OR run_at <= $6::timestamptz))
                  OR (status = 'running' AND locked_until <= $1::timestamptz))
             AND ($5::text[] IS NULL OR type = ANY ($5::text[]))
           ORDER BY run_at, pos
           LIMIT $4
           FOR UPDATE SKIP LOCKED
         )
         UPDATE ${jobs} j
         SET status = 'running', attempts = j.attempts + 1, locked_by = $2, locked_until = $3::timestamptz,
             updated_at = $1::timestamptz
         FROM picked WHERE j.id = picked.id
         RETURNING j.*`,
        [now, workerId, lockedUntil, limit, types ?? null, dueBefore ?? null],
      );
      return rows.sort(byRunAt).map(toJob);
    },

    async complete(id, workerId) {
      const rows = await db.query(
        `UPDATE ${jobs} SET status = 'done', locked_by = NULL, locked_until = NULL, updated_at = $3
         WHERE id = $1 AND status = 'running' AND locked_by = $2 RETURNING id`,
        [id, workerId, new Date().toISOString()],
      );
      return rows.length > 0;
    },

    async fail(id, workerId, error, retryAt) {
      const rows = await db.query(
        `UPDATE ${jobs}
         SET status = CASE WHEN $4::timestamptz IS NULL THEN 'dead' ELSE 'pending' END,
             run_at = COALESCE($4::timestamptz, run_at), last_error = $3::jsonb,
             locked_by = NULL, locked_until = NULL, updated_at = $5
         WHERE id = $1 AND status = 'running' AND locked_by = $2 RETURNING id`,
        [id, workerId, json(error), retryAt, new Date().toISOString()],
      );
      return rows.length > 0;
    },

    async get(id) {
      const [row] = await db.query<JobRow>(`SELECT * FROM ${jobs} WHERE id = $1`, [id]);
      return row ? toJob(row) : null;
    },

    async list(merchantId, query = {}) {
      const where = new Where()
        .add('merchant_id = ?', merchantId)
        .maybe('status = ?', query.status)
        .maybe('type = ?', query.type);
      const rows = await db.query<JobRow>(
        `SELECT * FROM ${jobs} WHERE ${where} ORDER BY pos LIMIT ${where.param(pageLimit(query.limit))}`,
        where.values,
      );
      return rows.map(toJob);
    },

    async countOpen(now) {
      const [row] = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${jobs}
         WHERE (status = 'pending' AND run_at <= $1::timestamptz) OR status = 'running'`,
        [now],
      );
      return Number(row!.n);
    },
  };
}
