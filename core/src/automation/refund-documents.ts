/**
 * The document a refund needs once its payment is settled: a credit note (credit-note.ts), or the
 * invoice's cancellation (refund-cancellation.ts) when the merchant's policy allows it and the refund is
 * whole within the invoice's month. A payment still being invoiced makes the refund job wait; a receipt
 * is voided or reduced; a payment in a factura global gets a credit note related to the global.
 */
import type { Merchant, Payment, PaymentRefund } from '../store/types.js';
import type { Context } from './context.js';
import { creditNote } from './credit-note.js';
import { notReady } from './errors.js';
import { logEvent } from './events.js';
import { sameLocalMonth } from './periods.js';
import { cancelForRefund } from './refund-cancellation.js';
import { fullyRefunded, refundedIfWhole, setRefund, settled } from './refund-state.js';

export async function settleWithDocument(
  ctx: Context,
  merchant: Merchant,
  payment: Payment,
  refund: PaymentRefund,
  hooks: { settleReceipt(payment: Payment, full: boolean): Promise<void> },
): Promise<void> {
  const refs = { paymentId: payment.id };
  switch (payment.status) {
    case 'recorded':
    case 'issuing':
      throw notReady('el pago aún se está facturando', 'the payment is still being invoiced');
    case 'awaiting_customer': {
      const full = fullyRefunded(payment);
      await setRefund(ctx, payment, refund.externalId, settled());
      await hooks.settleReceipt(payment, full);
      return;
    }
    case 'in_global': {
      // Guía de llenado del CFDI global, example I c): a CFDI de egreso to público en general related
      // (TipoRelacion 01) to the stamped global that has the ticket.
      const global = payment.globalInvoiceId
        ? await ctx.store.invoices.get(merchant.id, payment.globalInvoiceId)
        : null;
      if (global?.status === 'stamped' && global.uuid) {
        await creditNote(ctx, merchant, payment, global, refund);
        return;
      }
      await logEvent(ctx, merchant.id, 'refund.needs_review', refs, {
        refundExternalId: refund.externalId,
        reason: 'in_global',
      });
      await setRefund(ctx, payment, refund.externalId, settled(), refundedIfWhole);
      return;
    }
    default:
      break;
  }
  const invoice = payment.invoiceId ? await ctx.store.invoices.get(merchant.id, payment.invoiceId) : null;
  if (!invoice || !['stamped', 'cancellation_pending', 'cancellation_rejected'].includes(invoice.status)) {
    await setRefund(ctx, payment, refund.externalId, settled(), refundedIfWhole);
    return;
  }
  const whole = fullyRefunded(payment) && payment.refunds.length === 1;
  const canCancel =
    merchant.settings.refundPolicy === 'cancel_if_same_month' &&
    whole &&
    invoice.status !== 'cancellation_rejected' &&
    sameLocalMonth(new Date(invoice.stampedAt ?? invoice.createdAt), ctx.clock.now());
  if (canCancel && (await cancelForRefund(ctx, merchant, payment, invoice, refund))) return;
  await creditNote(ctx, merchant, payment, invoice, refund);
}
