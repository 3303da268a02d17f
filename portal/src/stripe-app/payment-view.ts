/**
 * What the app's payment page shows for one Stripe payment (its PaymentIntent id is the payment's
 * external id, source 'stripe'): the autofactura status, the CFDI (UUID, folio, XML/PDF links), the open
 * receipt's portal link, and which of the three actions the payment allows right now.
 */
import type { Autofactura } from '../../../core/src/automation/types.js';
import type { Customer, Invoice, Merchant, Payment, Receipt, Store } from '../../../core/src/store/types.js';
import type { DocumentFormat } from './documents.js';

export const STRIPE_SOURCE = 'stripe';

export interface PaymentRecords {
  payment: Payment;
  invoice: Invoice | null;
  receipt: Receipt | null;
  customer: Customer | null;
}

export async function paymentRecords(
  store: Store,
  merchant: Merchant,
  stripeId: string,
): Promise<PaymentRecords | null> {
  const payment = await store.payments.findByExternalId(merchant.id, STRIPE_SOURCE, stripeId);
  if (!payment) return null;
  // A cancelled invoice no longer holds the payment: the page still shows it, the latest one logged.
  const logged =
    payment.invoiceId || payment.globalInvoiceId ? [] : await loggedInvoiceIds(store, merchant, payment);
  const invoiceId = payment.invoiceId ?? payment.globalInvoiceId ?? logged.at(-1);
  const [invoice, receipt, customer] = await Promise.all([
    invoiceId ? store.invoices.get(merchant.id, invoiceId) : null,
    store.receipts.findByPayment(merchant.id, payment.id),
    payment.customerId ? store.customers.get(merchant.id, payment.customerId) : null,
  ]);
  return { payment, invoice, receipt, customer };
}

async function loggedInvoiceIds(store: Store, merchant: Merchant, payment: Payment): Promise<string[]> {
  const events = await store.events.listByPayment(merchant.id, payment.id);
  const ids = events.map((e) => e.invoiceId).filter((id): id is string => !!id);
  const invoices = await Promise.all([...new Set(ids)].map((id) => store.invoices.get(merchant.id, id)));
  return invoices.filter((i): i is Invoice => i?.kind === 'invoice').map((i) => i.id);
}

/** Issuing now is possible for a failed payment, or for a receipt whose customer's fiscal data is kept. */
export function canIssue({ payment, receipt, customer }: PaymentRecords): boolean {
  if (payment.status === 'failed') return true;
  return (
    payment.status === 'awaiting_customer' && receipt?.status === 'open' && customer?.fiscal !== undefined
  );
}

export function canCancel({ invoice }: PaymentRecords): boolean {
  return invoice?.status === 'stamped' && invoice.kind !== 'global';
}

export async function paymentView(
  af: Autofactura,
  records: PaymentRecords,
  documentUrl: (invoiceId: string, format: DocumentFormat) => string,
) {
  const { payment, invoice, receipt, customer } = records;
  const link = receipt?.status === 'open' ? await af.receiptLink(payment.merchantId, receipt.id) : null;
  return {
    found: true,
    payment: {
      id: payment.id,
      external_id: payment.externalId,
      status: payment.status,
      amount: payment.amount,
      currency: payment.currency,
      paid_at: payment.paidAt,
      mode: payment.mode,
      failure: payment.failure
        ? {
            code: payment.failure.code,
            message: payment.failure.message,
            message_en: payment.failure.messageEn,
          }
        : null,
    },
    invoice: invoice
      ? {
          id: invoice.id,
          kind: invoice.kind,
          status: invoice.status,
          uuid: invoice.uuid ?? null,
          series: invoice.series,
          folio: invoice.folio,
          total: invoice.total,
          currency: invoice.currency,
          receiver_rfc: invoice.receiverRfc,
          receiver_name: invoice.receiverName,
          xml_url: invoice.blobs.xml ? documentUrl(invoice.id, 'xml') : null,
          pdf_url: invoice.uuid ? documentUrl(invoice.id, 'pdf') : null,
        }
      : null,
    receipt: receipt
      ? { id: receipt.id, status: receipt.status, ticket: receipt.ticket, expires_at: receipt.expiresAt }
      : null,
    customer: customer
      ? { id: customer.id, email: customer.email ?? null, rfc: customer.fiscal?.rfc ?? null }
      : null,
    portal_link: link,
    actions: { issue: canIssue(records), portal_link: link !== null, cancel: canCancel(records) },
  };
}
