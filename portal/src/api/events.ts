/**
 * /v1/events: the public events (docs/webhooks.md) for polling — oldest first after `after` (an event
 * id), or newest first with `order=desc` (Zapier's polling fallback), filtered by `type` (comma
 * separated); one event; and sending one event again to the webhook endpoints.
 */
import Router from '@koa/router';
import type { Autofactura } from '../../../core/src/automation/types.js';
import { PUBLIC_EVENT_TYPES, type PublicEventType } from '../../../core/src/automation/webhooks/index.js';
import type { ApiState } from '../auth.js';
import { apiError } from '../http-error.js';
import { jsonBody, optionalString } from './body.js';
import { limitParam, stringParam } from './query.js';

function eventNotFound(id: string) {
  return apiError(
    404,
    'EVENT_NOT_FOUND',
    `No existe el evento ${id} en este comercio.`,
    `Event ${id} does not exist for this merchant.`,
    'id',
  );
}

function typesParam(value: unknown): PublicEventType[] | undefined {
  const text = Array.isArray(value) ? value.join(',') : stringParam(value);
  if (!text) return undefined;
  const types = text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const unknown = types.filter((t) => !(PUBLIC_EVENT_TYPES as readonly string[]).includes(t));
  if (unknown.length > 0) {
    throw apiError(
      400,
      'INVALID_PARAMETER',
      `Tipo de evento desconocido: ${unknown.join(', ')}. Usa: ${PUBLIC_EVENT_TYPES.join(', ')}.`,
      `Unknown event type: ${unknown.join(', ')}. Use: ${PUBLIC_EVENT_TYPES.join(', ')}.`,
      'type',
    );
  }
  return types as PublicEventType[];
}

function orderParam(value: unknown): 'asc' | 'desc' {
  const order = stringParam(value) ?? 'asc';
  if (order !== 'asc' && order !== 'desc') {
    throw apiError(
      400,
      'INVALID_PARAMETER',
      'order debe ser asc o desc.',
      'order must be asc or desc.',
      'order',
    );
  }
  return order;
}

export function eventsRouter(af: Autofactura): Router<ApiState> {
  const router = new Router<ApiState>();

  router.get('/events', async (ctx) => {
    const types = typesParam(ctx.query.type);
    const after = stringParam(ctx.query.after);
    const before = stringParam(ctx.query.before);
    const order = orderParam(ctx.query.order);
    const page = await af.webhooks.listEvents(ctx.state.merchant.id, {
      limit: limitParam(ctx.query.limit),
      order,
      ...(types ? { types } : {}),
      ...(after ? { after } : {}),
      ...(before ? { before } : {}),
    });
    const last = page.events[page.events.length - 1];
    ctx.body = {
      object: 'list',
      data: page.events,
      has_more: page.hasMore,
      next_cursor: page.hasMore && last ? last.id : null,
    };
  });

  router.get('/events/:id', async (ctx) => {
    const event = await af.webhooks.getEvent(ctx.state.merchant.id, ctx.params.id!);
    if (!event) throw eventNotFound(ctx.params.id!);
    ctx.body = event;
  });

  router.post('/events/:id/redeliver', async (ctx) => {
    const endpointId = optionalString(jsonBody(ctx), 'endpoint_id');
    const result = await af.webhooks.redeliverEvent(ctx.state.merchant.id, ctx.params.id!, endpointId);
    if (!result) {
      if (endpointId && !(await af.webhooks.getEndpoint(ctx.state.merchant.id, endpointId))) {
        throw apiError(
          404,
          'WEBHOOK_ENDPOINT_NOT_FOUND',
          `No existe el webhook ${endpointId} en este comercio.`,
          `Webhook endpoint ${endpointId} does not exist for this merchant.`,
          'endpoint_id',
        );
      }
      throw eventNotFound(ctx.params.id!);
    }
    ctx.status = 202;
    ctx.body = { object: 'redelivery', event_id: ctx.params.id, endpoint_ids: result.endpointIds };
  });

  return router;
}
