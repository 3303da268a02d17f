/**
 * A worker pass with webhooks: dispatch new events into delivery jobs, work the due jobs, and repeat
 * while the jobs just worked logged events that became deliveries (an invoice stamped during the pass
 * is delivered in the same `jobs run`). Without endpoints it is exactly workDue.
 */
import type { Context } from '../context.js';
import { type Handlers, type WorkOptions, workDue } from '../jobs.js';
import type { WorkResult } from '../types.js';
import { dispatchWebhooks } from './dispatch.js';

const total = (r: WorkResult) => r.done + r.retried + r.dead;

export async function workWithWebhooks(
  ctx: Context,
  handlers: Handlers,
  options: WorkOptions = {},
): Promise<WorkResult> {
  await dispatchWebhooks(ctx);
  const result = await workDue(ctx, handlers, options);
  const max = options.maxJobs ?? Number.POSITIVE_INFINITY;
  while (!options.signal?.aborted && total(result) < max && (await dispatchWebhooks(ctx)) > 0) {
    const more = await workDue(ctx, handlers, { ...options, maxJobs: max - total(result) });
    result.done += more.done;
    result.retried += more.retried;
    result.dead += more.dead;
  }
  return result;
}
