/**
 * /v1/webhook_endpoints: subscribe (Zapier's REST hook subscribe), list, read, delete (unsubscribe),
 * replay events since a moment, and read the delivery attempts.
 */
import Router from '@koa/router';
import type { Autofactura } from '../../../core/src/automation/types.js';
import type { ApiState } from '../auth.js';
import { apiError } from '../http-error.js';
import { jsonBody, optionalString } from './body.js';
import { limitParam, stringParam } from './query.js';
import { attemptJson, endpointJson } from './webhook-json.js';

function endpointNotFound(id: string) {
  return apiError(
    404,
    'WEBHOOK_ENDPOINT_NOT_FOUND',
    `No existe el webhook ${id} en este comercio (o ya se borró).`,
    `Webhook endpoint ${id} does not exist for this merchant (or was deleted).`,
    'id',
  );
}

export function webhookEndpointsRouter(af: Autofactura): Router<ApiState> {
  const router = new Router<ApiState>();
  const { webhooks } = af;

  router.post('/webhook_endpoints', async (ctx) => {
    const body = jsonBody(ctx, true);
    const { endpoint, secret } = await webhooks.createEndpoint(
      ctx.state.merchant.id,
      { url: body.url, events: body.events, description: body.description },
      ctx.state.mode,
    );
    ctx.status = 201;
    ctx.body = endpointJson(endpoint, secret);
  });

  router.get('/webhook_endpoints', async (ctx) => {
    const endpoints = await webhooks.listEndpoints(ctx.state.merchant.id);
    ctx.body = { object: 'list', data: endpoints.map((e) => endpointJson(e)), next_cursor: null };
  });

  router.get('/webhook_endpoints/:id', async (ctx) => {
    const endpoint = await webhooks.getEndpoint(ctx.state.merchant.id, ctx.params.id!);
    if (!endpoint) throw endpointNotFound(ctx.params.id!);
    ctx.body = endpointJson(endpoint);
  });

  router.delete('/webhook_endpoints/:id', async (ctx) => {
    if (!(await webhooks.deleteEndpoint(ctx.state.merchant.id, ctx.params.id!))) {
      throw endpointNotFound(ctx.params.id!);
    }
    ctx.body = { id: ctx.params.id, object: 'webhook_endpoint', deleted: true };
  });

  router.post('/webhook_endpoints/:id/replay', async (ctx) => {
    const since = optionalString(jsonBody(ctx, true), 'since') ?? '';
    const replay = await webhooks.replayEndpoint(ctx.state.merchant.id, ctx.params.id!, since);
    if (!replay) throw endpointNotFound(ctx.params.id!);
    ctx.status = 202;
    ctx.body = { object: 'replay', endpoint_id: ctx.params.id, event_ids: replay.eventIds };
  });

  router.get('/webhook_endpoints/:id/attempts', async (ctx) => {
    const { id } = ctx.params;
    if (!(await webhooks.getEndpoint(ctx.state.merchant.id, id!))) throw endpointNotFound(id!);
    const eventId = stringParam(ctx.query.event_id);
    const attempts = await webhooks.listAttempts(ctx.state.merchant.id, {
      endpointId: id!,
      limit: limitParam(ctx.query.limit),
      ...(eventId ? { eventId } : {}),
    });
    ctx.body = { object: 'list', data: attempts.map(attemptJson), next_cursor: null };
  });

  return router;
}
