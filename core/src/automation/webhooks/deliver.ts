/**
 * The `deliver_webhook` job: sends one event to one endpoint, signed (Standard Webhooks), and logs the
 * attempt. A non-2xx answer, a timeout or a network error is retried with the job runner's backoff; after
 * the last attempt the log says `failed`. A deleted endpoint gets nothing more; an event already
 * delivered to this endpoint (the job enqueued again after a crash) is not sent twice.
 */
import { AutofacturaError } from '../../errors.js';
import { sendWebhook } from '../../notify/webhook-sender.js';
import type { Job } from '../../store/types.js';
import { type Context, nowIso } from '../context.js';
import { newId } from '../ids.js';
import type { Handlers } from '../jobs.js';
import { DELIVER_WEBHOOK, type DeliverPayload } from './dispatch.js';
import { toPublicEvent } from './public-events.js';

async function deliver(ctx: Context, job: Job): Promise<void> {
  const { store } = ctx;
  const { endpointId, eventId, replay } = job.payload as unknown as DeliverPayload;
  const merchantId = job.merchantId;
  const endpoint = await store.webhookEndpoints.get(merchantId, endpointId);
  if (!endpoint) return;
  if (!replay && (await store.webhookAttempts.wasDelivered(merchantId, endpointId, eventId))) return;
  const stored = await store.events.get(merchantId, eventId);
  const event = stored && (await toPublicEvent(ctx, stored));
  if (!event) return;
  const result = await sendWebhook({
    url: endpoint.url,
    secret: ctx.secrets.decryptString(endpoint.secret),
    id: event.id,
    body: JSON.stringify(event),
    now: ctx.clock.now(),
  });
  const last = job.attempts >= job.maxAttempts;
  await store.webhookAttempts.append({
    id: newId('wha'),
    merchantId,
    endpointId,
    eventId,
    eventType: event.type,
    attempt: job.attempts,
    replay,
    at: nowIso(ctx),
    outcome: result.ok ? 'delivered' : last ? 'failed' : 'retrying',
    ...(result.status === undefined ? {} : { status: result.status }),
    ...(result.error === undefined ? {} : { error: result.error }),
    durationMs: result.durationMs,
  });
  if (result.ok) return;
  const why = result.status === undefined ? (result.error ?? 'sin respuesta') : `HTTP ${result.status}`;
  throw new AutofacturaError({
    code: 'WEBHOOK_DELIVERY_FAILED',
    status: 502,
    retriable: true,
    message: `El webhook ${endpoint.url} no aceptó el evento ${event.id} (${why}); se reintentará.`,
    messageEn: `Webhook ${endpoint.url} did not accept event ${event.id} (${why === 'sin respuesta' ? 'no answer' : why}); it will be retried.`,
  });
}

export const WEBHOOK_HANDLERS: Handlers = {
  [DELIVER_WEBHOOK]: {
    run: deliver,
    // Webhook attempts are logged by endpoint (GET /v1/webhook_endpoints/{id}/attempts), not in payments' logs.
    paymentIds: async () => [],
  },
};
