/**
 * Internal events -> public events. `classify` decides, from facts that never change once logged (the
 * event, its payment's log, the invoice's payments and receipts), whether an internal event is a public
 * one: the same answer at dispatch time, on replay and in GET /v1/events, so each public event exists
 * exactly once and keeps its id (the internal event's). `render` adds the resource as the API shows it
 * now.
 */
import type { Invoice, StoredEvent } from '../../store/types.js';
import type { Context } from '../context.js';
import { invoiceObject, paymentObject, receiptObject } from './api-objects.js';
import { EVENT_MAP, type EventMapping, type PublicEventType } from './event-map.js';

export interface PublicEvent {
  id: string;
  object: 'event';
  type: PublicEventType;
  created_at: string;
  data: { object: Record<string, unknown> };
}

export interface Classified {
  event: StoredEvent;
  mapping: EventMapping;
  /** The id of the resource the event is about. */
  resourceId: string;
}

/** Same fact: same internal type about the same resource (receipts are 1:1 with payments). */
function sameFact(a: StoredEvent, b: StoredEvent, mapping: EventMapping): boolean {
  if (a.type !== b.type) return false;
  return mapping.resource === 'invoice' ? a.invoiceId === b.invoiceId : a.paymentId === b.paymentId;
}

/** No earlier event in these payments' logs tells the same fact. */
async function first(ctx: Context, event: StoredEvent, mapping: EventMapping, paymentIds: string[]) {
  for (const paymentId of new Set(paymentIds)) {
    const log = await ctx.store.events.listByPayment(event.merchantId, paymentId);
    if (log.some((other) => other.seq < event.seq && sameFact(other, event, mapping))) return false;
  }
  return true;
}

export async function classify(ctx: Context, event: StoredEvent): Promise<Classified | null> {
  const mapping = EVENT_MAP[event.type];
  if (!mapping) return null;
  const { store } = ctx;
  const anchors = event.paymentId ? [event.paymentId] : [];
  let resourceId: string | undefined;
  let invoice: Invoice | null = null;
  if (mapping.resource === 'payment') resourceId = event.paymentId;
  if (mapping.resource === 'invoice' && event.invoiceId) {
    invoice = await store.invoices.get(event.merchantId, event.invoiceId);
    resourceId = invoice?.id;
    // Logged once per payment of the invoice, its first payment first: that one is the public event.
    if (invoice?.paymentIds[0]) anchors.push(invoice.paymentIds[0]);
  }
  if (mapping.resource === 'receipt') {
    resourceId = event.receiptId;
    if (event.type === 'invoice.issued' && event.paymentId && event.invoiceId) {
      const payment = await store.payments.get(event.merchantId, event.paymentId);
      invoice = await store.invoices.get(event.merchantId, event.invoiceId);
      resourceId =
        payment?.receiptId && invoice?.receiptIds.includes(payment.receiptId) ? payment.receiptId : undefined;
    }
  }
  if (!resourceId) return null;
  if (mapping.once && !(await first(ctx, event, mapping, anchors))) return null;
  return { event, mapping, resourceId };
}

/** The public event with its resource as the API returns it now; null if the resource is gone. */
export async function render(ctx: Context, classified: Classified): Promise<PublicEvent | null> {
  const { event, mapping, resourceId } = classified;
  const { store } = ctx;
  let object: Record<string, unknown> | null = null;
  if (mapping.resource === 'payment') {
    const payment = await store.payments.get(event.merchantId, resourceId);
    object = payment && paymentObject(payment);
  } else if (mapping.resource === 'invoice') {
    const invoice = await store.invoices.get(event.merchantId, resourceId);
    object = invoice && invoiceObject(invoice);
  } else {
    const receipt = await store.receipts.get(event.merchantId, resourceId);
    const merchant = receipt && (await store.merchants.get(event.merchantId));
    object = receipt && receiptObject(ctx, receipt, merchant?.branding.slug);
  }
  if (!object) return null;
  return { id: event.id, object: 'event', type: mapping.type, created_at: event.at, data: { object } };
}

export async function toPublicEvent(ctx: Context, event: StoredEvent): Promise<PublicEvent | null> {
  const classified = await classify(ctx, event);
  return classified ? render(ctx, classified) : null;
}
