/**
 * The one table from the pipeline's internal event log (automation/events.ts) to public event types
 * (docs/webhooks.md). `once`: the fact happens once per resource, and an internal event that repeats it
 * (an invoice of several payments is logged once per payment; a re-run step) is not published again.
 */

export const PUBLIC_EVENT_TYPES = [
  'payment.created',
  'payment.failed',
  'payment.refunded',
  'invoice.created',
  'invoice.failed',
  'invoice.cancelled',
  'receipt.created',
  'receipt.invoiced',
] as const;

export type PublicEventType = (typeof PUBLIC_EVENT_TYPES)[number];

export type ResourceKind = 'payment' | 'invoice' | 'receipt';

export interface EventMapping {
  type: PublicEventType;
  resource: ResourceKind;
  once: boolean;
}

/** internal type -> public event. */
export const EVENT_MAP: Readonly<Record<string, EventMapping>> = {
  /** A payment recorded for the first time (a redelivery logs payment.duplicate_ignored instead). */
  'payment.received': { type: 'payment.created', resource: 'payment', once: true },
  /** Invoicing it failed for good (each failure after a retry is a new fact). */
  'payment.failed': { type: 'payment.failed', resource: 'payment', once: false },
  /** One refund (each refund id once). */
  'payment.refunded': { type: 'payment.refunded', resource: 'payment', once: false },
  /** A CFDI (invoice, credit note, global) stamped by the PAC. */
  'invoice.stamped': { type: 'invoice.created', resource: 'invoice', once: true },
  /** The PAC or the engine refused a sealed CFDI. */
  'invoice.failed': { type: 'invoice.failed', resource: 'invoice', once: true },
  'invoice.cancelled': { type: 'invoice.cancelled', resource: 'invoice', once: true },
  /** A receipt with its self-invoice link, awaiting the customer. */
  'receipt.created': { type: 'receipt.created', resource: 'receipt', once: true },
  /** A payment with a receipt got its invoice: the receipt is invoiced (public only in that case). */
  'invoice.issued': { type: 'receipt.invoiced', resource: 'receipt', once: true },
};

export function isPublicEventType(type: string): type is PublicEventType {
  return (PUBLIC_EVENT_TYPES as readonly string[]).includes(type);
}

/** Internal types behind some public types ('*' or none: all of them). */
export function internalTypesFor(publicTypes: readonly string[] | undefined): string[] {
  const all = !publicTypes || publicTypes.length === 0 || publicTypes.includes('*');
  return Object.entries(EVENT_MAP)
    .filter(([, mapping]) => all || publicTypes.includes(mapping.type))
    .map(([internal]) => internal);
}

export function subscribes(events: readonly string[], type: PublicEventType): boolean {
  return events.includes('*') || events.includes(type);
}
