/**
 * A verified Conekta event -> what core should do with it (pure: no storage, no network).
 * - order.paid: the order is one payment (externalId = the order id, so a redelivery or a later refund
 *   event points at the same payment); amount in centavos, the paid charge's payment method, the
 *   customer from `customer_info` and fiscal data from the order's metadata (sat_rfc, sat_name,
 *   sat_zip, sat_tax_regime, sat_cfdi_use, as the Stripe connector reads them).
 * - order.refunded / order.partially_refunded: each refund of the order's charges (idempotent on the
 *   refund id); the order is recorded first if its order.paid never came.
 * - order.charged_back: the charged-back charges, refunded in full (a lost dispute).
 * - anything else (order.pending_payment for an OXXO or SPEI reference, expired, canceled...): ignored.
 */
import type { PaymentInput, RefundInput } from '../../../core/src/automation/types.js';
import type { PaymentCustomerInput } from '../../../core/src/store/types.js';
import { fromCentavos } from './centavos.js';
import { conektaError } from './errors.js';
import { methodOf } from './payment-method.js';
import {
  type ConektaCharge,
  type ConektaEvent,
  type ConektaOrder,
  eventSchema,
  orderSchema,
} from './schema.js';

export const SOURCE = 'conekta';

export type ConektaAction =
  | { kind: 'payment'; payment: PaymentInput }
  | { kind: 'refunds'; refunds: RefundInput[]; payment: PaymentInput }
  | { kind: 'ignored'; reason: string; reasonEn: string };

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

function malformed(issues: { path: PropertyKey[]; message: string }[]) {
  const where = issues
    .slice(0, 5)
    .map((issue) => issue.path.map(String).join('.') || '(raíz)')
    .join(', ');
  return conektaError(
    'CONEKTA_EVENT_MALFORMED',
    `El evento de Conekta no tiene la forma esperada (revisa: ${where}); reenvíalo desde el panel de Conekta.`,
    `The Conekta event does not have the expected shape (check: ${where}); resend it from Conekta's panel.`,
  );
}

/** The event and its order, or CONEKTA_EVENT_MALFORMED naming what is missing. */
export function parseEvent(body: unknown): { event: ConektaEvent; order: ConektaOrder | undefined } {
  const event = eventSchema.safeParse(body);
  if (!event.success) throw malformed(event.error.issues);
  if (!event.data.type.startsWith('order.')) return { event: event.data, order: undefined };
  const order = orderSchema.safeParse(event.data.data.object);
  if (!order.success)
    throw malformed(order.error.issues.map((i) => ({ ...i, path: ['data', 'object', ...i.path] })));
  return { event: event.data, order: order.data };
}

