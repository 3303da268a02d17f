/**
 * Resolving a portal request: the merchant by slug (404 page when none) and a receipt by its link token
 * (404 when unknown or of another merchant), plus the purchases added by proof (`also` tokens). Every
 * page of a merchant carries its brand and contact, also on error pages (ctx.state.errorLocals).
 */
import type { Context } from 'koa';
import type { Autofactura } from '../../../core/src/automation/types.js';
import type { Merchant, Payment, Receipt } from '../../../core/src/store/types.js';
import { type Lang, webError } from '../web/index.js';
import { type PortalMerchant, portalMerchant } from './view-models.js';

/** A Koa context with the router's path parameters. */
export type PortalContext = Context & { params: Record<string, string | undefined> };

/** First path segments that belong to other parts of the server, never merchant slugs. */
export const RESERVED_SLUGS = new Set([
  'v1',
  'health',
  'dashboard',
  'webhooks',
  'assets',
  'f',
  'api',
  'static',
]);

export interface Resolved {
  merchant: Merchant;
  brand: PortalMerchant;
}

export const MAX_PURCHASES = 20;

/** Locals every portal page shares (brand header, theme). */
export function brandLocals(brand: PortalMerchant): Record<string, unknown> {
  return {
    brand,
    merchant: brand,
    theme: {
      primary: brand.theme.primary,
      secondary: brand.theme.secondary,
      onPrimary: brand.theme.onPrimary,
    },
    headerView: 'portal/brand-header',
    styles: ['portal.css'],
  };
}

export async function resolveMerchant(af: Autofactura, ctx: PortalContext): Promise<Resolved> {
  const slug = String(ctx.params.slug ?? '');
  const merchant = await af.merchantBySlug(slug);
  if (!merchant) {
    throw webError(
      404,
      'PORTAL_NOT_FOUND',
      'No existe un portal de facturación en esta dirección. Revisa el enlace que te dieron.',
      'There is no invoicing portal at this address. Check the link you were given.',
    );
  }
  const brand = portalMerchant(merchant, slug, ctx.state.lang as Lang);
  ctx.state.errorLocals = { ...brandLocals(brand), backUrl: `/${slug}` };
  return { merchant, brand };
}

export interface ResolvedReceipt extends Resolved {
  receipt: Receipt;
  payment: Payment;
  token: string;
}

const receiptNotFound = () =>
  webError(
    404,
    'RECEIPT_NOT_FOUND',
    'El enlace de facturación no es válido. Revisa que lo copiaste completo del correo o del ticket.',
    'The invoicing link is not valid. Check that you copied it completely from the email or the receipt.',
  );

export async function resolveReceipt(af: Autofactura, ctx: PortalContext): Promise<ResolvedReceipt> {
  const resolved = await resolveMerchant(af, ctx);
  const token = String(ctx.params.token ?? '');
  const found = /^[A-Za-z0-9_-]{16,100}$/.test(token) ? await af.receiptByToken(token) : null;
  if (!found || found.merchant.id !== resolved.merchant.id) throw receiptNotFound();
  return { ...resolved, receipt: found.receipt, payment: found.payment, token };
}

/** Tokens of other purchases the customer proved (query or body `also`), unique, bounded. */
export function alsoTokens(value: unknown, main: string): string[] {
  const list = (Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [])
    .map((t) => String(t).trim())
    .filter((t) => /^[A-Za-z0-9_-]{16,100}$/.test(t) && t !== main);
  return [...new Set(list)].slice(0, MAX_PURCHASES - 1);
}

/** The open purchases behind `also` tokens: same merchant and currency; others are dropped. */
export async function provenPurchases(
  af: Autofactura,
  main: ResolvedReceipt,
  tokens: string[],
  now = new Date(),
): Promise<{ receipt: Receipt; payment: Payment; token: string }[]> {
  const out: { receipt: Receipt; payment: Payment; token: string }[] = [];
  for (const token of tokens) {
    const found = await af.receiptByToken(token);
    if (
      found &&
      found.merchant.id === main.merchant.id &&
      found.receipt.id !== main.receipt.id &&
      found.receipt.status === 'open' &&
      found.receipt.currency === main.receipt.currency &&
      Date.parse(found.receipt.expiresAt) > now.getTime()
    ) {
      out.push({ receipt: found.receipt, payment: found.payment, token });
    }
  }
  return out;
}

export function receiptPath(slug: string, token: string, also: string[] = []): string {
  const query = also.length > 0 ? `?${also.map((t) => `also=${encodeURIComponent(t)}`).join('&')}` : '';
  return `/${slug}/r/${token}${query}`;
}
