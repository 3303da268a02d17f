/**
 * Payments -> the invoice request (docs/invoice-request.md) the engine builds a CFDI from. A payment's
 * own items, or the merchant's default product for the amount paid; the customer's validated fiscal
 * data; FormaPago from the payment (the largest one when several payments are invoiced together); PUE,
 * since the payment was collected. No `date`: the engine writes Fecha = now in the local time of the
 * merchant's zip (invariant 5), so an invoice built days after the payment is still within the PAC's
 * 72-hour window.
 */

import type { InvoiceItem } from '../cfdi/request/index.js';
import { Dec } from '../money/decimal.js';
import type { DefaultProduct, FiscalData, Merchant, Payment, PaymentItem } from '../store/types.js';

/** What the payment still amounts to after its refunds (all of them, or those `counted`). */
export function netAmount(
  payment: Pick<Payment, 'amount' | 'refunds'>,
  counted: (refund: Payment['refunds'][number]) => boolean = () => true,
): string {
  const refunded = payment.refunds
    .filter(counted)
    .reduce((sum, refund) => sum.plus(refund.amount), new Dec(0));
  const net = new Dec(payment.amount).minus(refunded);
  const places = (text: string) => text.split('.')[1]?.length ?? 0;
  const decimals = Math.max(places(payment.amount), ...payment.refunds.map((r) => places(r.amount)));
  return net.toFixed(decimals);
}

type RequestTax = NonNullable<InvoiceItem['taxes']>[number];

function taxes(list: DefaultProduct['taxes'] | undefined): RequestTax[] | undefined {
  if (!list || list.length === 0) return undefined;
  return list.map((tax) => ({
    type: tax.type,
    ...(tax.rate !== undefined ? { rate: tax.rate } : {}),
    ...(tax.factor ? { factor: tax.factor } : {}),
    ...(tax.withholding ? { withholding: true } : {}),
  })) as RequestTax[];
}

export function defaultItem(product: DefaultProduct, amount: string, sku?: string): Record<string, unknown> {
  const list = taxes(product.taxes);
  return {
    product_key: product.productKey,
    unit_key: product.unitKey,
    ...(product.unit ? { unit: product.unit } : {}),
    ...(sku ? { sku } : {}),
    description: product.description,
    quantity: '1',
    unit_price: amount,
    tax_included: product.taxIncluded,
    tax_object: product.taxObject,
    ...(list ? { taxes: list } : {}),
  };
}

export function requestItem(item: PaymentItem, product: DefaultProduct): Record<string, unknown> {
  const list = taxes(item.taxes ?? (item.taxObject && item.taxObject !== '02' ? [] : product.taxes));
  return {
    product_key: item.productKey,
    unit_key: item.unitKey,
    ...(item.unit ? { unit: item.unit } : {}),
    ...(item.sku ? { sku: item.sku } : {}),
    description: item.description,
    quantity: item.quantity,
    unit_price: item.unitPrice,
    ...(item.discount ? { discount: item.discount } : {}),
    tax_included: item.taxIncluded ?? product.taxIncluded,
    ...(item.taxObject ? { tax_object: item.taxObject } : list ? { tax_object: '02' } : { tax_object: '01' }),
    ...(list ? { taxes: list } : {}),
  };
}

/**
 * Refunds made before any invoice existed (they reduced the receipt) lower what the invoice charges;
 * refunds waiting for a document (`pending`) get their own credit note, so the invoice keeps them.
 */
const beforeInvoice = (refund: Payment['refunds'][number]) =>
  refund.outcome === undefined || refund.outcome === 'receipt_voided';

/** A payment's lines: its items while nothing was refunded before invoicing, else one default line for what is left. */
export function paymentItems(payment: Payment, product: DefaultProduct): Record<string, unknown>[] {
  const reduced = payment.refunds.some(beforeInvoice);
  if (payment.items?.length && !reduced) return payment.items.map((item) => requestItem(item, product));
  return [defaultItem(product, reduced ? netAmount(payment, beforeInvoice) : payment.amount)];
}

export function issuerOf(merchant: Merchant) {
  return { rfc: merchant.rfc, name: merchant.name, tax_regime: merchant.regime, zip: merchant.zip };
}

export function customerOf(fiscal: FiscalData, email?: string) {
  return {
    rfc: fiscal.rfc,
    name: fiscal.name,
    tax_regime: fiscal.taxRegime,
    zip: fiscal.zip,
    cfdi_use: fiscal.cfdiUse,
    ...(email ? { email } : {}),
    ...(fiscal.country ? { country: fiscal.country } : {}),
    ...(fiscal.taxId ? { tax_id: fiscal.taxId } : {}),
  };
}

/** The payment form of the largest payment (SAT: one FormaPago per CFDI, the one that paid the most). */
export function mainPaymentForm(payments: Payment[]): string {
  let best = payments[0]!;
  for (const payment of payments) if (new Dec(payment.amount).gt(best.amount)) best = payment;
  return best.paymentForm;
}

export function invoiceRequest(options: {
  merchant: Merchant;
  payments: Payment[];
  fiscal: FiscalData;
  email?: string;
  series: string;
  folio: number;
}): Record<string, unknown> {
  const { merchant, payments } = options;
  const first = payments[0]!;
  const product = merchant.settings.defaultProduct;
  return {
    type: 'I',
    issuer: issuerOf(merchant),
    customer: customerOf(options.fiscal, options.email),
    series: options.series,
    folio: String(options.folio),
    currency: first.currency,
    ...(first.currency !== 'MXN' && first.exchangeRate ? { exchange_rate: first.exchangeRate } : {}),
    payment_form: mainPaymentForm(payments),
    payment_method: 'PUE',
    items: payments.flatMap((payment) => paymentItems(payment, product)),
  };
}