function metaText(meta: ConektaOrder['metadata'], key: string): string | undefined {
  const value = meta?.[key];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

export function customerOf(order: ConektaOrder): PaymentCustomerInput {
  const info = order.customer_info ?? {};
  const meta = order.metadata;
  const out: PaymentCustomerInput = {};
  const set = (key: keyof PaymentCustomerInput, value: string | null | undefined) => {
    if (value?.trim()) out[key] = value.trim();
  };
  set('externalId', info.customer_id);
  set('email', info.email);
  set('name', metaText(meta, 'sat_name') ?? info.name);
  set('rfc', metaText(meta, 'sat_rfc')?.toUpperCase());
  set('zip', metaText(meta, 'sat_zip'));
  set('taxRegime', metaText(meta, 'sat_tax_regime'));
  set('cfdiUse', metaText(meta, 'sat_cfdi_use')?.toUpperCase());
  return out;
}

/** The charge that paid the order: the paid one, else the first. */
function paidCharge(order: ConektaOrder): ConektaCharge | undefined {
  const charges = order.charges?.data ?? [];
  return charges.find((charge) => charge.status === 'paid') ?? charges[0];
}

export function orderPayment(event: ConektaEvent, order: ConektaOrder): PaymentInput {
  const charge = paidCharge(order);
  const method = methodOf(charge?.payment_method);
  const pm = charge?.payment_method;
  const paidAt = charge?.paid_at ?? charge?.created_at ?? order.updated_at ?? event.created_at;
  const livemode = order.livemode ?? event.livemode;
  return {
    source: SOURCE,
    externalId: order.id,
    ...(livemode === undefined ? {} : { mode: livemode ? 'live' : 'test' }),
    amount: fromCentavos(order.amount),
    currency: order.currency.toUpperCase(),
    ...(paidAt ? { paidAt: iso(paidAt) } : {}),
    ...(method ? { method } : {}),
    customer: customerOf(order),
    metadata: {
      conekta_order: order.id,
      ...(charge ? { conekta_charge: charge.id } : {}),
      ...(pm?.object ? { conekta_payment_method: pm.type ? `${pm.object}:${pm.type}` : pm.object } : {}),
      ...(pm?.brand ? { card_brand: pm.brand } : {}),
      ...(pm?.last4 ? { card_last4: pm.last4 } : {}),
    },
  };
}

function orderRefunds(event: ConektaEvent, order: ConektaOrder): RefundInput[] {
  const refunds: RefundInput[] = [];
  for (const charge of order.charges?.data ?? []) {
    for (const refund of charge.refunds?.data ?? []) {
      // Conekta lists refunds with negative amounts (money leaving the merchant).
      const cents = Math.abs(refund.amount);
      if (cents === 0) continue;
      const at = refund.created_at ?? event.created_at;
      refunds.push({
        source: SOURCE,
        paymentExternalId: order.id,
        refundExternalId: refund.id,
        amount: fromCentavos(cents),
        ...(at ? { at: iso(at) } : {}),
      });
    }
  }
  return refunds;
}

function chargebacks(event: ConektaEvent, order: ConektaOrder): RefundInput[] {
  const charges = order.charges?.data ?? [];
  const lost = charges.filter((charge) => charge.status === 'charged_back');
  return (lost.length > 0 ? lost : charges.slice(0, 1)).map((charge) => ({
    source: SOURCE,
    paymentExternalId: order.id,
    refundExternalId: `${charge.id}:chargeback`,
    amount: fromCentavos(Math.abs(charge.amount)),
    ...(event.created_at ? { at: iso(event.created_at) } : {}),
  }));
}

const ignored = (reason: string, reasonEn: string): ConektaAction => ({ kind: 'ignored', reason, reasonEn });

export function normalizeEvent(body: unknown): { event: ConektaEvent; action: ConektaAction } {
  const { event, order } = parseEvent(body);
  if (!order) {
    return {
      event,
      action: ignored(
        `Evento ${event.type}: no es de una orden.`,
        `Event ${event.type}: not an order event.`,
      ),
    };
  }
  switch (event.type) {
    case 'order.paid':
      if (
        order.payment_status &&
        order.payment_status !== 'paid' &&
        !order.payment_status.includes('refunded')
      )
        return { event, action: ignored('La orden no está pagada.', 'The order is not paid.') };
      return { event, action: { kind: 'payment', payment: orderPayment(event, order) } };
    case 'order.refunded':
    case 'order.partially_refunded': {
      const refunds = orderRefunds(event, order);
      if (refunds.length === 0)
        return {
          event,
          action: ignored(
            'El evento no trae los reembolsos de la orden.',
            "The event carries none of the order's refunds.",
          ),
        };
      return { event, action: { kind: 'refunds', refunds, payment: orderPayment(event, order) } };
    }
    case 'order.charged_back':
      return {
        event,
        action: { kind: 'refunds', refunds: chargebacks(event, order), payment: orderPayment(event, order) },
      };
    default:
      return {
        event,
        action: ignored(
          `Evento ${event.type}: no registra pagos (solo order.paid, reembolsos y contracargos).`,
          `Event ${event.type}: records no payment (only order.paid, refunds and chargebacks).`,
        ),
      };
  }
}
