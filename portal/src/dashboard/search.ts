/**
 * Search for the lists: exact lookups first (a CFDI UUID, one of our ids), then a case-insensitive
 * match of the text in the customer's name, email, RFC, the payment's external reference or metadata,
 * an invoice's receiver, series-folio or UUID, a receipt's ticket. Every lookup is scoped by the
 * merchant; the lists apply the matchers while reading the merchant's records newest first.
 */
import type { Invoice, Payment, Receipt, Store } from '../../../core/src/store/types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RFC = /^[A-ZÑ&]{3,4}\d{6}[A-Z0-9]{3}$/i;

const norm = (text: string | undefined) => (text ?? '').toLowerCase();

/** A UUID finds the payments of that invoice, `pay_…` that payment; null: not an exact query. */
export async function exactPayments(
  store: Store,
  merchantId: string,
  query: string,
): Promise<Payment[] | null> {
  const q = query.trim();
  if (UUID.test(q)) {
    const invoice = await store.invoices.findByUuid(merchantId, q.toUpperCase());
    const payments = await Promise.all(
      (invoice?.paymentIds ?? []).map((id) => store.payments.get(merchantId, id)),
    );
    return payments.filter((p): p is Payment => p !== null);
  }
  if (/^pay_\w+$/.test(q)) {
    const payment = await store.payments.get(merchantId, q);
    return payment ? [payment] : [];
  }
  return null;
}

export function paymentMatches(query: string): (payment: Payment) => boolean {
  const needle = norm(query.trim());
  return (p) =>
    [
      p.externalId,
      p.customerInput.name,
      p.customerInput.email,
      p.customerInput.rfc,
      p.id,
      ...Object.values(p.metadata ?? {}),
    ].some((field) => norm(field).includes(needle));
}

export async function exactInvoices(
  store: Store,
  merchantId: string,
  query: string,
): Promise<Invoice[] | null> {
  const q = query.trim();
  if (!UUID.test(q)) return null;
  const invoice = await store.invoices.findByUuid(merchantId, q.toUpperCase());
  return invoice ? [invoice] : [];
}

export function invoiceMatches(query: string): (invoice: Invoice) => boolean {
  const q = query.trim();
  const needle = norm(q);
  if (RFC.test(q)) return (i) => i.receiverRfc.toLowerCase() === needle;
  return (i) =>
    [i.receiverName, i.receiverRfc, `${i.series}-${i.folio}`, `${i.series}${i.folio}`, i.uuid, i.id].some(
      (field) => norm(field).includes(needle),
    );
}

export function receiptMatches(query: string): (receipt: Receipt) => boolean {
  const needle = norm(query.trim());
  return (r) => [r.ticket, r.id, r.paymentId].some((field) => norm(field).includes(needle));
}
