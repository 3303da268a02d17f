/**
 * API keys: the list shows prefixes only; a new key is shown in full once, in the answer to the POST
 * that created it (never stored in the clear, never in a redirect URL or a later page).
 */
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { Autofactura } from '../../../core/src/automation/types.js';
import type { Merchant } from '../../../core/src/store/types.js';
import type { Web } from '../web/index.js';
import { pageLocals } from './page.js';
import { requireMerchant } from './session.js';

export function apiKeyRoutes(router: Router, options: { af: Autofactura; web: Web }): void {
  const { af, web } = options;

  const show = (ctx: Context, merchant: Merchant, extra: Record<string, unknown> = {}, status = 200) =>
    web.render(
      ctx,
      'dashboard/settings/page',
      {
        ...pageLocals(ctx, 'developers', ctx.state.t('dash.settings.api-keys')),
        current: 'api-keys',
        onboarding: false,
        keys: [...merchant.apiKeys].reverse(),
        ...extra,
      },
      { layout: 'dashboard/layout', status },
    );

  router.get('/settings/api-keys', requireMerchant, (ctx) => show(ctx, ctx.state.merchant));

  router.post('/settings/api-keys', requireMerchant, web.form(), web.csrf.verify, async (ctx) => {
    const mode = (ctx.request.body as Record<string, string>).mode === 'live' ? 'live' : 'test';
    const created = await af.createApiKey(ctx.state.merchant.id, mode);
    ctx.set('Cache-Control', 'no-store');
    await show(ctx, created.merchant, { newKey: created.key }, 201);
  });

  router.post('/settings/api-keys/:id/revoke', requireMerchant, web.form(), web.csrf.verify, async (ctx) => {
    await af.revokeApiKey(ctx.state.merchant.id, ctx.params.id as string);
    ctx.status = 303;
    ctx.redirect('/dashboard/settings/api-keys');
  });
}
