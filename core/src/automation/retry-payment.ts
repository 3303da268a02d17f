/**
 * retryPayment: the way out of `failed` (issue #4, step 4). Optionally with a fix — the customer's
 * corrected fiscal data (validated first: nothing is written when it is wrong) or corrected items — the
 * payment goes back to `recorded` and is decided again, which queues a new invoice.
 */
import type { Payment, PaymentCustomerInput, PaymentItem } from '../store/types.js';
import type { Context } from './context.js';
import { upsertCustomer } from './customer.js';
import { conflict, invalid, notFound } from './errors.js';
import { logEvent } from './events.js';
import { fiscalFromCustomerInput, validateFiscal } from './fiscal-data.js';
import { itemProblems } from './item-input.js';
import { requireMerchant } from './merchant.js';
import { updatePayment } from './payments.js';
import { processPayment } from './record-payment.js';

export async function retryPayment(
  ctx: Context,
  merchantId: string,
  paymentId: string,
  fix: { customer?: PaymentCustomerInput; items?: PaymentItem[] } = {},
): Promise<Payment> {
  const merchant = await requireMerchant(ctx, merchantId);
  const payment = await ctx.store.payments.get(merchantId, paymentId);
  if (!payment) throw notFound.payment(paymentId);
  if (payment.status !== 'failed') {
    throw conflict(
      'PAYMENT_NOT_FAILED',
      `El pago ${paymentId} no está en estado fallido (está "${payment.status}"); solo se reintentan pagos fallidos.`,
      `Payment ${paymentId} is not failed (it is "${payment.status}"); only failed payments can be retried.`,
    );
  }
  // A fix may correct one field: the rest comes from the payment and the customer's kept data.
  const kept = payment.customerId ? await ctx.store.customers.get(merchantId, payment.customerId) : null;
  const brought = fiscalFromCustomerInput(fix.customer);
  const fiscal = brought
    ? validateFiscal({ ...kept?.fiscal, ...fiscalFromCustomerInput(payment.customerInput), ...brought })
    : undefined;
  if (fix.items !== undefined) {
    const problems = itemProblems(fix.items);
    if (problems.length > 0) throw invalid(problems, 400);
  }
  const customerInput = {
    ...payment.customerInput,
    ...fix.customer,
    ...(fiscal
      ? {
          rfc: fiscal.rfc,
          name: fiscal.name,
          taxRegime: fiscal.taxRegime,
          zip: fiscal.zip,
          cfdiUse: fiscal.cfdiUse,
        }
      : {}),
  };
  if (fix.customer) {
    const customer = await upsertCustomer(ctx, merchantId, {
      ...customerInput,
      source: payment.source,
      ...(fiscal ? { fiscal } : {}),
    });
    if (customer && !payment.customerId) payment.customerId = customer.id;
  }
  const { payment: reset, changed } = await updatePayment(ctx, payment, (current) => {
    if (current.status !== 'failed') return null;
    const { failure: _, ...rest } = current;
    return {
      ...rest,
      status: 'recorded',
      customerInput,
      ...(payment.customerId ? { customerId: payment.customerId } : {}),
      ...(fix.items ? { items: fix.items.map((item) => ({ ...item })) } : {}),
    };
  });
  if (!changed) return reset;
  await logEvent(
    ctx,
    merchantId,
    'payment.retried',
    { paymentId },
    {
      previousFailure: payment.failure?.code,
      fixedCustomer: fix.customer !== undefined,
      fixedItems: fix.items !== undefined,
    },
  );
  return processPayment(ctx, merchant, reset);
}
