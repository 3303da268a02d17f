/**
 * Outbound webhooks and the events API (issue #5), as the facade's `webhooks` use cases. Every call is
 * scoped by the merchant id (invariant 6).
 */
import type { WebhookAttempt, WebhookEndpoint } from '../../store/types.js';
import type { Context } from '../context.js';
import { createEndpoint, deleteEndpoint, type EndpointInput } from './endpoints.js';
import { type EventPage, type EventQuery, getEvent, listEvents } from './event-list.js';
import type { PublicEvent } from './public-events.js';
import { redeliverEvent, replayEndpoint } from './replay.js';

export { PUBLIC_EVENT_TYPES, type PublicEventType } from './event-map.js';
export type { EndpointInput, EventPage, EventQuery, PublicEvent };

export interface WebhookUseCases {
  /** The secret (`whsec_...`) is returned here only; the store keeps it encrypted. */
  createEndpoint(
    merchantId: string,
    input: EndpointInput,
    mode: 'test' | 'live',
  ): Promise<{ endpoint: WebhookEndpoint; secret: string }>;
  listEndpoints(merchantId: string): Promise<WebhookEndpoint[]>;
  getEndpoint(merchantId: string, id: string): Promise<WebhookEndpoint | null>;
  /** Stops deliveries at once, queued retries included; false when unknown. */
  deleteEndpoint(merchantId: string, id: string): Promise<boolean>;
  /** null when the endpoint is unknown. */
  replayEndpoint(merchantId: string, id: string, since: string): Promise<{ eventIds: string[] } | null>;
  /** null when the event (or the endpoint named) is unknown. */
  redeliverEvent(
    merchantId: string,
    eventId: string,
    endpointId?: string,
  ): Promise<{ endpointIds: string[] } | null>;
  listAttempts(
    merchantId: string,
    query: { endpointId?: string; eventId?: string; limit?: number },
  ): Promise<WebhookAttempt[]>;
  listEvents(merchantId: string, query: EventQuery): Promise<EventPage>;
  getEvent(merchantId: string, id: string): Promise<PublicEvent | null>;
}

export function webhookUseCases(ctx: Context): WebhookUseCases {
  const { store } = ctx;
  return {
    createEndpoint: (merchantId, input, mode) => createEndpoint(ctx, merchantId, input, mode),
    listEndpoints: (merchantId) => store.webhookEndpoints.list(merchantId),
    getEndpoint: (merchantId, id) => store.webhookEndpoints.get(merchantId, id),
    deleteEndpoint: (merchantId, id) => deleteEndpoint(ctx, merchantId, id),
    async replayEndpoint(merchantId, id, since) {
      const endpoint = await store.webhookEndpoints.get(merchantId, id);
      return endpoint ? { eventIds: await replayEndpoint(ctx, endpoint, since) } : null;
    },
    async redeliverEvent(merchantId, eventId, endpointId) {
      const endpoints =
        endpointId === undefined
          ? await store.webhookEndpoints.list(merchantId)
          : [await store.webhookEndpoints.get(merchantId, endpointId)].filter((e) => e !== null);
      if (endpointId !== undefined && endpoints.length === 0) return null;
      const result = await redeliverEvent(ctx, merchantId, eventId, endpoints);
      return result && { endpointIds: result.queued };
    },
    listAttempts: (merchantId, query) => store.webhookAttempts.list(merchantId, query),
    listEvents: (merchantId, query) => listEvents(ctx, merchantId, query),
    getEvent: (merchantId, id) => getEvent(ctx, merchantId, id),
  };
}

export { WEBHOOK_HANDLERS } from './deliver.js';
export { dispatchWebhooks } from './dispatch.js';
