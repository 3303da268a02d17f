/**
 * POST /webhooks/stripe/:merchantId — Stripe's signed events (issue #6). The body is read here, raw and
 * bounded, because the signature covers the exact bytes Stripe sent: no body parser may run before this
 * router (app.ts mounts it ahead of the dashboard and the portal). 200 `{ received: true }` only once
 * what the event carries is stored; 400 (nothing stored) for a bad or missing signature, a stale
 * timestamp, an unknown merchant or malformed JSON; errors as the API's `{ error: { type, code, message } }`.
 */
import Router from '@koa/router';
import { type StripeApiLocation, stripeClient } from '../../../connectors/stripe/src/client.js';
import { StripeWebhookError } from '../../../connectors/stripe/src/errors.js';
import { handleStripeWebhook } from '../../../connectors/stripe/src/handler.js';
import type { Autofactura, Logger } from '../../../core/src/automation/types.js';
import type { Store } from '../../../core/src/store/types.js';
import { apiError } from '../http-error.js';
import { rawBody } from './raw-body.js';

export interface StripeWebhookOptions {
  af: Autofactura;
  store: Store;
  logger: Logger;
  /** Where the merchant's API key reaches Stripe (tests: a local fake); default api.stripe.com. */
  stripeApi?: StripeApiLocation;
  toleranceSeconds?: number;
}

export function stripeWebhookRouter(options: StripeWebhookOptions): Router {
  const router = new Router();
  router.post('/webhooks/stripe/:merchantId', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    const body = await rawBody(ctx);
    const signature = ctx.get('stripe-signature') || undefined;
    try {
      const result = await handleStripeWebhook(
        {
          af: options.af,
          merchant: (id) => options.store.merchants.get(id),
          stripeClient: (apiKey) => stripeClient(apiKey, options.stripeApi),
          logger: options.logger,
          ...(options.toleranceSeconds ? { toleranceSeconds: options.toleranceSeconds } : {}),
        },
        { merchantId: ctx.params.merchantId!, rawBody: body, signature },
      );
      options.logger.info('stripe event', { ...result });
      ctx.body = {
        received: true,
        outcome: result.outcome,
        ...(result.reason ? { reason: result.reason } : {}),
      };
    } catch (error) {
      if (error instanceof StripeWebhookError) {
        options.logger.warn('stripe event refused', { merchantId: ctx.params.merchantId, code: error.code });
        throw apiError(error.status, error.code, error.message, error.messageEn);
      }
      throw error;
    }
  });
  return router;
}
