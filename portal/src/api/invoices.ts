/**
 * /v1/invoices: fetch, list (by payment, status, kind, dates; cursor pages oldest or newest first), and
 * the stamped XML and PDF.
 */
import Router from '@koa/router';
import type { Autofactura } from '../../../core/src/automation/types.js';
import { INVOICE_STATUSES, type InvoiceKind, type Store } from '../../../core/src/store/types.js';
import type { ApiState } from '../auth.js';
import { notFound } from './not-found.js';
import { enumParam, instantParam, limitParam, orderParam, stringParam } from './query.js';
import { invoiceJson } from './serialize.js';

export const INVOICE_KINDS: readonly InvoiceKind[] = ['invoice', 'credit_note', 'global'];

export function invoicesRouter(af: Autofactura, store: Store): Router<ApiState> {
  const router = new Router<ApiState>();

  router.get('/invoices', async (ctx) => {
    const paymentId = stringParam(ctx.query.payment_id);
    const status = enumParam(ctx.query.status, 'status', INVOICE_STATUSES);
    const kind = enumParam(ctx.query.kind, 'kind', INVOICE_KINDS);
    const from = instantParam(ctx.query.from, 'from');
    const to = instantParam(ctx.query.to, 'to');
    const cursor = stringParam(ctx.query.cursor);
    const order = orderParam(ctx.query.order);
    const page = await store.invoices.list(ctx.state.merchant.id, {
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
