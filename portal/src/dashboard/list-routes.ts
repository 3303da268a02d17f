/**
 * The lists: payments, invoices and receipts of the logged-in merchant, newest pages first as the store
 * gives them, with filters (status, dates in Mexico City time), a search box and cursor pagination.
 */
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { InvoiceStatus, PaymentStatus, ReceiptStatus, Store } from '../../../core/src/store/types.js';
import type { Web } from '../web/index.js';
import { dayStart } from './month.js';
import { pageLocals } from './page.js';
import { searchInvoices, searchPayments, searchReceipts } from './search.js';
import { requireMerchant } from './session.js';

export const PAYMENT_STATUSES: PaymentStatus[] = [
  'recorded',
  'issuing',
  'invoiced',
  'awaiting_customer',
  'failed',
  'refunded',
  'in_global',
  'ignored',
];
export const INVOICE_STATUSES: InvoiceStatus[] = [
  'sealed',
  'stamped',
  'failed',
  'cancellation_pending',
  'cancelled',
  'cancellation_rejected',
];
export const RECEIPT_STATUSES: ReceiptStatus[] = ['open', 'invoiced', 'expired', 'in_global', 'voided'];
const PAGE = 25;

interface Filters {
  status?: string;
  from?: string;
  to?: string;
  q: string;
  cursor?: string;
  /** As typed, for the form. */
  raw: { status: string; from: string; to: string; q: string };
}

function filters(ctx: Context, statuses: readonly string[]): Filters {
  const text = (name: string) =>
    typeof ctx.query[name] === 'string' ? (ctx.query[name] as string).slice(0, 120) : '';
  const status = statuses.includes(text('status')) ? text('status') : undefined;
  const from = dayStart(text('from'));
  const to = dayStart(text('to'), true);
  const cursor = /^[A-Za-z0-9_-]{1,200}$/.test(text('cursor')) ? text('cursor') : undefined;
  return {
    ...(status ? { status } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(cursor ? { cursor } : {}),
    q: text('q').trim(),
    raw: {
      status: status ?? '',
      from: from ? text('from') : '',
      to: to ? text('to') : '',
      q: text('q').trim(),
    },
  };
}

/** The URL of the next page: the same filters plus the cursor. */
function nextUrl(ctx: Context, next: string | undefined): string | null {
  if (!next) return null;
  const params = new URLSearchParams(ctx.querystring);
  params.set('cursor', next);
  return `${ctx.path}?${params.toString()}`;
}

export function listRoutes(router: Router, options: { store: Store; web: Web }): void {
  const { store, web } = options;
  const render = (ctx: Context, view: string, section: string, locals: Record<string, unknown>) =>
    web.render(
      ctx,
      `dashboard/${view}`,
      { ...pageLocals(ctx, section, ctx.state.t(`dash.nav.${section}`)), ...locals },
      { layout: 'dashboard/layout' },
    );

  router.get('/payments', requireMerchant, async (ctx) => {
    const f = filters(ctx, PAYMENT_STATUSES);
    const merchantId = ctx.state.merchant.id;
    const page = f.q
      ? {
          items: (await searchPayments(store, merchantId, f.q)).filter(
            (p) =>
              (!f.status || p.status === f.status) &&
              (!f.from || p.paidAt >= f.from) &&
              (!f.to || p.paidAt < f.to),
          ),
        }
      : await store.payments.list(merchantId, {
          limit: PAGE,
          ...(f.status ? { status: f.status as PaymentStatus } : {}),
          ...(f.from ? { from: f.from } : {}),
          ...(f.to ? { to: f.to } : {}),
          ...(f.cursor ? { cursor: f.cursor } : {}),
        });
    await render(ctx, 'payments', 'payments', {
      items: page.items,
      next: nextUrl(ctx, 'next' in page ? page.next : undefined),
      filters: f.raw,
      statuses: PAYMENT_STATUSES,
      statusPrefix: 'dash.payment.status.',
    });
  });

  router.get('/invoices', requireMerchant, async (ctx) => {
    const f = filters(ctx, INVOICE_STATUSES);
    const merchantId = ctx.state.merchant.id;
    const page = f.q
      ? {
          items: (await searchInvoices(store, merchantId, f.q)).filter(
            (i) =>
              (!f.status || i.status === f.status) &&
              (!f.from || i.createdAt >= f.from) &&
              (!f.to || i.createdAt < f.to),
          ),
        }
      : await store.invoices.list(merchantId, {
          limit: PAGE,
          ...(f.status ? { status: f.status as InvoiceStatus } : {}),
          ...(f.from ? { from: f.from } : {}),
          ...(f.to ? { to: f.to } : {}),
          ...(f.cursor ? { cursor: f.cursor } : {}),
        });
    await render(ctx, 'invoices', 'invoices', {
      items: page.items,
      next: nextUrl(ctx, 'next' in page ? page.next : undefined),
      filters: f.raw,
      statuses: INVOICE_STATUSES,
      statusPrefix: 'dash.invoice.status.',
    });
  });

  router.get('/receipts', requireMerchant, async (ctx) => {
    const f = filters(ctx, RECEIPT_STATUSES);
    const merchantId = ctx.state.merchant.id;
    const page = f.q
      ? {
          items: (await searchReceipts(store, merchantId, f.q)).filter(
            (r) =>
              (!f.status || r.status === f.status) &&
              (!f.from || r.paidAt >= f.from) &&
              (!f.to || r.paidAt < f.to),
          ),
        }
      : await store.receipts.list(merchantId, {
          limit: PAGE,
          ...(f.status ? { status: f.status as ReceiptStatus } : {}),
          ...(f.from ? { paidFrom: f.from } : {}),
          ...(f.to ? { paidTo: f.to } : {}),
          ...(f.cursor ? { cursor: f.cursor } : {}),
        });
    await render(ctx, 'receipts', 'receipts', {
      items: page.items,
      next: nextUrl(ctx, 'next' in page ? page.next : undefined),
      filters: f.raw,
      statuses: RECEIPT_STATUSES,
      statusPrefix: 'dash.receipt.status.',
    });
  });
}
