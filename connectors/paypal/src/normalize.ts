/**
 * A verified PayPal event -> what core should record (pure: no storage, no network).
 * - PAYMENT.CAPTURE.COMPLETED (capture status COMPLETED): a payment whose external id is the capture's;
 *   its order (supplementary_data.related_ids.order_id) is named so the handler can fetch the payer.
 * - PAYMENT.CAPTURE.REFUNDED: the refund (status COMPLETED) of the capture its `up` link names.
 * - anything else (pending captures, disputes, orders): ignored with the reason.
 * Amounts are PayPal's decimal strings as sent.
 */
import type { PaymentInput, RefundInput } from '../../../core/src/automation/types.js';
import { readDecimal } from '../../../core/src/money/parse-decimal.js';
import type { PaymentCustomerInput, PaymentMethod } from '../../../core/src/store/types.js';
import { inCurrency } from './amounts.js';
import type { PaypalOrder } from './api.js';
import { paypalError } from './errors.js';

export const SOURCE = 'paypal';

interface Money {
  currency_code?: string;
  value?: string;
}

export interface PaypalEvent {
  id: string;
  event_type: string;
  resource_type?: string;
  create_time?: string;
  resource?: {
    id?: string;
    status?: string;
    amount?: Money;
    create_time?: string;
    custom_id?: string;
    invoice_id?: string;
    supplementary_data?: { related_ids?: { order_id?: string; capture_id?: string } };
    links?: Array<{ href?: string; rel?: string }>;
    payer?: { email_address?: string; payer_id?: string; name?: { given_name?: string; surname?: string } };
  };
}

export type PaypalAction =
  | { kind: 'payment'; payment: PaymentInput; orderId?: string }
  | { kind: 'refund'; refund: RefundInput }
  | { kind: 'ignored'; reason: string; reasonEn: string };

const malformed = (detail: string, detailEn: string, cause?: unknown) =>
  paypalError(
    'PAYPAL_EVENT_MALFORMED',
    `El evento de PayPal no es válido: ${detail}.`,
    `The PayPal event is not valid: ${detailEn}.`,
    400,
    cause,
  );

export function parseEvent(rawBody: Buffer): PaypalEvent {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch (error) {
    throw malformed('el cuerpo no es JSON', 'the body is not JSON', error);
  }
  const event = body as PaypalEvent;
  if (
    !event ||
    typeof event !== 'object' ||
    typeof event.id !== 'string' ||
    typeof event.event_type !== 'string'
  )
    throw malformed('faltan id o event_type', 'id or event_type is missing');
  return event;
}

function money(amount: Money | undefined, what: string): { amount: string; currency: string } {
  const read = readDecimal(amount?.value, false);
  const currency = amount?.currency_code?.toUpperCase();
  const text = read.ok && currency ? inCurrency(read.text, currency) : undefined;
  if (!text || !currency)
    throw malformed(
      `${what} sin amount.value decimal y amount.currency_code`,
      `${what} without a decimal amount.value and amount.currency_code`,
    );
  return { amount: text, currency };
}

const ignored = (es: string, en: string): PaypalAction => ({ kind: 'ignored', reason: es, reasonEn: en });

export function normalizeEvent(event: PaypalEvent, mode: 'live' | 'test'): PaypalAction {
  const resource = event.resource ?? {};
  switch (event.event_type) {
    case 'PAYMENT.CAPTURE.COMPLETED': {
      if (!resource.id) throw malformed('la captura no tiene id', 'the capture has no id');
      if (resource.status !== 'COMPLETED')
        return ignored(
          `Captura ${resource.id} en estado ${resource.status}: se registra cuando se complete.`,
          `Capture ${resource.id} is ${resource.status}: it is recorded when it completes.`,
        );
      const orderId = resource.supplementary_data?.related_ids?.order_id;
      const metadata: Record<string, string> = { paypal_capture_id: resource.id };
      if (orderId) metadata.paypal_order_id = orderId;
      if (resource.custom_id) metadata.custom_id = resource.custom_id;
      if (resource.invoice_id) metadata.invoice_id = resource.invoice_id;
      const buyer = payerCustomer(resource.payer);
      return {
        kind: 'payment',
        payment: {
          source: SOURCE,
          externalId: resource.id,
          mode,
          ...money(resource.amount, 'la captura / the capture'),
          ...(resource.create_time ? { paidAt: new Date(resource.create_time).toISOString() } : {}),
          method: 'wallet',
          ...(buyer ? { customer: buyer } : {}),
          metadata,
        },
        ...(orderId ? { orderId } : {}),
      };
    }
    case 'PAYMENT.CAPTURE.REFUNDED': {
      if (!resource.id) throw malformed('el reembolso no tiene id', 'the refund has no id');
      if (resource.status && resource.status !== 'COMPLETED')
        return ignored(
          `Reembolso ${resource.id} en estado ${resource.status}.`,
          `Refund ${resource.id} is ${resource.status}.`,
        );
      const up = resource.links?.find((link) => link.rel === 'up')?.href;
      const capture = up?.match(/\/captures\/([^/?#]+)/)?.[1];
      if (!capture)
        throw malformed(
          'el reembolso no enlaza su captura (links rel=up)',
          'the refund does not link its capture (links rel=up)',
        );
      return {
        kind: 'refund',
        refund: {
          source: SOURCE,
          paymentExternalId: capture,
          refundExternalId: resource.id,
          amount: money(resource.amount, 'el reembolso / the refund').amount,
          ...(resource.create_time ? { at: new Date(resource.create_time).toISOString() } : {}),
        },
      };
    }
    default:
      return ignored(
        `Evento ${event.event_type}: solo se usan PAYMENT.CAPTURE.COMPLETED y PAYMENT.CAPTURE.REFUNDED.`,
        `A ${event.event_type} event: only PAYMENT.CAPTURE.COMPLETED and PAYMENT.CAPTURE.REFUNDED are used.`,
      );
  }
}

function payerCustomer(payer: NonNullable<PaypalEvent['resource']>['payer'] | PaypalOrder['payer']) {
  if (!payer) return undefined;
  const name = [payer.name?.given_name, payer.name?.surname]
    .filter((part): part is string => !!part?.trim())
    .map((part) => part.trim())
    .join(' ');
  const out: PaymentCustomerInput = {
    ...(payer.email_address ? { email: payer.email_address.trim() } : {}),
    ...(name ? { name } : {}),
    ...(payer.payer_id ? { externalId: payer.payer_id } : {}),
  };
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The payer and how they paid, from the capture's order: the payer (or PayPal account), a card's type. */
export function withOrder(payment: PaymentInput, order: PaypalOrder): PaymentInput {
  const account = order.payment_source?.paypal;
  const buyer =
    payerCustomer(order.payer) ??
    payerCustomer(
      account
        ? {
            ...(account.email_address ? { email_address: account.email_address } : {}),
            ...(account.account_id ? { payer_id: account.account_id } : {}),
            ...(account.name ? { name: account.name } : {}),
          }
        : undefined,
    );
  const card = order.payment_source?.card?.type?.toUpperCase();
  const method: PaymentMethod | undefined =
    card === 'CREDIT' ? 'card_credit' : card === 'DEBIT' || card === 'PREPAID' ? 'card_debit' : undefined;
  return {
    ...payment,
    ...(method ? { method } : {}),
    ...(buyer ? { customer: { ...buyer, ...payment.customer } } : {}),
  };
}
