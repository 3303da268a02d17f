/**
 * Search for the lists: exact lookups first (a CFDI UUID, an RFC, an email, one of our ids), then a
 * case-insensitive scan of the merchant's most recent records for the text in the customer's name,
 * email, RFC, the payment's external reference or ticket. Every lookup is scoped by the merchant.
 * The scan stops after SCAN_LIMIT records; it is a finder for a human, not a report.
 */
import type { Invoice, Page, Payment, Receipt, Store } from '../../../core/src/store/types.js';

const SCAN_LIMIT = 5_000;
const RESULTS = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RFC = /^[A-ZÑ&]{3,4}\d{6}[A-Z0-9]{3}$/i;

const norm = (text: string | undefined) => (text ?? '').toLowerCase();

async function scan<T>(
  list: (cursor?: string) => Promise<Page<T>>,
  matches: (item: T) => boolean,
): Promise<T[]> {
  const found: T[] = [];
  let cursor: string | undefined;
  let seen = 0;
  do {
    const page = await list(cursor);
    for (const item of page.items) if (matches(item) && found.length < RESULTS) found.push(item);
    seen += page.items.length;
    cursor = page.next;
  } while (cursor && seen < SCAN_LIMIT && found.length < RESULTS);
  return found;
}

export async function searchPayments(store: Store, merchantId: string, query: string): Promise<Payment[]> {
  const q = query.trim();
  if (UUID.test(q)) {
    const invoice = await store.invoices.findByUuid(merchantId, q.toUpperCase());
    const payments = await Promise.all(
      (invoice?.paymentIds ?? []).map((id) => store.payments.get(merchantId, id)),
    );
    return payments.filter((p): p is Payment => p !== null);
  }
  if (/^pay_/.test(q)) {
    const payment = await store.payments.get(merchantId, q);
    return payment ? [payment] : [];
  }
  const needle = norm(q);
  return scan(
    (cursor) => store.payments.list(merchantId, { limit: 200, ...(cursor ? { cursor } : {}) }),
    (p) =>
      [
        p.externalId,
        p.customerInput.name,
        p.customerInput.email,
        p.customerInput.rfc,
        p.id,
        ...Object.values(p.metadata ?? {}),
      ].some((field) => norm(field).includes(needle)),
  );
}

export async function searchInvoices(store: Store, merchantId: string, query: string): Promise<Invoice[]> {
  const q = query.trim();
  if (UUID.test(q)) {
    const invoice = await store.invoices.findByUuid(merchantId, q.toUpperCase());
    return invoice ? [invoice] : [];
  }
  const needle = norm(q);
  const rfc = RFC.test(q);
  return scan(
    (cursor) => store.invoices.list(merchantId, { limit: 200, ...(cursor ? { cursor } : {}) }),
    (i) =>
      rfc
        ? i.receiverRfc.toLowerCase() === needle
        : [
            i.receiverName,
            i.receiverRfc,
            `${i.series}-${i.folio}`,
            `${i.series}${i.folio}`,
            i.uuid,
            i.id,
          ].some((field) => norm(field).includes(needle)),
  );
}

export async function searchReceipts(store: Store, merchantId: string, query: string): Promise<Receipt[]> {
  const needle = norm(query.trim());
  return scan(
    (cursor) => store.receipts.list(merchantId, { limit: 200, ...(cursor ? { cursor } : {}) }),
    (r) => [r.ticket, r.id, r.paymentId].some((field) => norm(field).includes(needle)),
  );
}
