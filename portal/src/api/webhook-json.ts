/** What the API returns for webhook endpoints and delivery attempts: never the secret or the cursor. */
import type { WebhookAttempt, WebhookEndpoint } from '../../../core/src/store/types.js';

export function endpointJson(endpoint: WebhookEndpoint, secret?: string): Record<string, unknown> {
  return {
    id: endpoint.id,
    object: 'webhook_endpoint',
    url: endpoint.url,
    events: endpoint.events,
    description: endpoint.description ?? null,
    created_at: endpoint.createdAt,
    updated_at: endpoint.updatedAt,
    ...(secret === undefined ? {} : { secret }),
  };
}

export function attemptJson(attempt: WebhookAttempt): Record<string, unknown> {
  return {
    id: attempt.id,
    object: 'webhook_attempt',
    endpoint_id: attempt.endpointId,
    event_id: attempt.eventId,
    event_type: attempt.eventType,
    attempt: attempt.attempt,
    replay: attempt.replay,
    at: attempt.at,
    outcome: attempt.outcome,
    status: attempt.status ?? null,
    error: attempt.error ?? null,
    duration_ms: attempt.durationMs,
  };
}
