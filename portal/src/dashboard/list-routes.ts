/**
 * The lists: payments, invoices and receipts of the logged-in merchant, newest first (newest.ts), with
 * filters (status, dates in Mexico City time), a search box and numbered pages.
 */
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { InvoiceStatus, PaymentStatus, ReceiptStatus, Store } from '../../../core/src/store/types.js';
import type { Web } from '../web/index.js';
import { dayStart } from './month.js';
import { newestPage } from './newest.js';
import { pageLocals } from './page.js';
import { exactInvoices, exactPayments, invoiceMatches, paymentMatches, receiptMatches } from './search.js';
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
  page: number;
  /** As typed, for the form. */
  raw: { status: string; from: string; to: string; q: string };
}

function filters(ctx: Context, statuses: readonly string[]): Filters {
  const text = (name: string) =>
    typeof ctx.query[name] === 'string' ? (ctx.query[name] as string).slice(0, 120) : '';
  const status = statuses.includes(text('status')) ? text('status') : undefined;
  const from = dayStart(text('from'));
  const to = dayStart(text('to'), true);
  const page = /^\d{1,4}$/.test(text('page')) ? Math.max(1, Number(text('page'))) : 1;
  return {
    ...(status ? { status } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    page,
    q: text('q').trim(),
    raw: {
      status: status ?? '',
      from: from ? text('from') : '',
      to: to ? text('to') : '',
      q: text('q').trim(),
    },
  };
}

/** The URL of the next (older) page: the same filters, the next page number. */
function nextUrl(ctx: Context, f: Filters, hasMore: boolean): string | null {
  if (!hasMore) return null;
  const params = new URLSearchParams(ctx.querystring);
  params.set('page', String(f.page + 1));
  return `${ctx.path}?${params.toString()}`;
}

/** An exact lookup (a UUID, an id) with the other filters applied to its few results. */
function exactPage<T>(items: T[], f: Filters, date: (item: T) => string, status: (item: T) => string) {
  return {
    items: items.filter(
      (item) =>
        (!f.status || status(item) === f.status) &&
        (!f.from || date(item) >= f.from) &&
        (!f.to || date(item) < f.to),
    ),
    hasMore: false,
    truncated: false,
  };
}

export function listRoutes(router: Router, options: { store: Store; web: Web }): void {
  const { store, web } = options;
  const render = (
    ctx: Context,
    section: string,
    f: Filters,
    page: { items: unknown[]; hasMore: boolean; truncated: boolean },
    locals: Record<string, unknown>,
  ) =>
    web.render(
      ctx,
      `dashboard/${section}`,
      {
        ...pageLocals(ctx, section, ctx.state.t(`dash.nav.${section}`)),
        items: page.items,
        next: nextUrl(ctx, f, page.hasMore),
        truncated: page.truncated,
        filters: f.raw,
        ...locals,
      },
      { layout: 'dashboard/layout' },
    );

  router.get('/payments', requireMerchant, async (ctx) => {
    const f = filters(ctx, PAYMENT_STATUSES);
    const merchantId = ctx.state.merchant.id;
    const exact = f.q ? await exactPayments(store, merchantId, f.q) : null;
    const page = exact
      ? exactPage(
          exact,
          f,
          (p) => p.paidAt,
          (p) => p.status,
        )
      : await newestPage(
          (at) =>
            store.payments.list(merchantId, {
              ...at,
              ...(f.status ? { status: f.status as PaymentStatus } : {}),
              ...(f.from ? { from: f.from } : {}),
              ...(f.to ? { to: f.to } : {}),
            }),
          { page: f.page, size: PAGE, ...(f.q ? { matches: paymentMatches(f.q) } : {}) },
        );
    await render(ctx, 'payments', f, page, {
      statuses: PAYMENT_STATUSES,
      statusPrefix: 'dash.payment.status.',
    });
  });

  router.get('/invoices', requireMerchant, async (ctx) => {
    const f = filters(ctx, INVOICE_STATUSES);
    const merchantId = ctx.state.merchant.id;
    const exact = f.q ? await exactInvoices(store, merchantId, f.q) : null;
    const page = exact
      ? exactPage(
          exact,
          f,
          (i) => i.createdAt,
          (i) => i.status,
        )
      : await newestPage(
          (at) =>
            store.invoices.list(merchantId, {
              ...at,
              ...(f.status ? { status: f.status as InvoiceStatus } : {}),
              ...(f.from ? { from: f.from } : {}),
              ...(f.to ? { to: f.to } : {}),
            }),
          { page: f.page, size: PAGE, ...(f.q ? { matches: invoiceMatches(f.q) } : {}) },
        );
    await render(ctx, 'invoices', f, page, {
      statuses: INVOICE_STATUSES,
      statusPrefix: 'dash.invoice.status.',
    });
  });

  router.get('/receipts', requireMerchant, async (ctx) => {
    const f = filters(ctx, RECEIPT_STATUSES);
    const merchantId = ctx.state.merchant.id;
    const page = await newestPage(
      (at) =>
        store.receipts.list(merchantId, {
          ...at,
          ...(f.status ? { status: f.status as ReceiptStatus } : {}),
          ...(f.from ? { paidFrom: f.from } : {}),
          ...(f.to ? { paidTo: f.to } : {}),
        }),
      { page: f.page, size: PAGE, ...(f.q ? { matches: receiptMatches(f.q) } : {}) },
    );
    await render(ctx, 'receipts', f, page, {
      statuses: RECEIPT_STATUSES,
      statusPrefix: 'dash.receipt.status.',
    });
  });
}
