/**
 * GET /v1/events: public events of one merchant, oldest first after a cursor (`after`, an event id) or
 * newest first (`order: 'desc'`, paging back with `before`), optionally of some types. Internal events
 * that are not public (repeats of a fact, non-public steps) are skipped, so a page may scan more than it
 * returns.
 */
import type { StoredEvent } from '../../store/types.js';
import type { Context } from '../context.js';
import { detail, invalid } from '../errors.js';
import { internalTypesFor, type PublicEventType } from './event-map.js';
import { classify, type PublicEvent, render } from './public-events.js';

export interface EventQuery {
  types?: PublicEventType[];
  /** Event id: only events after it. */
  after?: string;
  /** Event id: only events before it. */
  before?: string;
  limit?: number;
  order?: 'asc' | 'desc';
}

export interface EventPage {
  events: PublicEvent[];
  hasMore: boolean;
}

const SCAN = 200;

async function seqOf(ctx: Context, merchantId: string, id: string | undefined, param: string) {
  if (id === undefined) return undefined;
  const event = await ctx.store.events.get(merchantId, id);
  if (!event) {
    throw invalid(
      [
        detail(
          'EVENT_CURSOR_UNKNOWN',
          param,
          `El evento ${id} no existe en este comercio; usa el id de un evento que recibiste.`,
          `Event ${id} does not exist for this merchant; use the id of an event you received.`,
        ),
      ],
      400,
    );
  }
  return event.seq;
}

export async function listEvents(ctx: Context, merchantId: string, query: EventQuery): Promise<EventPage> {
  const limit = query.limit ?? 20;
  const desc = query.order === 'desc';
  let after = await seqOf(ctx, merchantId, query.after, 'after');
  let before = await seqOf(ctx, merchantId, query.before, 'before');
  const types = internalTypesFor(query.types);
  const found: PublicEvent[] = [];
  for (;;) {
    const batch: StoredEvent[] = await ctx.store.events.list(merchantId, {
      types,
      limit: SCAN,
      order: desc ? 'desc' : 'asc',
      ...(after === undefined ? {} : { after }),
      ...(before === undefined ? {} : { before }),
    });
    for (const event of batch) {
      const classified = await classify(ctx, event);
      const rendered = classified && (await render(ctx, classified));
      if (!rendered) continue;
      if (found.length === limit) return { events: found, hasMore: true };
      found.push(rendered);
    }
    if (batch.length < SCAN) return { events: found, hasMore: false };
    const edge = batch[batch.length - 1]!.seq;
    if (desc) before = edge;
    else after = edge;
  }
}

export async function getEvent(ctx: Context, merchantId: string, id: string): Promise<PublicEvent | null> {
  const event = await ctx.store.events.get(merchantId, id);
  const classified = event && (await classify(ctx, event));
  return classified ? render(ctx, classified) : null;
}
