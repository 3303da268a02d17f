/**
 * One route shape for every gateway's webhook (issue #10): `POST /webhooks/<gateway>/:merchantId[/:connectionId]`.
 * The body is read raw (the connector verifies the exact bytes), the connector's handler records what the
 * delivery carries through the facade before this answers 200 (invariant 2), and every delivery —
 * accepted, duplicate, ignored, or refused with its code — goes to the connection's delivery log for the
 * dashboard. A refusal answers with the API's error shape and stores nothing the delivery carried.
 */
import Router from '@koa/router';
import type { GatewayHandler, GatewayResult } from '../../../core/src/automation/inbound.js';
import type { Autofactura, Logger } from '../../../core/src/automation/types.js';
import { isAutofacturaError } from '../../../core/src/errors.js';
import { apiError } from '../http-error.js';
import { rawBody } from './raw-body.js';

export function gatewayWebhooksRouter(options: {
  af: Autofactura;
  logger: Logger;
  handlers: GatewayHandler[];
}): Router {
  const router = new Router();
  for (const handler of options.handlers) {
    const path = `/webhooks/${handler.gateway}/:merchantId${handler.withConnectionId ? '/:connectionId' : ''}`;
    router.post(path, async (ctx) => {
      ctx.set('Cache-Control', 'no-store');
      const merchantId = ctx.params.merchantId!;
      const connectionId = ctx.params.connectionId;
      const base = { connection: handler.gateway, ...(connectionId ? { connectionId } : {}) };
      const body = await rawBody(ctx);
      const headers: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(ctx.headers)) {
        headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
      }
      const query: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(ctx.query))
        query[name] = Array.isArray(value) ? value[0] : value;
      let result: GatewayResult;
      try {
        result = await handler.handle({
          merchantId,
          ...(connectionId ? { connectionId } : {}),
          rawBody: body,
          headers,
          query,
        });
      } catch (error) {
        if (!isAutofacturaError(error) || error.retriable || error.status >= 500) throw error;
        options.logger.warn('gateway delivery refused', {
          gateway: handler.gateway,
          merchantId,
          code: error.code,
        });
        await options.af
          .recordDelivery(merchantId, {
            ...base,
            outcome: 'rejected',
            code: error.code,
            message: error.message,
            ...(error.messageEn ? { messageEn: error.messageEn } : {}),
          })
          .catch(() => {});
        throw apiError(error.status, error.code, error.message, error.messageEn ?? error.message);
      }
      await options.af.recordDelivery(merchantId, {
        ...base,
        outcome: result.outcome,
        ...(result.eventId ? { eventId: result.eventId } : {}),
        ...(result.eventType ? { eventType: result.eventType } : {}),
        ...(result.paymentId ? { paymentId: result.paymentId } : {}),
        ...(result.reason ? { message: result.reason } : {}),
        ...(result.reasonEn ? { messageEn: result.reasonEn } : {}),
      });
      options.logger.info('gateway delivery', { gateway: handler.gateway, merchantId, ...result });
      ctx.body = {
        received: true,
        outcome: result.outcome,
        ...(result.reason ? { reason: result.reason } : {}),
      };
    });
  }
  return router;
}
