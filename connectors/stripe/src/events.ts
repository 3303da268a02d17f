/** The event types the connector uses (what to enable on the Stripe endpoint); any other is acknowledged and ignored. */
export const WEBHOOK_EVENTS = [
  'payment_intent.succeeded',
  'charge.succeeded',
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'invoice.paid',
  'charge.refunded',
  'refund.created',
  'refund.updated',
  'charge.dispute.closed',
] as const;
