/**
 * Backfill (`autofactura stripe sync`): the events Stripe kept (30 days) since a date, listed through the
 * API with the merchant's key, oldest first, each recorded exactly as its webhook would have been — so
 * what the webhooks missed is recorded and what they did not miss changes nothing. An event that cannot
 * be recorded is reported and the rest go on.
 */
import type Stripe from 'stripe';
import { isAutofacturaError } from '../../../core/src/errors.js';
import type { Merchant } from '../../../core/src/store/types.js';
import { ACCOUNT_CONNECTION } from './config.js';
import { StripeWebhookError } from './errors.js';
import { WEBHOOK_EVENTS } from './events.js';
import { processStripeEvent, type StripeWebhookDeps, type StripeWebhookResult } from './handler.js';

/** The most events one sync reads (Stripe keeps 30 days of them). */
const MAX_EVENTS = 100_000;

export interface SyncReport {
  listed: number;
  outcomes: Partial<Record<StripeWebhookResult['outcome'], number>>;
  failed: { eventId: string; type: string; code: string; message: string; messageEn?: string }[];
}

export async function syncStripe(
  deps: StripeWebhookDeps,
  client: Stripe,
  merchant: Merchant,
  since: Date,
): Promise<SyncReport> {
  const account = merchant.connections?.[ACCOUNT_CONNECTION];
  const events: Stripe.Event[] = [];
  await client.events
    .list(
      { created: { gte: Math.floor(since.getTime() / 1000) }, types: [...WEBHOOK_EVENTS], limit: 100 },
      account ? { stripeAccount: account } : undefined,
    )
    .autoPagingEach((event) => {
      events.push(event);
      return events.length < MAX_EVENTS;
    });
  // Stripe lists the newest first; a payment is recorded before its refunds when replayed oldest first.
  events.sort((a, b) => a.created - b.created);
  const report: SyncReport = { listed: events.length, outcomes: {}, failed: [] };
  for (const event of events) {
    try {
      const { outcome } = await processStripeEvent(deps, merchant, event);
      report.outcomes[outcome] = (report.outcomes[outcome] ?? 0) + 1;
    } catch (error) {
      if (!(error instanceof StripeWebhookError) && !isAutofacturaError(error)) throw error;
      report.failed.push({
        eventId: event.id,
        type: event.type,
        code: error.code,
        message: error.message,
        ...(error.messageEn ? { messageEn: error.messageEn } : {}),
      });
    }
  }
  return report;
}
