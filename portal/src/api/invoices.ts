/**
 * /v1/invoices: fetch, list (by payment, status, kind, dates; cursor pages oldest or newest first), look
 * up by UUID or by serie-folio (a list of at most one, as Zapier's searches want), and the stamped XML and
 * PDF.
 */
import Router from '@koa/router';
import type { Autofactura } from '../../../core/src/automation/types.js';
import {
  INVOICE_STATUSES,
  type Invoice,
  type InvoiceKind,
  type Store,
} from '../../../core/src/store/types.js';
import type { ApiState } from '../auth.js';
import { apiError } from '../http-error.js';
import { notFound } from './not-found.js';
import { enumParam, instantParam, limitParam, orderParam, stringParam } from './query.js';
import { invoiceJson } from './serialize.js';

export const INVOICE_KINDS: readonly InvoiceKind[] = ['invoice', 'credit_note', 'global'];

export function invoicesRouter(af: Autofactura, store: Store): Router<ApiState> {
  const router = new Router<ApiState>();

  router.get('/invoices', async (ctx) => {
    const merchantId = ctx.state.merchant.id;
    const uuid = stringParam(ctx.query.uuid);
    const series = stringParam(ctx.query.series);
    const folioText = stringParam(ctx.query.folio);
    if (uuid || series || folioText) {
      let found: Invoice | null;
      if (uuid) {
        found = await store.invoices.findByUuid(merchantId, uuid.trim().toUpperCase());
      } else {
        const folio = folioParam(series, folioText);
        found = await store.invoices.findBySeriesFolio(merchantId, series!.trim(), folio);
      }
      ctx.body = { object: 'list', data: found ? [invoiceJson(found)] : [], next_cursor: null };
      return;
    }
    const paymentId = stringParam(ctx.query.payment_id);
    const status = enumParam(ctx.query.status, 'status', INVOICE_STATUSES);
    const kind = enumParam(ctx.query.kind, 'kind', INVOICE_KINDS);
    const from = instantParam(ctx.query.from, 'from');
    const to = instantParam(ctx.query.to, 'to');
    const cursor = stringParam(ctx.query.cursor);
    const order = orderParam(ctx.query.order);
    const page = await store.invoices.list(merchantId, {
      limit: limitParam(ctx.query.limit),
      ...(paymentId ? { paymentId } : {}),
      ...(status ? { status } : {}),
      ...(kind ? { kind } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(cursor ? { cursor } : {}),
      ...(order ? { order } : {}),
    });
    ctx.body = { object: 'list', data: page.items.map(invoiceJson), next_cursor: page.next ?? null };
  });

  router.get('/invoices/:id', async (ctx) => {
    const invoice = await af.getInvoice(ctx.state.merchant.id, ctx.params.id!);
    if (!invoice) throw notFound('invoice', ctx.params.id!);
    ctx.body = invoiceJson(invoice);
  });

  router.get('/invoices/:id/xml', async (ctx) => {
    const xml = await af.invoiceXml(ctx.state.merchant.id, ctx.params.id!);
    if (!xml) throw notFound('invoice', ctx.params.id!);
    ctx.type = 'application/xml';
    ctx.attachment(`${ctx.params.id}.xml`, { type: 'inline' });
    ctx.body = xml;
  });

  router.get('/invoices/:id/pdf', async (ctx) => {
    const pdf = await af.invoicePdf(ctx.state.merchant.id, ctx.params.id!);
    if (!pdf) throw notFound('invoice', ctx.params.id!);
    ctx.type = 'application/pdf';
    ctx.attachment(`${ctx.params.id}.pdf`, { type: 'inline' });
    ctx.body = pdf;
  });

  return router;
}

/** `series` and `folio` go together; the folio is a positive integer (the number after the serie). */
function folioParam(series: string | undefined, folio: string | undefined): number {
  if (!series || !folio) {
    throw apiError(
      400,
      'INVALID_PARAMETER',
      'Para buscar por serie y folio envía los dos, p. ej. series=A&folio=17.',
      'To search by series and folio send both, e.g. series=A&folio=17.',
      series ? 'folio' : 'series',
    );
  }
  const number = Number(folio);
  if (!/^\d{1,9}$/.test(folio.trim()) || number < 1) {
    throw apiError(
      400,
      'INVALID_PARAMETER',
      'folio debe ser un número entero positivo, p. ej. 17.',
      'folio must be a positive integer, e.g. 17.',
      'folio',
    );
  }
  return number;
}
