/**
 * /v1/customers: list (cursor pages; exact search by rfc or email), fetch, create, update (fiscal data
 * validated before anything is written) and validate ({ valid, errors } without saving).
 */
import Router from '@koa/router';
import type { Autofactura } from '../../../core/src/automation/types.js';
import type { Customer, Store } from '../../../core/src/store/types.js';
import type { ApiState } from '../auth.js';
import { langOf } from '../lang.js';
import { snakePath } from '../snake.js';
import { jsonBody, onlyFields, optionalObject } from './body.js';
import { customerInput, fiscalInput } from './customer-body.js';
import { notFound } from './not-found.js';
import { limitParam, stringParam } from './query.js';
import { customerJson } from './serialize.js';

export function customersRouter(af: Autofactura, store: Store): Router<ApiState> {
  const router = new Router<ApiState>();

  router.get('/customers', async (ctx) => {
    const merchantId = ctx.state.merchant.id;
    const rfc = stringParam(ctx.query.rfc);
    const email = stringParam(ctx.query.email);
    if (rfc || email) {
      const found = rfc
        ? await store.customers.findByRfc(merchantId, rfc.trim().toUpperCase())
        : await store.customers.findByEmail(merchantId, email!.trim());
      const matches = found && (!email || found.email === email.trim().toLowerCase()) ? [found] : [];
      ctx.body = { object: 'list', data: matches.map(customerJson), next_cursor: null };
      return;
    }
    const cursor = stringParam(ctx.query.cursor);
    const page = await store.customers.list(merchantId, {
      limit: limitParam(ctx.query.limit),
      ...(cursor ? { cursor } : {}),
    });
    ctx.body = { object: 'list', data: page.items.map(customerJson), next_cursor: page.next ?? null };
  });

  router.get('/customers/:id', async (ctx) => {
    const customer = await af.getCustomer(ctx.state.merchant.id, ctx.params.id!);
    if (!customer) throw notFound('customer', ctx.params.id!);
    ctx.body = customerJson(customer);
  });

  router.post('/customers', async (ctx) => {
    const customer: Customer = await af.createCustomer(
      ctx.state.merchant.id,
      customerInput(jsonBody(ctx, true)),
    );
    ctx.status = 201;
    ctx.body = customerJson(customer);
  });

  router.patch('/customers/:id', async (ctx) => {
    const patch = customerInput(jsonBody(ctx, true));
    ctx.body = customerJson(await af.updateCustomer(ctx.state.merchant.id, ctx.params.id!, patch));
  });

  router.post('/customers/:id/validate', async (ctx) => {
    const body = jsonBody(ctx);
    onlyFields(body, ['fiscal']);
    const candidate = fiscalInput(optionalObject(body, 'fiscal')) ?? {};
    const result = await af.validateCustomer(ctx.state.merchant.id, ctx.params.id!, candidate);
    const en = langOf(ctx.get('accept-language')) === 'en';
    ctx.body = {
      object: 'customer_validation',
      valid: result.valid,
      errors: result.errors.map((error) => ({
        code: error.code,
        message: en ? (error.messageEn ?? error.message) : error.message,
        param: snakePath(error.path ?? ''),
      })),
    };
  });

  return router;
}
