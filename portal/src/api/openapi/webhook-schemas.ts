/** OpenAPI schemas of outbound webhooks and public events (paths: webhooks.ts). */
import { PUBLIC_EVENT_TYPES } from '../../../../core/src/automation/webhooks/event-map.js';
import { instant, object, ref, type Schema, str } from './common.js';

export const nullableStr = (description: string): Schema => ({ type: ['string', 'null'], description });
const eventTypes = { type: 'string', enum: [...PUBLIC_EVENT_TYPES] };
const endpointFields = {
  id: str('`we_...`.'),
  object: { const: 'webhook_endpoint' },
  url: str('Where events are POSTed.'),
  events: { type: 'array', items: { type: 'string', enum: [...PUBLIC_EVENT_TYPES, '*'] } },
  description: nullableStr('Your note, e.g. "Zapier: New Invoice".'),
  created_at: instant(''),
  updated_at: instant(''),
};
const endpointRequired = ['id', 'object', 'url', 'events', 'description', 'created_at', 'updated_at'];

export const webhookSchemas: Record<string, Schema> = {
  WebhookEndpointCreate: object(
    {
      url: str('http(s) URL; with a live key it must be https and public.'),
      events: {
        type: 'array',
        minItems: 1,
        items: { type: 'string', enum: [...PUBLIC_EVENT_TYPES, '*'] },
        description: 'Event types to receive, or ["*"] for all.',
      },
      description: str('Up to 200 characters.', { maxLength: 200 }),
    },
    ['url', 'events'],
  ),
  WebhookEndpoint: object(endpointFields, endpointRequired),
  WebhookEndpointCreated: object(
    {
      ...endpointFields,
      secret: str('Signing secret `whsec_<base64>`, shown only in this answer; keep it safe.', {
        pattern: '^whsec_[A-Za-z0-9+/]+=*$',
      }),
    },
    [...endpointRequired, 'secret'],
  ),
  WebhookEndpointList: object(
    {
      object: { const: 'list' },
      data: { type: 'array', items: ref('WebhookEndpoint') },
      next_cursor: { type: 'null' },
    },
    ['object', 'data', 'next_cursor'],
  ),
  WebhookAttempt: object(
    {
      id: str(),
      object: { const: 'webhook_attempt' },
      endpoint_id: str(),
      event_id: str(),
      event_type: eventTypes,
      attempt: { type: 'integer', minimum: 1 },
      replay: { type: 'boolean', description: 'Sent again on request (replay or redeliver).' },
      at: instant(''),
      outcome: {
        enum: ['delivered', 'retrying', 'failed'],
        description: 'delivered (2xx), retrying (another attempt is scheduled), failed (given up).',
      },
      status: { type: ['integer', 'null'], description: 'HTTP status of the answer.' },
      error: nullableStr('Why there was no answer: timeout, ECONNREFUSED...'),
      duration_ms: { type: 'integer' },
    },
    [
      'id',
      'object',
      'endpoint_id',
      'event_id',
      'event_type',
      'attempt',
      'replay',
      'at',
      'outcome',
      'status',
      'error',
      'duration_ms',
    ],
  ),
  WebhookEvent: object(
    {
      id: str('`evt_...`: also the `webhook-id` header; the same on every retry and replay.'),
      object: { const: 'event' },
      type: eventTypes,
      created_at: instant('When it happened.'),
      data: object(
        {
          object: {
            description:
              'The payment, invoice or receipt as GET /v1/{payments|invoices|receipts}/{id} returns it now.',
            oneOf: [ref('Payment'), ref('Invoice'), ref('Receipt')],
          },
        },
        ['object'],
      ),
    },
    ['id', 'object', 'type', 'created_at', 'data'],
    'A public event; webhooks POST exactly this JSON, signed per Standard Webhooks.',
  ),
};
