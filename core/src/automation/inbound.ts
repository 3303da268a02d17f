/**
 * What arrived on each gateway connection (issue #10): every inbound webhook delivery is logged on the
 * merchant's event log as `webhook.delivery` — the connection, the provider's event, the outcome (accepted,
 * duplicate, ignored, deferred, verification, rejected) and, when refused, the coded reason — so the
 * dashboard shows each connection's last deliveries and a wrong mapping or a bad signature is visible to
 * the merchant. A refused delivery logs only this line: nothing it carried is stored.
 */
import type { StoredEvent } from '../store/types.js';
import type { Context } from './context.js';
import { logEvent } from './events.js';

export const DELIVERY_EVENT = 'webhook.delivery';

export type DeliveryOutcome = 'accepted' | 'duplicate' | 'ignored' | 'deferred' | 'verification' | 'rejected';

export interface InboundDelivery {
  /** 'conekta', 'mercadopago', 'openpay', 'paypal', 'generic', 'stripe'. */
  connection: string;
  /** A generic connection's id (several per merchant). */
  connectionId?: string;
  outcome: DeliveryOutcome;
  eventId?: string;
  eventType?: string;
  paymentId?: string;
  code?: string;
  message?: string;
  messageEn?: string;
}

export interface LoggedDelivery extends InboundDelivery {
  id: string;
  at: string;
}

export interface InboundUseCases {
  /** Logs one delivery for the merchant (ignored when the merchant does not exist). */
  recordDelivery(merchantId: string, delivery: InboundDelivery): Promise<void>;
  /** The connection's latest deliveries, newest first. */
  listDeliveries(
    merchantId: string,
    connection: string,
    options?: { connectionId?: string; limit?: number },
  ): Promise<LoggedDelivery[]>;
}

const SCAN = 500;

export function inboundUseCases(ctx: Context): InboundUseCases {
  return {
    async recordDelivery(merchantId, delivery) {
      if (!(await ctx.store.merchants.get(merchantId))) return;
      const { paymentId, ...data } = delivery;
      await logEvent(ctx, merchantId, DELIVERY_EVENT, paymentId ? { paymentId } : {}, {
        ...data,
        ...(paymentId ? { paymentId } : {}),
      });
    },
    async listDeliveries(merchantId, connection, options = {}) {
      const limit = options.limit ?? 20;
      const found: LoggedDelivery[] = [];
      let before: number | undefined;
      for (let pass = 0; pass < 20 && found.length < limit; pass++) {
        const page: StoredEvent[] = await ctx.store.events.list(merchantId, {
          types: [DELIVERY_EVENT],
          order: 'desc',
          limit: SCAN,
          ...(before !== undefined ? { before } : {}),
        });
        for (const event of page) {
          const data = event.data as unknown as InboundDelivery;
          if (data.connection !== connection) continue;
          if (options.connectionId && data.connectionId !== options.connectionId) continue;
          found.push({ ...data, id: event.id, at: event.at });
          if (found.length >= limit) break;
        }
        if (page.length < SCAN) break;
        before = page[page.length - 1]!.seq;
      }
      return found;
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// What a gateway connector implements (connectors/<name>/src/handler.ts); the portal mounts each one at
// POST /webhooks/<gateway>/:merchantId[/:connectionId] (portal/src/webhooks/gateway-route.ts).

export interface GatewayRequest {
  merchantId: string;
  connectionId?: string;
  rawBody: Buffer;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
}

export interface GatewayResult {
  outcome: DeliveryOutcome;
  eventId?: string;
  eventType?: string;
  paymentId?: string;
  /** Why it was ignored or deferred, or a verification code to show the merchant. */
  reason?: string;
  reasonEn?: string;
}

export interface GatewayHandler {
  /** 'conekta', 'mercadopago', 'openpay', 'paypal', 'generic'. */
  gateway: string;
  /** Routes have a connection id segment (generic webhooks: several per merchant). */
  withConnectionId?: boolean;
  handle(request: GatewayRequest): Promise<GatewayResult>;
}
