/**
 * Storage port of outbound webhooks (issue #5): the merchant's endpoints and the log of delivery
 * attempts. Re-exported by store/types.ts; both adapters implement it and pass the contract suite
 * (test/core/store/contract/webhooks.ts).
 */
import type { Encrypted, Iso } from './types.js';

export interface WebhookEndpoint {
  /** `we_<random>`. */
  id: string;
  merchantId: string;
  /** http(s) URL the events are POSTed to. */
  url: string;
  /** Public event types (docs/webhooks.md) or ['*'] for all. */
  events: string[];
  description?: string;
  /** The signing secret `whsec_<base64>`, encrypted with the merchant secret box. */
  secret: Encrypted;
  /**
   * Dispatch cursor: delivery jobs exist for every event of the merchant with seq <= cursor. Moved only
   * after those jobs are enqueued (compare-and-set), so a crash in between loses nothing.
   */
  cursor: number;
  createdAt: Iso;
  updatedAt: Iso;
  /** Set by delete: the endpoint is no longer listed, found or delivered to. */
  deletedAt?: Iso;
}

export type WebhookOutcome = 'delivered' | 'retrying' | 'failed';

/** One HTTP attempt to deliver one event to one endpoint. */
export interface WebhookAttempt {
  /** `wha_<random>`. */
  id: string;
  merchantId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  /** 1 for the first try of a delivery job, 2 for its first retry... */
  attempt: number;
  /** true when the merchant asked for it again (replay or redeliver). */
  replay: boolean;
  at: Iso;
  /** delivered: 2xx; retrying: another attempt is scheduled; failed: given up after the last attempt. */
  outcome: WebhookOutcome;
  /** HTTP status of the answer, when there was one. */
  status?: number;
  /** Network error or timeout, when there was no answer. */
  error?: string;
  durationMs: number;
}

export interface WebhookEndpointRepo {
  /** Throws STORE_DUPLICATE when the id exists. */
  create(endpoint: WebhookEndpoint): Promise<WebhookEndpoint>;
  /** null for an unknown, deleted or other merchant's endpoint. */
  get(merchantId: string, id: string): Promise<WebhookEndpoint | null>;
  /** The merchant's endpoints that are not deleted, oldest first. */
  list(merchantId: string): Promise<WebhookEndpoint[]>;
  /** Every merchant's endpoints that are not deleted (the dispatcher). */
  listActive(): Promise<WebhookEndpoint[]>;
  /** Marks it deleted; false when it is unknown or already deleted. */
  delete(merchantId: string, id: string, at: Iso): Promise<boolean>;
  /** Sets cursor = to only while it still equals `from` and the endpoint is not deleted; atomic. */
  advanceCursor(merchantId: string, id: string, from: number, to: number): Promise<boolean>;
}

export interface WebhookAttemptRepo {
  append(attempt: WebhookAttempt): Promise<WebhookAttempt>;
  /** The merchant's attempts, newest first, optionally for one endpoint and/or one event. */
  list(
    merchantId: string,
    query?: { endpointId?: string; eventId?: string; limit?: number },
  ): Promise<WebhookAttempt[]>;
  /** Whether an attempt of this event to this endpoint (not a replay) got a 2xx. */
  wasDelivered(merchantId: string, endpointId: string, eventId: string): Promise<boolean>;
}
