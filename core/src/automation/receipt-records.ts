/**
 * Receipt records: the self-invoice link (its token is 256 random bits, stored as sha256 and encrypted,
 * never in the clear), its URL on the portal, and compare-and-set changes.
 */
import { StoreError } from '../store/errors.js';
import type { Receipt } from '../store/types.js';
import { type Context, nowIso } from './context.js';

/** The portal page of a receipt: `<PUBLIC_URL>/f/<token>`. */
/**
 * The receipt's portal link: /{slug}/r/{token} when the merchant has a portal slug, else /f/{token}
 * (which the portal redirects to the slug once the merchant has one).
 */
export function receiptUrl(publicUrl: string, token: string, slug?: string): string {
  const base = publicUrl.replace(/\/+$/, '');
  return slug ? `${base}/${slug}/r/${token}` : `${base}/f/${token}`;
}

export function receiptToken(ctx: Context, receipt: Receipt): string {
  return ctx.secrets.decryptString(receipt.token);
}

export function withUrl(ctx: Context, receipt: Receipt, slug?: string): Receipt & { url: string } {
  return { ...receipt, url: receiptUrl(ctx.publicUrl, receiptToken(ctx, receipt), slug) };
}

export async function updateReceipt(
  ctx: Context,
  merchantId: string,
  receiptId: string,
  change: (current: Receipt) => Receipt | null,
): Promise<{ receipt: Receipt; changed: boolean } | null> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const current = await ctx.store.receipts.get(merchantId, receiptId);
    if (!current) return null;
    const next = change(current);
    if (next === null) return { receipt: current, changed: false };
    const written = await ctx.store.receipts.update({ ...next, updatedAt: nowIso(ctx) }, current.updatedAt);
    if (written) return { receipt: written, changed: true };
  }
  throw new StoreError({
    code: 'STORE_UNAVAILABLE',
    retriable: true,
    status: 503,
    message: `El recibo ${receiptId} cambia sin parar; se reintentará.`,
    messageEn: `Receipt ${receiptId} keeps changing; it will be retried.`,
  });
}
