/**
 * /v1/invoices actions: issue from an invoice request (docs/invoice-request.md; optional Idempotency-Key,
 * replayed like payments), cancel with SAT's motive, and resend by email.
 */
import Router from '@koa/router';
import type { CancelInvoiceInput } from '../../../core/src/automation/api-use-cases.js';
import type { Autofactura } from '../../../core/src/automation/types.js';
import type { Store } from '../../../core/src/store/types.js';
import type { ApiState } from '../auth.js';
import { jsonBody, onlyFields, optionalString, optionalStringList } from './body.js';
import { checkKey, createIdempotency } from './idempotency.js';
import { invoiceJson } from './serialize.js';

export function invoiceActionsRouter(af: Autofactura, store: Store): Router<ApiState> {
  const router = new Router<ApiState>();
  const idempotency = createIdempotency(store.blobs, 'invoices');

  router.post('/invoices', async (ctx) => {
    const merchantId = ctx.state.merchant.id;
    const body = jsonBody(ctx, true);
    const key = ctx.get('idempotency-key').trim();
    const issue = async () => {
      const invoice = await af.issueInvoice(merchantId, body, {
        mode: ctx.state.mode,
        ...(key ? { idempotencyKey: key } : {}),
      });
      return { status: 201, body: invoiceJson(invoice) };
    };
    if (ctx.get('idempotency-key') !== '') checkKey(key);
    const scoped = ctx.state.mode === 'test' ? `test:${key}` : key;
    const answer = key ? await idempotency.run(merchantId, scoped, body, issue) : await issue();
    ctx.status = answer.status;
    ctx.body = answer.body;
  });

  router.post('/invoices/:id/cancel', async (ctx) => {
    const body = jsonBody(ctx, true);
    onlyFields(body, ['motive', 'replacement_uuid']);
    const motive = optionalString(body, 'motive') ?? '';
    const replacementUuid = optionalString(body, 'replacement_uuid');
    const input = {
      motive,
      ...(replacementUuid !== undefined ? { replacementUuid } : {}),
    } as CancelInvoiceInput;
    const invoice = await af.cancelInvoice(ctx.state.merchant.id, ctx.params.id!, input);
    ctx.status = invoice.status === 'cancellation_pending' ? 202 : 200;
    ctx.body = invoiceJson(invoice);
  });

  router.post('/invoices/:id/email', async (ctx) => {
    const body = jsonBody(ctx);
    onlyFields(body, ['to']);
    const to = optionalStringList(body, 'to');
    const result = await af.emailInvoice(ctx.state.merchant.id, ctx.params.id!, to ? { to } : {});
    ctx.status = result.status === 'sent' ? 200 : 202;
    ctx.body = { object: 'invoice_email', invoice_id: ctx.params.id!, to: result.to, status: result.status };
  });

  return router;
}
