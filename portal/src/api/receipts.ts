/**
 * /v1/receipts: list (status filter, cursor pages oldest or newest first), fetch (with the portal link
 * while open), cancel.
 */
import Router from '@koa/router';
import type { Autofactura } from '../../../core/src/automation/types.js';
import type { FiscalData } from '../../../core/src/store/types.js';
import { RECEIPT_STATUSES } from '../../../core/src/store/types.js';
import type { ApiState } from '../auth.js';
import { jsonBody, onlyFields, optionalObject, optionalString, optionalStringList } from './body.js';
import { fiscalInput } from './customer-body.js';
import { notFound } from './not-found.js';
import { enumParam, limitParam, orderParam, stringParam } from './query.js';
import { invoiceJson, receiptJson } from './serialize.js';

export function receiptsRouter(af: Autofactura): Router<ApiState> {
  const router = new Router<ApiState>();

  router.get('/receipts', async (ctx) => {
    const status = enumParam(ctx.query.status, 'status', RECEIPT_STATUSES);
    const cursor = stringParam(ctx.query.cursor);
    const order = orderParam(ctx.query.order);
    const page = await af.listReceipts(ctx.state.merchant.id, {
      limit: limitParam(ctx.query.limit),
      ...(status ? { status } : {}),
      ...(cursor ? { cursor } : {}),
      ...(order ? { order } : {}),
    });
    ctx.body = { object: 'list', data: page.items.map(receiptJson), next_cursor: page.next ?? null };
  });

  router.get('/receipts/:id', async (ctx) => {
    const receipt = await af.getReceipt(ctx.state.merchant.id, ctx.params.id!);
    if (!receipt) throw notFound('receipt', ctx.params.id!);
    ctx.body = receiptJson(receipt);
  });

  router.post('/receipts/:id/email', async (ctx) => {
    const body = jsonBody(ctx);
    onlyFields(body, ['to']);
    const to = optionalStringList(body, 'to');
    const result = await af.emailReceipt(ctx.state.merchant.id, ctx.params.id!, to ? { to } : {});
    ctx.status = 202;
    ctx.body = { object: 'receipt_email', receipt_id: ctx.params.id!, to: result.to, status: result.status };
  });

  router.post('/receipts/:id/invoice', async (ctx) => {
    const body = jsonBody(ctx);
    onlyFields(body, ['customer']);
    const customer = optionalObject(body, 'customer');
    let fiscal: (FiscalData & { email?: string }) | undefined;
    if (customer) {
      const email = optionalString(customer, 'email', 'customer.email');
      const { email: _, ...rest } = customer;
      fiscal = { ...(fiscalInput(rest, 'customer.') as FiscalData), ...(email ? { email } : {}) };
    }
    const { invoice } = await af.invoiceReceipt(
      ctx.state.merchant.id,
      ctx.params.id!,
      fiscal ? { fiscal } : {},
    );
    ctx.status = 201;
    ctx.body = invoiceJson(invoice);
  });

  router.post('/receipts/:id/cancel', async (ctx) => {
    ctx.body = receiptJson(await af.cancelReceipt(ctx.state.merchant.id, ctx.params.id!));
  });

  return router;
}
