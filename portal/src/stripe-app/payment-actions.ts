/**
 * The payment page's buttons: issue now (retry a failed payment, or invoice an open receipt with the
 * fiscal data the customer already has), the self-invoice portal link of an open receipt, and cancel
 * the stamped CFDI with a SAT motive. Each goes through the facade; a button the payment does not allow
 * is a 409 that says why.
 */

import type { CancelInvoiceInput } from '../../../core/src/automation/cancel-input.js';
import type { Autofactura } from '../../../core/src/automation/types.js';
import { isAutofacturaError } from '../../../core/src/errors.js';
import { apiError } from '../http-error.js';
import { canCancel, canIssue, type PaymentRecords } from './payment-view.js';

export async function issueNow(af: Autofactura, records: PaymentRecords): Promise<void> {
  const { payment, receipt, customer } = records;
  if (!canIssue(records)) {
    throw apiError(
      409,
      'PAYMENT_NOT_ISSUABLE',
      payment.status === 'awaiting_customer'
        ? 'El cliente aún no tiene datos fiscales: captúralos en su ficha de cliente o comparte el enlace del portal.'
        : `El pago está "${payment.status}": solo se emiten pagos fallidos o recibos con datos fiscales del cliente.`,
      payment.status === 'awaiting_customer'
        ? "The customer has no fiscal data yet: enter it on the customer's page or share the portal link."
        : `The payment is "${payment.status}": only failed payments or receipts whose customer has fiscal data can be issued.`,
    );
  }
  if (payment.status === 'failed') {
    // Fiscal data corrected on the customer's page since the failure goes with the retry.
    const fiscal = customer?.fiscal;
    await af.retryPayment(
      payment.merchantId,
      payment.id,
      fiscal
        ? {
            customer: {
              rfc: fiscal.rfc,
              name: fiscal.name,
              taxRegime: fiscal.taxRegime,
              zip: fiscal.zip,
              cfdiUse: fiscal.cfdiUse,
            },
          }
        : {},
    );
    return;
  }
  const link = await af.receiptLink(payment.merchantId, receipt!.id);
  const token = link?.split('/').pop();
  if (!token) throw receiptClosed();
  await af.completeReceipt(
    token,
    { ...customer!.fiscal!, ...(customer!.email ? { email: customer!.email } : {}) },
    { wait: true },
  );
}

/**
 * The open receipt's portal link, sent again to the customer by email when their address is known (a
 * job of its own: sent once), and answered so the Dashboard can copy it too.
 */
export async function portalLink(
  af: Autofactura,
  records: PaymentRecords,
): Promise<{ url: string; emailedTo: string[] }> {
  const link = records.receipt ? await af.receiptLink(records.payment.merchantId, records.receipt.id) : null;
  if (!link) throw receiptClosed();
  try {
    const sent = await af.emailReceipt(records.payment.merchantId, records.receipt!.id);
    return { url: link, emailedTo: sent.to };
  } catch (error) {
    if (isAutofacturaError(error) && error.code === 'EMAIL_RECIPIENT_MISSING')
      return { url: link, emailedTo: [] };
    throw error;
  }
}

export async function cancelCfdi(af: Autofactura, records: PaymentRecords, body: Record<string, unknown>) {
  if (!canCancel(records)) {
    throw apiError(
      409,
      'INVOICE_NOT_CANCELLABLE',
      'Este pago no tiene una factura timbrada que cancelar.',
      'This payment has no stamped invoice to cancel.',
    );
  }
  const motive = typeof body.motive === 'string' ? body.motive : '02';
  const replacement = typeof body.replacement_uuid === 'string' ? body.replacement_uuid.trim() : '';
  const input = {
    motive,
    ...(replacement ? { replacementUuid: replacement.toUpperCase() } : {}),
  } as CancelInvoiceInput;
  return af.cancelInvoice(records.payment.merchantId, records.invoice!.id, input);
}

const receiptClosed = () =>
  apiError(
    409,
    'RECEIPT_NOT_OPEN',
    'Este pago no tiene un recibo abierto: no hay enlace de autofactura que compartir.',
    'This payment has no open receipt: there is no self-invoice link to share.',
  );
