/**
 * Receipts (issue #4, step 3): when a payment cannot be invoiced yet, a receipt with a link to the
 * self-invoice portal, valid until min(now + receiptDays, end of the global period). Its id follows the
 * payment's, so deciding twice (a redelivery racing the first delivery, a crash) opens one receipt.
 * completeReceipt (complete-receipt.ts) turns it into an invoice.
 */
import { isAutofacturaError } from '../errors.js';
import type { Customer, Merchant, Payment, Receipt } from '../store/types.js';
import type { Context } from './context.js';
import { conflict, gone } from './errors.js';
import { logEvent } from './events.js';
import { stableId } from './ids.js';
import { netAmount } from './payment-to-request.js';
import { receiptExpiry } from './periods.js';
import { randomToken, tokenHash } from './tokens.js';

/** Folio series of receipt tickets (not a CFDI series). */
export const TICKET_SERIES = '#ticket';

/** The payment's receipt: the existing one, or a new one with a fresh link (its id follows the payment's). */
export async function openReceipt(
  ctx: Context,
  merchant: Merchant,
  payment: Payment,
  customer: Customer | undefined,
): Promise<{ receipt: Receipt; created: boolean }> {
  const { store } = ctx;
  const id = stableId('rcp', payment.id);
  const existing = await store.receipts.get(merchant.id, id);
  if (existing) return { receipt: existing, created: false };
  const ticket = await store.folios.allocate(merchant.id, TICKET_SERIES);
  const token = randomToken();
  const now = ctx.clock.now();
  const at = now.toISOString();
  const expiresAt = receiptExpiry({
    paidAt: new Date(payment.paidAt),
    now,
    receiptDays: merchant.settings.receiptDays,
    periodicity: merchant.settings.globalPeriodicity,
  });
  const receipt: Receipt = {
    id,
    merchantId: merchant.id,
    paymentId: payment.id,
    ...(customer ? { customerId: customer.id } : {}),
    ticket: String(ticket).padStart(6, '0'),
    tokenHash: tokenHash(token),
    token: ctx.secrets.encrypt(token),
    amount: netAmount(payment),
    currency: payment.currency,
    paidAt: payment.paidAt,
    expiresAt: expiresAt.toISOString(),
    status: 'open',
    createdAt: at,
    updatedAt: at,
  };
  try {
    await store.receipts.create(receipt);
  } catch (error) {
    if (!isAutofacturaError(error) || error.code !== 'STORE_DUPLICATE') throw error;
    const winner = await store.receipts.get(merchant.id, id);
    if (!winner) throw error;
    return { receipt: winner, created: false };
  }
  await logEvent(
    ctx,
    merchant.id,
    'receipt.created',
    { paymentId: payment.id, receiptId: id },
    {
      ticket: receipt.ticket,
      amount: receipt.amount,
      expiresAt: receipt.expiresAt,
    },
  );
  return { receipt, created: true };
}

export async function receiptByToken(
  ctx: Context,
  token: string,
): Promise<{ receipt: Receipt; merchant: Merchant; payment: Payment } | null> {
  if (typeof token !== 'string' || token.length < 16) return null;
  const receipt = await ctx.store.receipts.findByTokenHash(tokenHash(token));
  if (!receipt) return null;
  const [merchant, payment] = await Promise.all([
    ctx.store.merchants.get(receipt.merchantId),
    ctx.store.payments.get(receipt.merchantId, receipt.paymentId),
  ]);
  return merchant && payment ? { receipt, merchant, payment } : null;
}

export function checkOpen(receipt: Receipt, now: Date): void {
  if (receipt.status === 'voided') {
    throw gone(
      'RECEIPT_VOIDED',
      'Esta compra se reembolsó, así que ya no se puede facturar.',
      'This purchase was refunded, so it can no longer be invoiced.',
    );
  }
  if (receipt.status === 'in_global') {
    throw conflict(
      'RECEIPT_IN_GLOBAL',
      'Esta compra ya se incluyó en la factura global del periodo. Pide al comercio que la facture a tu nombre.',
      "This purchase is already in the period's global invoice. Ask the merchant to invoice it in your name.",
    );
  }
  if (receipt.status === 'expired' || new Date(receipt.expiresAt).getTime() <= now.getTime()) {
    throw gone(
      'RECEIPT_EXPIRED',
      'El plazo para facturar esta compra ya venció. Pide al comercio que te ayude.',
      'The deadline to invoice this purchase has passed. Ask the merchant for help.',
    );
  }
}
