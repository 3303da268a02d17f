/**
 * A payment's items must charge what was paid: the CFDI built from them (taxes, discounts and
 * tax-included prices computed by the engine, exactly as when the invoice is issued) must have Total =
 * amount. Checked before anything is stored, so a sale whose lines do not add up never becomes a
 * payment that later fails or invoices the wrong amount.
 */
import { buildComprobante } from '../cfdi/build.js';
import { isAutofacturaError } from '../errors.js';
import { Dec } from '../money/decimal.js';
import type { Merchant, Payment } from '../store/types.js';
import { detail, invalid } from './errors.js';
import { issuerOf, paymentItems } from './payment-to-request.js';

/**
 * Some named customer (SAT's test RFC of a persona física): the items' total does not depend on who
 * the customer is, and público en general would make it a factura global.
 */
const ANYONE = {
  rfc: 'COSC8001137NA',
  name: 'CARLOS CORTES SOTO',
  tax_regime: '612',
  cfdi_use: 'G03',
  zip: '52000',
};

export function checkItemsTotal(
  merchant: Merchant,
  payment: Pick<Payment, 'amount' | 'currency' | 'exchangeRate' | 'items' | 'paymentForm' | 'refunds'>,
  now: Date,
): void {
  if (!payment.items?.length) return;
  let total: string;
  try {
    const { comprobante } = buildComprobante(
      {
        type: 'I',
        issuer: issuerOf(merchant),
        customer: ANYONE,
        currency: payment.currency,
        ...(payment.currency !== 'MXN' && payment.exchangeRate
          ? { exchange_rate: payment.exchangeRate }
          : {}),
        payment_form: payment.paymentForm,
        payment_method: 'PUE',
        items: paymentItems(payment as Payment, merchant.settings.defaultProduct),
      },
      { now },
    );
    total = comprobante.Total;
  } catch (error) {
    if (!isAutofacturaError(error)) throw error;
    // The items themselves are not invoiceable: say so now, with the engine's reasons.
    throw invalid(
      error.details.map((d) =>
        detail(
          'PAYMENT_INVALID_ITEMS',
          d.path ? `items: ${d.path}` : 'items',
          `Los conceptos del pago no se pueden facturar: ${d.message}`,
          `The payment's items cannot be invoiced: ${d.messageEn ?? d.message}`,
        ),
      ),
    );
  }
  if (!new Dec(total).eq(payment.amount)) {
    throw invalid([
      detail(
        'PAYMENT_ITEMS_TOTAL_MISMATCH',
        'items',
        `Los conceptos suman ${total} ${payment.currency} con impuestos y descuentos, pero el pago es de ${payment.amount}. Corrige las cantidades, precios o impuestos de los conceptos, o el importe.`,
        `The items add up to ${total} ${payment.currency} with taxes and discounts, but the payment is ${payment.amount}. Fix the items' quantities, prices or taxes, or the amount.`,
      ),
    ]);
  }
}
