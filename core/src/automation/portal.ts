/**
 * What the public self-invoice portal needs beyond a receipt's link (issue #5): the merchant by its
 * portal slug, and a customer's purchase found by what their ticket shows — the reference (ticket
 * number or the payment's id at its source), the exact amount and the day paid in Mexico City. Each
 * match comes with its link token: proving those three facts is worth as much as holding the link, and
 * nothing else about other purchases (or other customers) is ever returned.
 */
import { Dec } from '../money/decimal.js';
import { readDecimal } from '../money/parse-decimal.js';
import type { Merchant, Payment, Receipt } from '../store/types.js';
import type { Context } from './context.js';
import { localMidnight } from './periods.js';
import { receiptToken } from './receipt-records.js';

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,38})[a-z0-9]$/;

export interface PortalQuery {
  /** Ticket number ("000123" or "123") or the payment's external id ("pi_3Nx...", "order-1001"). */
  reference: string;
  /** Exactly as paid, e.g. "1160" or "1160.00". */
  amount: string;
  /** YYYY-MM-DD, the day paid in Mexico City. */
  date: string;
}

export interface PortalMatch {
  receipt: Receipt;
  payment: Payment;
  /** The receipt's link token (its portal URL is /{slug}/r/{token}). */
  token: string;
}

export async function merchantBySlug(ctx: Context, slug: string): Promise<Merchant | null> {
  if (typeof slug !== 'string' || !SLUG_PATTERN.test(slug)) return null;
  return ctx.store.merchants.findBySlug(slug);
}

function sameReference(receipt: Receipt, payment: Payment, reference: string): boolean {
  const ref = reference.trim().replace(/^#/, '');
  if (ref === '') return false;
  if (/^\d+$/.test(ref) && /^\d+$/.test(receipt.ticket) && BigInt(ref) === BigInt(receipt.ticket))
    return true;
  return payment.externalId.toLowerCase() === ref.toLowerCase();
}

/** The day's bounds in Mexico City, or null for a date that does not exist. */
function dayBounds(date: string): { from: string; to: string } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  const next = new Date(Date.UTC(year, month - 1, day + 1));
  return {
    from: localMidnight(year, month, day).toISOString(),
    to: localMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()).toISOString(),
  };
}

/** The merchant's receipts (any status) matching all three facts; [] when the query is malformed. */
export async function findPortalReceipts(
  ctx: Context,
  merchantId: string,
  query: PortalQuery,
): Promise<PortalMatch[]> {
  const bounds = dayBounds(String(query.date ?? ''));
  const amount = readDecimal(
    String(query.amount ?? '')
      .trim()
      .replace(/^\$/, '')
      .replace(/,/g, ''),
  );
  if (!bounds || !amount.ok || amount.value.lte(0) || typeof query.reference !== 'string') return [];
  const matches: PortalMatch[] = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.store.receipts.list(merchantId, {
      paidFrom: bounds.from,
      paidTo: bounds.to,
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    for (const receipt of page.items) {
      if (!new Dec(receipt.amount).eq(amount.value)) continue;
      const payment = await ctx.store.payments.get(merchantId, receipt.paymentId);
      if (!payment || !sameReference(receipt, payment, query.reference)) continue;
      matches.push({ receipt, payment, token: receiptToken(ctx, receipt) });
    }
    cursor = page.next;
  } while (cursor);
  return matches;
}
