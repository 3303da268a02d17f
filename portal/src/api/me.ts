/** GET /v1/me: the merchant behind the API key. */
import Router from '@koa/router';
import type { ApiState } from '../auth.js';

export function meRouter(): Router<ApiState> {
  const router = new Router<ApiState>();
  router.get('/me', (ctx) => {
    const { merchant, mode } = ctx.state;
    ctx.body = {
      object: 'merchant',
      id: merchant.id,
      trade_name: merchant.branding.tradeName,
      name: merchant.name,
      rfc: merchant.rfc,
      regime: merchant.regime,
      zip: merchant.zip,
      mode,
    };
  });
  return router;
}
