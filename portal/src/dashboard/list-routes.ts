/**
 * The lists: payments, invoices and receipts of the logged-in merchant, newest first (newest.ts), with
 * filters (status, dates in Mexico City time), a search box and cursor pages: `?older=` and `?newer=`
 * carry the store's cursor, so a page stays put when new records arrive.
 */
import type Router from '@koa/router';
import type { Context } from 'koa';
import {
  INVOICE_STATUSES,
  type InvoiceStatus,
  PAYMENT_STATUSES,
  type PaymentStatus,
  RECEIPT_STATUSES,
  type ReceiptStatus,
  type Store,
} from '../../../core/src/store/types.js';
import type { Web } from '../web/index.js';
import { dayStart } from './month.js';
import { type NewestPage, type NewestStart, newestPage } from './newest.js';
import { pageLocals } from './page.js';
import { exactInvoices, exactPayments, invoiceMatches, paymentMatches, receiptMatches } from './search.js';
import { requireMerchant } from './session.js';

const PAGE = 25;

interface Filters {
  status?: string;
  from?: string;
  to?: string;
  q: string;
  start: NewestStart;
  /** As typed, for the form. */
  raw: { status: string; from: string; to: string; q: string };
}

function filters(ctx: Context, statuses: readonly string[]): Filters {
  const text = (name: string) =>
    typeof ctx.query[name] === 'string' ? (ctx.query[name] as string).slice(0, 120) : '';
  const status = statuses.includes(text('status')) ? text('status') : undefined;
  const from = dayStart(text('from'));
  const to = dayStart(text('to'), true);
  const cursor = (name: string) => {
    const value = typeof ctx.query[name] === 'string' ? (ctx.query[name] as string) : '';
    return /^[A-Za-z0-9_-]{1,64}$/.test(value) ? value : undefined;
  };
  const older = cursor('older');
  const newer = cursor('newer');
  const start: NewestStart = older ? { older } : newer ? { newer } : {};
  return {
    ...(status ? { status } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    start,
    q: text('q').trim(),
    raw: {
      status: status ?? '',
      from: from ? text('from') : '',
      to: to ? text('to') : '',
      q: text('q').trim(),
    },
  };
}

/** The URL of the page older or newer than this one: the same filters, that page's cursor. */
function pageUrl(ctx: Context, direction: 'older' | 'newer', cursor: string | undefined): string | null {
  if (!cursor) return null;
  const params = new URLSearchParams(ctx.querystring);
  params.delete('older');
  params.delete('newer');
  params.delete('page');
  params.set(direction, cursor);
  return `${ctx.path}?${params.toString()}`;
}

/** An exact lookup (a UUID, an id) with the other filters applied to its few results. */
function exactPage<T>(
  items: T[],
  f: Filters,
  date: (item: T) => string,
  status: (item: T) => string,
): NewestPage<T> {
  return {
    items: items.filter(
      (item) =>
        (!f.status || status(item) === f.status) &&
        (!f.from || date(item) >= f.from) &&
        (!f.to || date(item) < f.to),
    ),
  };
}

export function listRoutes(router: Router, options: { store: Store; web: Web }): void {
  const { store, web } = options;
  const render = (
    ctx: Context,
    section: string,
    f: Filters,
    page: NewestPage<unknown>,
    locals: Record<string, unknown>,
  ) =>
    web.render(
      ctx,
      `dashboard/${section}`,
      {
        ...pageLocals(ctx, section, ctx.state.t(`dash.nav.${section}`)),
        items: page.items,
        next: pageUrl(ctx, 'older', page.older),
        previous: pageUrl(ctx, 'newer', page.newer),
        searchStopped: page.stopped === true,
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
          { start: f.start, size: PAGE, ...(f.q ? { matches: paymentMatches(f.q) } : {}) },
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
          { start: f.start, size: PAGE, ...(f.q ? { matches: invoiceMatches(f.q) } : {}) },
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
      { start: f.start, size: PAGE, ...(f.q ? { matches: receiptMatches(f.q) } : {}) },
    );
    await render(ctx, 'receipts', f, page, {
      statuses: RECEIPT_STATUSES,
      statusPrefix: 'dash.receipt.status.',
    });
  });
}
