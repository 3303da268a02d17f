/**
 * The shape of a gateway webhook as the portal's route hands it over (portal/src/webhooks/gateway-route.ts
 * declares the same structurally; a connector imports no portal code).
 */
import type { DeliveryOutcome } from '../../../core/src/automation/inbound.js';

export interface WebhookRequest {
  merchantId: string;
  rawBody: Buffer;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
}

export interface WebhookResult {
  outcome: DeliveryOutcome;
  eventId?: string;
  eventType?: string;
  paymentId?: string;
  reason?: string;
  reasonEn?: string;
}
