/**
 * The job runner: claims due jobs with a lease (a crashed worker's jobs are claimed again when the lease
 * runs out), runs their handler, and completes them, retries them with exponential backoff and jitter,
 * or gives up (dead letter). A job given up after retriable failures (e.g. the PAC down for hours) calls
 * its handler's `onDead`, which leaves the payment visibly `failed` with the coded reason. Handlers are
 * idempotent: a job may run again after a crash or a lost lease.
 */
import { randomUUID } from 'node:crypto';
import { AutofacturaError, isAutofacturaError } from '../errors.js';
import type { Job } from '../store/types.js';
import { type Context, nowIso, type RetryPolicy } from './context.js';
import { GiveUp } from './errors.js';
import { logEvent } from './events.js';
import type { WorkResult } from './types.js';

export interface JobHandler {
  run(ctx: Context, job: Job): Promise<unknown>;
  /** After the last attempt of a retriable failure; not called for a GiveUp (already handled). */
  onDead?(ctx: Context, job: Job, error: AutofacturaError): Promise<void>;
  /** The payments whose event log tells about this job. */
  paymentIds(ctx: Context, job: Job): Promise<string[]>;
}

export type Handlers = Record<string, JobHandler>;

export type Outcome = 'done' | 'retried' | 'dead';

/** Delay before attempt n+1 after n attempts: base x 2^(n-1), capped, with ±20% jitter. */
export function backoffMs(policy: RetryPolicy, attempts: number, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential * (0.8 + 0.4 * random()));
}

function asError(error: unknown): AutofacturaError {
  if (isAutofacturaError(error)) return error;
  return new AutofacturaError({
    code: 'JOB_ERROR',
    status: 500,
    retriable: true,
    message: `Error inesperado al ejecutar el trabajo: ${error instanceof Error ? error.message : String(error)}`,
    messageEn: `Unexpected error while running the job: ${error instanceof Error ? error.message : String(error)}`,
    cause: error,
  });
}

async function logForJob(
  ctx: Context,
  handler: JobHandler | undefined,
  job: Job,
  type: string,
  data: Record<string, unknown>,
) {
  const paymentIds = handler ? await handler.paymentIds(ctx, job).catch(() => []) : [];
  const base = { jobId: job.id, jobType: job.type, attempt: job.attempts, ...data };
  if (paymentIds.length === 0) await logEvent(ctx, job.merchantId, type, {}, base);
  for (const paymentId of paymentIds) await logEvent(ctx, job.merchantId, type, { paymentId }, base);
}

export async function runJob(
  ctx: Context,
  handlers: Handlers,
  job: Job,
  workerId: string,
): Promise<{ outcome: Outcome; lastError?: Job['lastError'] }> {
  const handler = handlers[job.type];
  try {
    if (!handler) {
      throw new AutofacturaError({
        code: 'JOB_UNKNOWN_TYPE',
        message: `No hay quien ejecute trabajos de tipo "${job.type}"; actualiza autofactura.`,
        messageEn: `Nothing runs jobs of type "${job.type}"; update autofactura.`,
      });
    }
    await handler.run(ctx, job);
    await ctx.store.jobs.complete(job.id, workerId);
    return { outcome: 'done' };
  } catch (thrown) {
    const error = asError(thrown);
    const lastError = {
      code: error.code,
      message: error.message,
      at: nowIso(ctx),
      retriable: error.retriable,
    };
    if (error.retriable && job.attempts < job.maxAttempts) {
      const retryAt = new Date(ctx.clock.now().getTime() + backoffMs(ctx.retry, job.attempts)).toISOString();
      await ctx.store.jobs.fail(job.id, workerId, lastError, retryAt);
      await logForJob(ctx, handler, job, 'job.retried', {
        code: error.code,
        message: error.message,
        retryAt,
      });
      ctx.logger.warn('job retried', { jobId: job.id, type: job.type, code: error.code, retryAt });
      return { outcome: 'retried', lastError };
    }
    if (handler?.onDead && !(error instanceof GiveUp)) await handler.onDead(ctx, job, error);
    await ctx.store.jobs.fail(job.id, workerId, lastError, null);
    await logForJob(ctx, handler, job, 'job.dead', { code: error.code, message: error.message });
    ctx.logger.error('job given up', { jobId: job.id, type: job.type, code: error.code });
    return { outcome: 'dead', lastError };
  }
}

export interface WorkOptions {
  workerId?: string;
  maxJobs?: number;
  signal?: AbortSignal;
  onProgress?: (job: Job, outcome: string) => void;
}

export function defaultWorkerId(): string {
  return `worker-${process.pid}-${randomUUID().slice(0, 8)}`;
}

/** Claims and runs due jobs, `ctx.concurrency` at a time, until none is due, `maxJobs` ran, or the signal aborts. */
export async function workDue(
  ctx: Context,
  handlers: Handlers,
  options: WorkOptions = {},
): Promise<WorkResult> {
  const workerId = options.workerId ?? defaultWorkerId();
  const result: WorkResult = { done: 0, retried: 0, dead: 0 };
  const max = options.maxJobs ?? Number.POSITIVE_INFINITY;
  let started = 0;
  // Retries this run schedules wait for the next run (or the next worker loop); new jobs do not.
  const dueBefore = nowIso(ctx);
  const lane = async () => {
    while (!options.signal?.aborted && started < max) {
      started++;
      const [job] = await ctx.store.jobs.claim({
        now: nowIso(ctx),
        workerId,
        leaseMs: ctx.leaseMs,
        limit: 1,
        dueBefore,
      });
      if (!job) {
        started--;
        return;
      }
      const { outcome, lastError } = await runJob(ctx, handlers, job, workerId);
      result[outcome]++;
      options.onProgress?.(lastError ? { ...job, lastError } : job, outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, ctx.concurrency) }, lane));
  return result;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
