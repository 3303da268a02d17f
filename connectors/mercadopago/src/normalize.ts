/**
 * A payment fetched from MercadoPago -> what core should record (pure: no storage, no network).
 * - payment: an approved payment (or one approved before and since refunded or charged back) with its
 *   approved refunds; a chargeback without a refund line credits what was not yet refunded.
 * - ignored: pending, in process, rejected, cancelled, authorized-not-captured: nothing is recorded
 *   (the notification of its approval records it).
 */
import type { PaymentInput, RefundInput } from '../../../core/src/automation/types.js';
import { Dec } from '../../../core/src/money/decimal.js';
import { readDecimal } from '../../../core/src/money/parse-decimal.js';
import type { PaymentCustomerInput } from '../../../core/src/store/types.js';
import { inCurrency } from './amounts.js';
import { mercadoPagoError } from './errors.js';
import { methodOfPaymentType } from './payment-type.js';
import type { MercadoPagoPayment } from './types.js';

export const SOURCE = 'mercadopago';

export type MercadoPagoAction =
  | { kind: 'payment'; payment: PaymentInput; refunds: RefundInput[] }
  | { kind: 'ignored'; reason: string; reasonEn: string };

const RECORDED = new Set(['approved', 'refunded', 'charged_back']);

function amount(value: unknown, what: string, currency: string): string {
  const read = readDecimal(value, false);
  const text = read.ok ? inCurrency(read.text, currency) : undefined;
  if (!text) {
    throw mercadoPagoError(
      'MERCADOPAGO_PAYMENT_MALFORMED',
      `Mercado Pago respondió un ${what} que no es un importe decimal (${String(value)}).`,
      `Mercado Pago answered a ${what} that is not a decimal amount (${String(value)}).`,
      422,
    );
  }
  return text;
}

const iso = (value: string | null | undefined) => {
  const date = value ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
};

/**
 * The payer: email, name (payer or additional_info.payer), MercadoPago's payer id, an RFC identification;
 * the fiscal data the shop put in the payment's metadata (same keys as the Stripe connector's) wins.
 */
function customer(payment: MercadoPagoPayment): PaymentCustomerInput | undefined {
  const payer = payment.payer ?? {};
  const extra = payment.additional_info?.payer ?? {};
  const meta = (key: string) => {
    const value = payment.metadata?.[key];
    return typeof value === 'string' && value.trim() ? value.trim() : undefined;
  };
  const name =
    meta('sat_name') ??
    [payer.first_name || extra.first_name, payer.last_name || extra.last_name]
      .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
      .map((part) => part.trim())
      .join(' ');
  const rfc =
    meta('sat_rfc') ??
    (payer.identification?.type?.toUpperCase() === 'RFC' ? payer.identification.number?.trim() : undefined);
  const zip = meta('sat_zip');
  const taxRegime = meta('sat_tax_regime');
  const cfdiUse = meta('sat_cfdi_use');
  const out: PaymentCustomerInput = {
    ...(payer.email ? { email: payer.email.trim() } : {}),
    ...(name ? { name } : {}),
    ...(payer.id ? { externalId: String(payer.id) } : {}),
    ...(rfc ? { rfc: rfc.toUpperCase() } : {}),
    ...(zip ? { zip } : {}),
    ...(taxRegime ? { taxRegime } : {}),
    ...(cfdiUse ? { cfdiUse: cfdiUse.toUpperCase() } : {}),
  };
  return Object.keys(out).length > 0 ? out : undefined;
}

function refunds(
  payment: MercadoPagoPayment,
  externalId: string,
  total: string,
  currency: string,
): RefundInput[] {
  const out: RefundInput[] = (payment.refunds ?? [])
    .filter((refund) => refund.status === undefined || refund.status === 'approved')
    .map((refund) => ({
      source: SOURCE,
      paymentExternalId: externalId,
      refundExternalId: String(refund.id),
      amount: amount(refund.amount, 'reembolso / refund', currency),
      ...(iso(refund.date_created) ? { at: iso(refund.date_created)! } : {}),
    }));
  if (payment.status === 'charged_back') {
    const refunded = out.reduce((sum, refund) => sum.plus(refund.amount), new Dec(0));
    const rest = new Dec(total).minus(refunded);
    if (rest.gt(0)) {
      out.push({
        source: SOURCE,
        paymentExternalId: externalId,
        refundExternalId: `chargeback-${externalId}`,
        amount: inCurrency(rest.toFixed(), currency) ?? rest.toFixed(),
      });
    }
  }
  return out;
}

export function normalizePayment(payment: MercadoPagoPayment): MercadoPagoAction {
  const status = payment.status ?? 'unknown';
  if (!RECORDED.has(status) || (status !== 'approved' && !payment.date_approved)) {
    return {
      kind: 'ignored',
      reason: `Pago ${payment.id} en estado ${status}: se registra cuando Mercado Pago lo apruebe.`,
      reasonEn: `Payment ${payment.id} is ${status}: it is recorded when Mercado Pago approves it.`,
    };
  }
  const externalId = String(payment.id);
  const currency = (payment.currency_id ?? 'MXN').toUpperCase();
  const total = amount(payment.transaction_amount, 'transaction_amount', currency);
  const method = methodOfPaymentType(payment.payment_type_id);
  const buyer = customer(payment);
  const paidAt = iso(payment.date_approved) ?? iso(payment.date_created);
  const metadata: Record<string, string> = { mercadopago_payment_id: externalId };
  if (payment.payment_type_id) metadata.mercadopago_payment_type = payment.payment_type_id;
  if (payment.payment_method_id) metadata.mercadopago_payment_method = payment.payment_method_id;
  if (payment.external_reference) metadata.external_reference = payment.external_reference;
  if (payment.order?.id) metadata.mercadopago_order_id = String(payment.order.id);
  return {
    kind: 'payment',
    payment: {
      source: SOURCE,
      externalId,
      mode: payment.live_mode === false ? 'test' : 'live',
      amount: total,
      currency,
      ...(paidAt ? { paidAt } : {}),
      ...(method ? { method } : {}),
      ...(buyer ? { customer: buyer } : {}),
      metadata,
    },
    refunds: refunds(payment, externalId, total, currency),
  };
}
