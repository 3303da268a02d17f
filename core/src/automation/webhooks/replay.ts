/**
 * Sending events again on request: one event to its subscribed endpoints (or one of them), or every
 * event of an endpoint since a moment (a receiver that was down for longer than the retries last).
 * Replays are their own jobs: sent even when delivered before, once per (event, endpoint) at a time.
 */
import type { WebhookEndpoint } from '../../store/types.js';
import type { Context } from '../context.js';
import { detail, invalid } from '../errors.js';
import { enqueueDelivery } from './dispatch.js';
import { internalTypesFor, subscribes } from './event-map.js';
import { classify } from './public-events.js';

/** At most this many events per replay request. */
export const MAX_REPLAY = 1000;
const SCAN = 200;

/** Queues `eventId` again for `endpoints` that subscribe to its type; null when it is not a public event. */
export async function redeliverEvent(
  ctx: Context,
  merchantId: string,
  eventId: string,
  endpoints: WebhookEndpoint[],
): Promise<{ queued: string[] } | null> {
  const stored = await ctx.store.events.get(merchantId, eventId);
  const classified = stored && (await classify(ctx, stored));
  if (!classified) return null;
  const queued: string[] = [];
  for (const endpoint of endpoints) {
    if (!subscribes(endpoint.events, classified.mapping.type)) continue;
    await enqueueDelivery(ctx, merchantId, { endpointId: endpoint.id, eventId, replay: true });
    queued.push(endpoint.id);
  }
  return { queued };
}

/** Queues every event the endpoint subscribes to from `since` (ISO) up to now; returns their ids. */
export async function replayEndpoint(
  ctx: Context,
  endpoint: WebhookEndpoint,
  since: string,
): Promise<string[]> {
  const from = Date.parse(since);
  if (Number.isNaN(from)) {
    throw invalid([
      detail(
        'REPLAY_SINCE_INVALID',
        'since',
        'Indica desde cuándo reenviar con "since", una fecha ISO 8601 como 2026-11-28T00:00:00Z.',
        'Say from when to replay with "since", an ISO 8601 date such as 2026-11-28T00:00:00Z.',
      ),
    ]);
  }
  const types = internalTypesFor(endpoint.events);
  const picked: string[] = [];
  let before: number | undefined;
  // Newest first back to `since`, then queued oldest first.
  scan: for (;;) {
    const batch = await ctx.store.events.list(endpoint.merchantId, {
      types,
      order: 'desc',
      limit: SCAN,
      ...(before === undefined ? {} : { before }),
    });
    for (const event of batch) {
      if (Date.parse(event.at) < from) break scan;
      const classified = await classify(ctx, event);
      if (!classified || !subscribes(endpoint.events, classified.mapping.type)) continue;
      picked.push(event.id);
      if (picked.length === MAX_REPLAY) break scan;
    }
    if (batch.length < SCAN) break;
    before = batch[batch.length - 1]!.seq;
  }
  picked.reverse();
  for (const [index, eventId] of picked.entries()) {
    await enqueueDelivery(
      ctx,
      endpoint.merchantId,
      { endpointId: endpoint.id, eventId, replay: true },
      index,
    );
  }
  return picked;
}
