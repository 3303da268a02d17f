/**
 * Dispatch: for each endpoint, the merchant's events after its cursor become delivery jobs, one per
 * (event, endpoint) with a dedupe key made of both; only then the cursor moves (compare-and-set). A
 * crash between an event's append and its job's enqueue loses nothing: the next pass starts from the
 * old cursor, and a job enqueued twice is one job (or, once done, a no-op: deliver.ts checks the log).
 * Runs in every worker pass; with PostgreSQL several workers may dispatch at once.
 */
import type { WebhookEndpoint } from '../../store/types.js';
import type { Context } from '../context.js';
import { internalTypesFor, subscribes } from './event-map.js';
import { classify } from './public-events.js';

export const DELIVER_WEBHOOK = 'deliver_webhook';

export interface DeliverPayload {
  endpointId: string;
  eventId: string;
  /** Asked for again by the merchant: sent even if it was delivered before. */
  replay: boolean;
}

const BATCH = 200;

export async function enqueueDelivery(
  ctx: Context,
  merchantId: string,
  payload: DeliverPayload,
  delayMs = 0,
): Promise<boolean> {
  const prefix = payload.replay ? 'webhook-replay' : 'webhook';
  const { created } = await ctx.store.jobs.enqueue({
    merchantId,
    type: DELIVER_WEBHOOK,
    dedupeKey: `${prefix}:${payload.endpointId}:${payload.eventId}`,
    payload: { ...payload },
    // Staggered by a millisecond each, so jobs are claimed in the order of their events.
    runAt: new Date(ctx.clock.now().getTime() + delayMs).toISOString(),
    maxAttempts: ctx.retry.maxAttempts,
  });
  return created;
}

async function dispatchEndpoint(ctx: Context, endpoint: WebhookEndpoint): Promise<number> {
  const { merchantId } = endpoint;
  const types = internalTypesFor(endpoint.events);
  let cursor = endpoint.cursor;
  let queued = 0;
  for (;;) {
    const events = await ctx.store.events.list(merchantId, { after: cursor, limit: BATCH, types });
    if (events.length === 0) return queued;
    for (const [index, event] of events.entries()) {
      const classified = await classify(ctx, event);
      if (!classified || !subscribes(endpoint.events, classified.mapping.type)) continue;
      const payload = { endpointId: endpoint.id, eventId: event.id, replay: false };
      if (await enqueueDelivery(ctx, merchantId, payload, index)) queued++;
    }
    const last = events[events.length - 1]!.seq;
    // Another worker moved it (it enqueued the same jobs) or the endpoint was deleted: stop here.
    if (!(await ctx.store.webhookEndpoints.advanceCursor(merchantId, endpoint.id, cursor, last)))
      return queued;
    cursor = last;
    if (events.length < BATCH) return queued;
  }
}

/** One pass over every endpoint; returns how many delivery jobs it created. */
export async function dispatchWebhooks(ctx: Context): Promise<number> {
  let queued = 0;
  for (const endpoint of await ctx.store.webhookEndpoints.listActive()) {
    try {
      queued += await dispatchEndpoint(ctx, endpoint);
    } catch (error) {
      ctx.logger.error('webhook dispatch failed', { endpointId: endpoint.id, error: String(error) });
    }
  }
  return queued;
}
