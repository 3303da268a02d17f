/**
 * Reading the store page by page (1000 records a page, the store's maximum, with its cursors): a month of
 * a large merchant is a million payments, never loaded at once from PostgreSQL.
 */
import type {
  Invoice,
  InvoiceRepo,
  Page,
  Payment,
  PaymentQuery,
  Receipt,
  ReceiptRepo,
  Store,
} from '../store/types.js';

export const PAGE = 1000;

async function* pages<T>(fetch: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    for (const item of page.items) yield item;
    cursor = page.next;
  } while (cursor !== undefined);
}

export function eachPayment(
  store: Store,
  merchantId: string,
  query: Omit<PaymentQuery, 'cursor' | 'limit' | 'order'>,
): AsyncGenerator<Payment> {
  return pages((cursor) =>
    store.payments.list(merchantId, { ...query, limit: PAGE, ...(cursor ? { cursor } : {}) }),
  );
}

type InvoiceQuery = Omit<NonNullable<Parameters<InvoiceRepo['list']>[1]>, 'cursor' | 'limit' | 'order'>;

export function eachInvoice(store: Store, merchantId: string, query: InvoiceQuery): AsyncGenerator<Invoice> {
  return pages((cursor) =>
    store.invoices.list(merchantId, { ...query, limit: PAGE, ...(cursor ? { cursor } : {}) }),
  );
}

type ReceiptQuery = Omit<NonNullable<Parameters<ReceiptRepo['list']>[1]>, 'cursor' | 'limit' | 'order'>;

export function eachReceipt(store: Store, merchantId: string, query: ReceiptQuery): AsyncGenerator<Receipt> {
  return pages((cursor) =>
    store.receipts.list(merchantId, { ...query, limit: PAGE, ...(cursor ? { cursor } : {}) }),
  );
}
