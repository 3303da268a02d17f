/**
 * Download links for an invoice's XML and PDF, opened from the Stripe Dashboard in a new tab (no
 * autofactura session there): the path carries an expiry and an HMAC-SHA256 of merchant, invoice,
 * format and expiry under the app's signing secret, compared in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a download link works after the view asked for it. */
export const DOCUMENT_LINK_SECONDS = 15 * 60;

export type DocumentFormat = 'xml' | 'pdf';

export interface DocumentRef {
  merchantId: string;
  invoiceId: string;
  format: DocumentFormat;
  /** Seconds since the epoch. */
  expires: number;
}

function mac(secret: string, ref: DocumentRef): string {
  return createHmac('sha256', secret)
    .update(`stripe-app-document:${ref.merchantId}:${ref.invoiceId}:${ref.format}:${ref.expires}`)
    .digest('hex');
}

export function documentPath(secret: string, ref: Omit<DocumentRef, 'expires'>, nowMs: number): string {
  const expires = Math.floor(nowMs / 1000) + DOCUMENT_LINK_SECONDS;
  const full = { ...ref, expires };
  const query = new URLSearchParams({ m: ref.merchantId, e: String(expires), s: mac(secret, full) });
  return `/stripe-app/documents/${encodeURIComponent(ref.invoiceId)}.${ref.format}?${query}`;
}

/** True when the signature is this secret's for `ref` and the link has not expired. */
export function documentLinkValid(
  secret: string,
  ref: DocumentRef,
  signature: string,
  nowMs: number,
): boolean {
  if (!Number.isSafeInteger(ref.expires) || ref.expires * 1000 < nowMs) return false;
  const expected = Buffer.from(mac(secret, ref), 'hex');
  const given = /^[0-9a-f]{64}$/.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
