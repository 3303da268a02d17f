/**
 * Webhook endpoints of a merchant: create (the signing secret is returned once and stored encrypted),
 * list, get, delete. A new endpoint receives the events logged after it was created.
 */
import { newWebhookSecret } from '../../notify/webhook-signature.js';
import type { WebhookEndpoint } from '../../store/types.js';
import { type Context, nowIso } from '../context.js';
import { conflict, detail, invalid } from '../errors.js';
import { newId } from '../ids.js';
import { isPublicEventType, PUBLIC_EVENT_TYPES } from './event-map.js';
import { urlProblem } from './url-check.js';

/** Endpoints one merchant may have (a Zapier zap subscribes one). */
export const MAX_ENDPOINTS = 50;

export interface EndpointInput {
  url: unknown;
  events: unknown;
  description?: unknown;
}

function eventsProblem(events: unknown) {
  const list = Array.isArray(events) ? events : [];
  const unknown = list.filter(
    (type) => typeof type !== 'string' || (type !== '*' && !isPublicEventType(type)),
  );
  if (list.length > 0 && unknown.length === 0) return null;
  const valid = `${PUBLIC_EVENT_TYPES.join(', ')} o "*"`;
  return detail(
    'WEBHOOK_EVENTS_INVALID',
    'events',
    unknown.length > 0
      ? `Tipo de evento desconocido: ${unknown.map(String).join(', ')}. Usa: ${valid}.`
      : `Indica al menos un tipo de evento en "events": ${valid}.`,
    unknown.length > 0
      ? `Unknown event type: ${unknown.map(String).join(', ')}. Use: ${valid.replace(' o ', ' or ')}.`
      : `Give at least one event type in "events": ${valid.replace(' o ', ' or ')}.`,
  );
}

export async function createEndpoint(
  ctx: Context,
  merchantId: string,
  input: EndpointInput,
  mode: 'test' | 'live',
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const description = input.description ?? undefined;
  const problems = [urlProblem(input.url, mode), eventsProblem(input.events)].filter((p) => p !== null);
  if (description !== undefined && (typeof description !== 'string' || description.length > 200)) {
    problems.push(
      detail(
        'WEBHOOK_DESCRIPTION_INVALID',
        'description',
        'La descripción debe ser texto de hasta 200 caracteres.',
        'The description must be text of up to 200 characters.',
      ),
    );
  }
  if (problems.length > 0) throw invalid(problems);
  if ((await ctx.store.webhookEndpoints.list(merchantId)).length >= MAX_ENDPOINTS) {
    throw conflict(
      'WEBHOOK_ENDPOINT_LIMIT',
      `Ya tienes ${MAX_ENDPOINTS} webhooks; borra los que ya no uses (DELETE /v1/webhook_endpoints/{id}).`,
      `You already have ${MAX_ENDPOINTS} webhook endpoints; delete those you no longer use (DELETE /v1/webhook_endpoints/{id}).`,
    );
  }
  const [latest] = await ctx.store.events.list(merchantId, { order: 'desc', limit: 1 });
  const secret = newWebhookSecret();
  const at = nowIso(ctx);
  const endpoint = await ctx.store.webhookEndpoints.create({
    id: newId('we'),
    merchantId,
    url: (input.url as string).trim(),
    events: [...new Set(input.events as string[])],
    ...(typeof description === 'string' && description !== '' ? { description } : {}),
    secret: ctx.secrets.encrypt(secret),
    cursor: latest?.seq ?? 0,
    createdAt: at,
    updatedAt: at,
  });
  ctx.logger.info('webhook endpoint created', { merchantId, endpointId: endpoint.id });
  return { endpoint, secret };
}

export async function deleteEndpoint(ctx: Context, merchantId: string, id: string): Promise<boolean> {
  const deleted = await ctx.store.webhookEndpoints.delete(merchantId, id, nowIso(ctx));
  if (deleted) ctx.logger.info('webhook endpoint deleted', { merchantId, endpointId: id });
  return deleted;
}
