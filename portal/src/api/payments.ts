/**
 * /v1/payments: record (with Idempotency-Key), fetch with its event log, list by cursor pages (`order`),
 * look up by the id it has at its source (`external_id`, `source`: a list of at most one).
 */
import Router from '@koa/router';
import type { Autofactura } from '../../../core/src/automation/types.js';
import { PAYMENT_STATUSES, type PaymentStatus, type Store } from '../../../core/src/store/types.js';
import type { ApiState } from '../auth.js';
import { apiError } from '../http-error.js';
import { checkKey, createIdempotency } from './idempotency.js';
import { notFound } from './not-found.js';
import { paymentInput } from './payment-body.js';
import { instantParam, limitParam, orderParam, stringParam } from './query.js';
import { eventJson, paymentJson, recordedJson } from './serialize.js';

const STATUSES: readonly PaymentStatus[] = PAYMENT_STATUSES;

export function paymentsRouter(af: Autofactura, store: Store): Router<ApiState> {
  const router = new Router<ApiState>();
  const idempotency = createIdempotency(store.blobs);

  router.post('/payments', async (ctx) => {
    const key = ctx.get('idempotency-key').trim();
    checkKey(key);
    const { merchant, mode } = ctx.state;
    const body = (ctx.request as { body?: unknown }).body;
    // Test and live keys never share an idempotency key (nor, in payment-body.ts, a payment source).
    const scoped = mode === 'test' ? `test:${key}` : key;
    const answer = await idempotency.run(merchant.id, scoped, body, async () => {
      const input = paymentInput(body, key, mode);
      const result = await af.recordPayment(merchant.id, input, { wait: true });
      return { status: result.created ? 201 : 200, body: recordedJson(result) };
    });
    ctx.status = answer.status;
    ctx.body = answer.body;
  });

  router.get('/payments/:id', async (ctx) => {
    const found = await af.getPayment(ctx.state.merchant.id, ctx.params.id!);
    if (!found) throw notFound('payment', ctx.params.id!);
    ctx.body = { ...paymentJson(found.payment), events: found.events.map(eventJson) };
  });

  router.get('/payments', async (ctx) => {
    const externalId = stringParam(ctx.query.external_id);
    if (externalId) {
      const { merchant, mode } = ctx.state;
      const source = paymentSource(stringParam(ctx.query.source), mode);
      const found = await store.payments.findByExternalId(merchant.id, source, externalId.trim());
      ctx.body = { object: 'list', data: found ? [paymentJson(found)] : [], next_cursor: null };
      return;
    }
    const status = stringParam(ctx.query.status);
    if (status && !STATUSES.includes(status as PaymentStatus)) {
      throw apiError(
        400,
        'INVALID_PARAMETER',
        `status debe ser uno de: ${STATUSES.join(', ')}.`,
        `status must be one of: ${STATUSES.join(', ')}.`,
        'status',
      );
    }
    const from = instantParam(ctx.query.from, 'from');
    const to = instantParam(ctx.query.to, 'to');
    const cursor = stringParam(ctx.query.cursor);
    const order = orderParam(ctx.query.order);
    const page = await store.payments.list(ctx.state.merchant.id, {
      limit: limitParam(ctx.query.limit),
      ...(status ? { status: status as PaymentStatus } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(cursor ? { cursor } : {}),
      ...(order ? { order } : {}),
    });
    ctx.body = { object: 'list', data: page.items.map(paymentJson), next_cursor: page.next ?? null };
  });

  return router;
}

/**
 * The source a payment was stored under: `api` by default; a test key's API payments are kept apart as
 * `api_test` (payment-body.ts), so `api` with a test key means `api_test`.
 */
function paymentSource(source: string | undefined, mode: 'test' | 'live'): string {
  const name = (source ?? 'api').trim().toLowerCase();
  return name === 'api' && mode === 'test' ? 'api_test' : name;
}
