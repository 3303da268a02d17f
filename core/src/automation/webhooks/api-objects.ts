/**
 * What the REST API returns for payments, invoices and receipts (snake_case, no merchant id, no blob
 * keys, tokens or secrets): the `data.object` of each event. portal/src/api/serialize.ts gives the same
 * JSON for GET /v1/payments/{id} and /v1/invoices/{id}; test/portal/webhooks-*.test.ts checks they agree.
 */
import type { Invoice, Payment, Receipt } from '../../store/types.js';
import type { Context } from '../context.js';
import { withUrl } from '../receipt-records.js';

function snake(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, (_, a: string, b: string) => `${a}_${b.toLowerCase()}`);
}

/** Deep copy with snake_case keys; `metadata` values are copied as they are. */
export function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    out[snake(key)] = key === 'metadata' ? v : snakeKeys(v);
  }
  return out;
}

export function paymentObject(payment: Payment): Record<string, unknown> {
  const { merchantId: _m, customerInput, ...rest } = payment;
  return { object: 'payment', ...(snakeKeys({ ...rest, customer: customerInput }) as object) };
}

export function invoiceObject(invoice: Invoice): Record<string, unknown> {
  const { merchantId: _m, blobs, ...rest } = invoice;
  return {
    object: 'invoice',
    ...(snakeKeys(rest) as object),
    mode: invoice.mode ?? 'live',
    has_xml: Boolean(blobs.xml ?? blobs.sealedXml),
    has_pdf: Boolean(blobs.pdf),
  };
}

/** The receipt; while open, with its self-invoice portal URL (the token decrypted for it). */
export function receiptObject(ctx: Context, receipt: Receipt, slug?: string): Record<string, unknown> {
  const { merchantId: _m, tokenHash: _h, token: _t, url, ...rest } = withUrl(ctx, receipt, slug);
  return { object: 'receipt', ...(snakeKeys(rest) as object), ...(receipt.status === 'open' ? { url } : {}) };
}
