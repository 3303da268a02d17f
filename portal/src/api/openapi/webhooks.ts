/**
 * OpenAPI: outbound webhooks (/v1/webhook_endpoints: subscribe, unsubscribe, replay, attempts) and the
 * public events (/v1/events: polling, one event, redeliver). Event types: docs/webhooks.md.
 */
import { commonErrors, errorResponse, idParam, json, type OpenApiArea, object, ref, str } from './common.js';
import { nullableStr, webhookSchemas } from './webhook-schemas.js';

const endpointNotFound = errorResponse('No such endpoint for this merchant (or deleted).');
const eventNotFound = errorResponse('No such public event for this merchant.');

export const webhooksArea: OpenApiArea = {
  schemas: webhookSchemas,
  paths: {
    '/v1/webhook_endpoints': {
      post: {
        operationId: 'createWebhookEndpoint',
        tags: ['webhooks'],
        summary: 'Subscribe a URL to events (REST hook subscribe); the signing secret is shown once',
        requestBody: { required: true, content: json(ref('WebhookEndpointCreate')) },
        responses: {
          '201': { description: 'Subscribed.', content: json(ref('WebhookEndpointCreated')) },
          '409': errorResponse('Too many endpoints (50).'),
          '422': errorResponse('Bad URL (WEBHOOK_URL_*) or event types (WEBHOOK_EVENTS_INVALID).'),
          ...commonErrors,
        },
      },
      get: {
        operationId: 'listWebhookEndpoints',
        tags: ['webhooks'],
        summary: 'Endpoints of the merchant, oldest first',
        responses: {
          '200': { description: 'All of them.', content: json(ref('WebhookEndpointList')) },
          ...commonErrors,
        },
      },
    },
    '/v1/webhook_endpoints/{id}': {
      get: {
        operationId: 'getWebhookEndpoint',
        tags: ['webhooks'],
        summary: 'One endpoint (never its secret)',
        parameters: [idParam('endpoint')],
        responses: {
          '200': { description: 'The endpoint.', content: json(ref('WebhookEndpoint')) },
          '404': endpointNotFound,
          ...commonErrors,
        },
      },
      delete: {
        operationId: 'deleteWebhookEndpoint',
        tags: ['webhooks'],
        summary: 'Unsubscribe: no more deliveries, queued retries included',
        parameters: [idParam('endpoint')],
        responses: {
          '200': {
            description: 'Deleted.',
            content: json(
              object({ id: str(), object: { const: 'webhook_endpoint' }, deleted: { const: true } }, [
                'id',
                'object',
                'deleted',
              ]),
            ),
          },
          '404': endpointNotFound,
          ...commonErrors,
        },
      },
    },
    '/v1/webhook_endpoints/{id}/replay': {
      post: {
        operationId: 'replayWebhookEndpoint',
        tags: ['webhooks'],
        summary: 'Send again every subscribed event since a moment (at most 1,000), oldest first',
        parameters: [idParam('endpoint')],
        requestBody: {
          required: true,
          content: json(object({ since: str('ISO 8601 instant.', { format: 'date-time' }) }, ['since'])),
        },
        responses: {
          '202': {
            description: 'Queued.',
            content: json(
              object(
                {
                  object: { const: 'replay' },
                  endpoint_id: str(),
                  event_ids: { type: 'array', items: str() },
                },
                ['object', 'endpoint_id', 'event_ids'],
              ),
            ),
          },
          '404': endpointNotFound,
          '422': errorResponse('REPLAY_SINCE_INVALID.'),
          ...commonErrors,
        },
      },
    },
    '/v1/webhook_endpoints/{id}/attempts': {
      get: {
        operationId: 'listWebhookAttempts',
        tags: ['webhooks'],
        summary: 'Delivery attempts to this endpoint, newest first',
        parameters: [
          idParam('endpoint'),
          { name: 'event_id', in: 'query', schema: { type: 'string' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
        ],
        responses: {
          '200': {
            description: 'Attempts.',
            content: json(
              object(
                {
                  object: { const: 'list' },
                  data: { type: 'array', items: ref('WebhookAttempt') },
                  next_cursor: { type: 'null' },
                },
                ['object', 'data', 'next_cursor'],
              ),
            ),
          },
          '404': endpointNotFound,
          ...commonErrors,
        },
      },
    },
    '/v1/events': {
      get: {
        operationId: 'listEvents',
        tags: ['events'],
        summary: 'Public events for polling: oldest first after a cursor, or newest first',
        parameters: [
          {
            name: 'type',
            in: 'query',
            description: 'Comma-separated event types.',
            schema: { type: 'string' },
          },
          {
            name: 'after',
            in: 'query',
            description: 'An event id: only later events.',
            schema: { type: 'string' },
          },
          {
            name: 'before',
            in: 'query',
            description: 'An event id: only earlier events.',
            schema: { type: 'string' },
          },
          { name: 'order', in: 'query', schema: { enum: ['asc', 'desc'] } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
        ],
        responses: {
          '200': {
            description: 'A page.',
            content: json(
              object(
                {
                  object: { const: 'list' },
                  data: { type: 'array', items: ref('WebhookEvent') },
                  has_more: { type: 'boolean' },
                  next_cursor: nullableStr('Pass as `after` (asc) or `before` (desc) for the next page.'),
                },
                ['object', 'data', 'has_more', 'next_cursor'],
              ),
            ),
          },
          ...commonErrors,
        },
      },
    },
    '/v1/events/{id}': {
      get: {
        operationId: 'getEvent',
        tags: ['events'],
        summary: 'One public event',
        parameters: [idParam('event')],
        responses: {
          '200': { description: 'The event.', content: json(ref('WebhookEvent')) },
          '404': eventNotFound,
          ...commonErrors,
        },
      },
    },
    '/v1/events/{id}/redeliver': {
      post: {
        operationId: 'redeliverEvent',
        tags: ['events'],
        summary: 'Send one event again to its subscribed endpoints, or to one of them',
        parameters: [idParam('event')],
        requestBody: { required: false, content: json(object({ endpoint_id: str() })) },
        responses: {
          '202': {
            description: 'Queued for these endpoints.',
            content: json(
              object(
                {
                  object: { const: 'redelivery' },
                  event_id: str(),
                  endpoint_ids: { type: 'array', items: str() },
                },
                ['object', 'event_id', 'endpoint_ids'],
              ),
            ),
          },
          '404': eventNotFound,
          ...commonErrors,
        },
      },
    },
  },
};
