/**
 * The shapes the portal's gateway route hands a connector and expects back (structurally the portal's
 * GatewayRequest / GatewayResult / GatewayHandler), declared here so the connector depends on core only.
 */
import type { DeliveryOutcome } from '../../../core/src/automation/inbound.js';

export interface Delivery {
  merchantId: string;
  rawBody: Buffer;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
}

export interface DeliveryResult {
  outcome: DeliveryOutcome;
  eventId?: string;
  eventType?: string;
  paymentId?: string;
  reason?: string;
  reasonEn?: string;
}

export interface DeliveryHandler {
  gateway: string;
  handle(request: Delivery): Promise<DeliveryResult>;
}
