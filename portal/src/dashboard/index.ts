/**
 * The merchant dashboard under /dashboard (issue #5): login and sign-up, onboarding and settings, the
 * lists of payments, invoices and receipts, a payment's timeline and its actions. Built on the shared
 * web infrastructure (portal/src/web: layout, i18n, CSP, CSRF, forms). Mounted by app.ts.
 */
import Router from '@koa/router';
import type { Autofactura } from '../../../core/src/automation/types.js';
import type { Store } from '../../../core/src/store/types.js';
import type { Web } from '../web/index.js';
import { webError } from '../web/web-error.js';
import { apiKeyRoutes } from './api-keys-routes.js';
import { authRoutes } from './auth-routes.js';
import { homeRoutes } from './home-routes.js';
import { invoiceActionRoutes } from './invoice-actions.js';
import { listRoutes } from './list-routes.js';
import './messages.js';
import { gatewayRoutes } from './gateway-routes.js';
import { paymentRoutes } from './payment-routes.js';
import { reportRoutes } from './report-routes.js';
import { loadSession, sessionCookies } from './session.js';
import { settingsRoutes } from './settings-routes.js';

export interface DashboardOptions {
  af: Autofactura;
  store: Store;
  web: Web;
  /** PUBLIC_URL: decides the Secure cookie flag and the URLs shown (webhooks, portal). */
  publicUrl: string;
  /** false closes /dashboard/signup (AUTOFACTURA_SIGNUP=closed). Default open. */
  signupOpen?: boolean;
}

export function dashboardRouter(options: DashboardOptions): Router {
  const { af, store, web, publicUrl } = options;
  const router = new Router({ prefix: '/dashboard' });
  const cookies = sessionCookies(publicUrl);
  router.use(web.pages);
  router.use(async (ctx, next) => {
    ctx.set('Cache-Control', 'no-store');
    await next();
  });
  router.use(loadSession(af, cookies));
  authRoutes(router, { af, web, cookies, signupOpen: options.signupOpen ?? true });
  homeRoutes(router, { af, store, web, publicUrl });
  apiKeyRoutes(router, { af, web });
  // Before settingsRoutes: its /settings/:section would take /settings/gateways.
  gatewayRoutes(router, { af, store, web, publicUrl });
  settingsRoutes(router, { af, store, web, publicUrl });
  listRoutes(router, { store, web });
  paymentRoutes(router, { af, store, web });
  invoiceActionRoutes(router, { af, store, web });
  reportRoutes(router, { af, web });
  // Any other page under /dashboard: the dashboard's own 404 page, not the API's JSON error.
  router.all('/{*rest}', () => {
    throw webError(
      404,
      'NOT_FOUND',
      'Esa página no existe en el panel.',
      'That page does not exist in the dashboard.',
    );
  });
  return router;
}
