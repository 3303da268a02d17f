/** A paid Checkout Session, or a paid Billing invoice, as a payment with the customer's tax id and lines. */
import type Stripe from 'stripe';
import { base, ignored, iso, paidWith, type StripeAction } from './action.js';
import { customerInput, customerMetadata, customFieldsMetadata, idOf, rfcFromTaxIds } from './customer.js';
import { invoiceItems, type ProductDefaults } from './items.js';
import { kindOfTypes } from './payment-method.js';

export function sessionPayment(
  event: Stripe.Event,
  session: Stripe.Checkout.Session,
  defaults: ProductDefaults,
): StripeAction {
  if (session.mode !== 'payment') return ignored('subscription_session_invoiced_by_invoice_paid');
  if (session.payment_status !== 'paid') return ignored('session_not_paid');
  const currency = session.currency ?? 'mxn';
  const metadata = { ...customFieldsMetadata(session.custom_fields), ...session.metadata };
  if (currency.toLowerCase() !== 'mxn' && !metadata.sat_exchange_rate) return ignored('awaiting_charge');
  const details = session.customer_details;
  // A card's funding only its Charge tells: a Session that comes first counts it as credit unless the
  // merchant's API key lets the handler read the Charge (cardFundingFrom, api-key.ts).
  const known = kindOfTypes(session.payment_method_types);
  const assumedCard = !known && session.payment_method_types?.includes('card') === true;
  const { method, stripeMethod } = paidWith(known ?? (assumedCard ? 'credit' : undefined));
  const items = session.line_items
    ? invoiceItems(session.line_items.data, session.amount_total ?? 0, currency, defaults)
    : undefined;
  const intent = typeof session.payment_intent === 'object' ? session.payment_intent : null;
  const intentId = idOf(session.payment_intent);
  return {
    kind: 'payment',
    ...(assumedCard && intentId ? { cardFundingFrom: intentId } : {}),
    ...(items ? {} : { itemsFrom: { session: session.id, paid: session.amount_total ?? 0, currency } }),
    payment: {
      ...base(event, currency, session.amount_total ?? 0),
      externalId: idOf(session.payment_intent) ?? session.id,
      paidAt: iso(event.created),
      ...(method ? { method } : {}),
      ...(metadata.sat_exchange_rate ? { exchangeRate: metadata.sat_exchange_rate } : {}),
      ...(items ? { items } : {}),
      customer: customerInput({
        stripeCustomer: idOf(session.customer),
        email: details?.email ?? session.customer_email,
        name: details?.name,
        zip: details?.address?.postal_code,
        rfc: rfcFromTaxIds(details?.tax_ids),
        metadata: [metadata, intent?.metadata, customerMetadata(session.customer)],
      }),
      metadata: { stripe_checkout_session: session.id, ...stripeMethod },
    },
  };
}

/** The PaymentIntent of an invoice: `payment_intent` (before API 2025-03-31) or its first payment's. */
function invoiceIntent(invoice: Stripe.Invoice): string | undefined {
  const legacy = (invoice as unknown as { payment_intent?: string | { id: string } | null }).payment_intent;
  const paid = invoice.payments?.data?.find((entry) => entry.payment?.payment_intent);
  return idOf(legacy) ?? idOf(paid?.payment?.payment_intent);
}

export function invoicePayment(
  event: Stripe.Event,
  invoice: Stripe.Invoice,
  defaults: ProductDefaults,
): StripeAction {
  if (invoice.amount_paid <= 0) return ignored('invoice_nothing_paid');
  if (invoice.currency.toLowerCase() !== 'mxn' && !invoice.metadata?.sat_exchange_rate)
    return ignored('awaiting_charge');
  const items = invoiceItems(invoice.lines.data, invoice.amount_paid, invoice.currency, defaults);
  return {
    kind: 'payment',
    payment: {
      ...base(event, invoice.currency, invoice.amount_paid),
      externalId: invoiceIntent(invoice) ?? invoice.id,
      paidAt: iso(invoice.status_transitions?.paid_at ?? event.created),
      ...(invoice.metadata?.sat_exchange_rate ? { exchangeRate: invoice.metadata.sat_exchange_rate } : {}),
      ...(items ? { items } : {}),
      customer: customerInput({
        stripeCustomer: idOf(invoice.customer),
        email: invoice.customer_email,
        name: invoice.customer_name,
        zip: invoice.customer_address?.postal_code,
        rfc: rfcFromTaxIds(invoice.customer_tax_ids),
        metadata: [invoice.metadata, customerMetadata(invoice.customer)],
      }),
      metadata: { stripe_invoice: invoice.id },
    },
  };
}
