/** /dashboard: the month at a glance; /dashboard/logo: the merchant's logo for the dashboard itself. */
import type Router from '@koa/router';
import type { Autofactura } from '../../../core/src/automation/types.js';
import type { Store } from '../../../core/src/store/types.js';
import type { Web } from '../web/index.js';
import { webError } from '../web/web-error.js';
import { searchProducts } from './catalog-options.js';
import { homeFigures } from './home.js';
import { pageLocals } from './page.js';
import { requireMerchant, requireUser } from './session.js';

export function homeRoutes(
  router: Router,
  options: { af: Autofactura; store: Store; web: Web; publicUrl: string },
): void {
  const { af, store, web } = options;

  router.get('/', requireMerchant, async (ctx) => {
    const merchant = ctx.state.merchant;
    const figures = await homeFigures(store, merchant.id, new Date());
    const setup = {
      branding: Boolean(merchant.branding.slug && merchant.branding.color),
      stripe: merchant.secrets['stripe.webhook_secret'] !== undefined,
    };
    await web.render(
      ctx,
      'dashboard/home',
      {
        ...pageLocals(ctx, 'home', ctx.state.t('dash.nav.home')),
        figures,
        setup,
        welcome: ctx.query.welcome === '1',
        publicUrl: options.publicUrl,
      },
      { layout: 'dashboard/layout' },
    );
  });

  router.get('/logo', requireMerchant, async (ctx) => {
    const logo = await af.merchantLogo(ctx.state.merchant.id);
    if (!logo) throw webError(404, 'NOT_FOUND', 'Este comercio no tiene logo.', 'This merchant has no logo.');
    ctx.type = logo.contentType;
    ctx.set('Cache-Control', 'private, max-age=300');
    ctx.body = logo.data;
  });

  /**
   * The branding preview's colors as a stylesheet (the CSP allows no inline styles in the dashboard):
   * only #RRGGBB values pass, anything else falls back to autofactura's colors.
   */
  router.get('/branding/preview.css', requireUser, (ctx) => {
    const color = (name: string, fallback: string) => {
      const value = ctx.query[name];
      return typeof value === 'string' && /^#[0-9a-fA-F]{6}$/.test(value) ? value : fallback;
    };
    ctx.type = 'text/css; charset=utf-8';
    ctx.set('Cache-Control', 'private, max-age=300');
    ctx.body = `.preview-card{--p:${color('color', '#4f46e5')};--s:${color('secondary', '#0ea5e9')}}\n`;
  });

  /** c_ClaveProdServ search for the default product field (JSON, for dashboard.js). */
  router.get('/catalogs/products', requireUser, async (ctx) => {
    const q = typeof ctx.query.q === 'string' ? ctx.query.q : '';
    ctx.set('Cache-Control', 'private, max-age=3600');
    ctx.body = { items: searchProducts(q) };
  });
}
