/**
 * createServer: the Koa app — error edge first, then /health and the REST API under /v1 (JSON only,
 * 1 MB bodies, `Authorization: Bearer <api key>`). Errors are logged in one place (`app.on('error')`).
 */
import { randomBytes } from 'node:crypto';
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa from 'koa';
import type { Autofactura, Logger } from '../../core/src/automation/types.js';
import type { Store } from '../../core/src/store/types.js';
import { catalogsRouter } from './api/catalogs.js';
import { customersRouter } from './api/customers.js';
import { eventsRouter } from './api/events.js';
import { invoiceActionsRouter } from './api/invoice-actions.js';
import { invoicesRouter } from './api/invoices.js';
import { meRouter } from './api/me.js';
import { openApiDocument } from './api/openapi/index.js';
import { paymentsRouter } from './api/payments.js';
import { receiptsRouter } from './api/receipts.js';
import { reportsRouter } from './api/reports.js';
import { webhookEndpointsRouter } from './api/webhook-endpoints.js';
import { type ApiState, requireApiKey } from './auth.js';
import { dashboardRouter } from './dashboard/index.js';
import { vendorAssets } from './dashboard/report-routes.js';
import { apiError, errorMiddleware } from './http-error.js';
import { type PortalLimits, portalRouter } from './portal/index.js';
import { stripeAppRouter } from './stripe-app/index.js';
import { createWeb } from './web/index.js';
import { gatewayWebhooksRouter } from './webhooks/gateway-route.js';
import { gatewayHandlers } from './webhooks/gateways.js';
import { stripeWebhookRouter } from './webhooks/stripe.js';

export interface ServerOptions {
  af: Autofactura;
  store: Store;
  logger: Logger;
  /** Base URL the server is reached at (receipt links, printed URLs). */
  publicUrl: string;
  /** false while starting or draining: /health answers 503. */
  ready?: () => boolean;
  /**
   * Signs CSRF tokens of HTML forms (portal, dashboard): 32+ bytes, the same in every process (start.ts
   * derives it from the master key). Default: random per process.
   */
  webSecret?: Buffer;
  /** Rate limits of the public portal (per IP per minute); defaults in portal/index.ts. */
  portalLimits?: Partial<PortalLimits>;
  /** Honour X-Forwarded-For/-Proto from one reverse proxy in front (TRUST_PROXY=1). Default false. */
  trustProxy?: boolean;
  /** false closes the dashboard's sign-up page (AUTOFACTURA_SIGNUP=closed). Default open. */
  signupOpen?: boolean;
  /** Where a merchant's Stripe API key reaches Stripe (tests: a local fake); default api.stripe.com. */
  stripeApi?: { host: string; port: number; protocol: 'http' | 'https' };
  /**
   * Base URLs of the gateway APIs connectors call back (MERCADOPAGO_API_URL, OPENPAY_API_URL,
   * PAYPAL_API_URL), by gateway id; default each SDK's production host. Tests point them at local fakes.
   */
  gatewayApis?: Record<string, string | undefined>;
}

const BODY_LIMIT = '1mb';

export function createServer(options: ServerOptions): Koa {
  const { af, store, logger } = options;
  const app = new Koa();
  // Behind one reverse proxy (TRUST_PROXY=1) the client's address comes from X-Forwarded-For, so the
  // rate limits and the login lockout count people, not the proxy; otherwise the header is ignored.
  app.proxy = options.trustProxy === true;
  app.maxIpsCount = 1;
  app.on('error', (error: unknown, ctx?: Koa.Context) => {
    logger.error('request failed', {
      method: ctx?.method,
      path: ctx?.path,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  });
  app.use(errorMiddleware);
  // Shared by the HTML parts (portal, dashboard): views, CSRF, assets, security headers (web/index.ts).
  const web = createWeb({ secret: options.webSecret ?? randomBytes(32) });

  const root = new Router();
  root.get('/health', (ctx) => {
    const ready = options.ready?.() ?? true;
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'ok' : 'unavailable' };
  });
  // The API's OpenAPI document needs no key (portal/src/api/openapi/).
  root.get('/v1/openapi.json', (ctx) => {
    ctx.set('Access-Control-Allow-Origin', '*');
    ctx.body = openApiDocument();
  });
  app.use(root.routes()).use(root.allowedMethods());

  // Gateway webhooks read their raw body themselves (signatures cover the exact bytes): before any body
  // parser, the dashboard and the portal.
  const stripe = stripeWebhookRouter({
    af,
    store,
    logger,
    ...(options.stripeApi ? { stripeApi: options.stripeApi } : {}),
  });
  app.use(stripe.routes()).use(stripe.allowedMethods());
  const gateways = gatewayWebhooksRouter({
    af,
    logger,
    handlers: gatewayHandlers({ af, logger, apis: options.gatewayApis ?? {} }),
  });
  app.use(gateways.routes()).use(gateways.allowedMethods());

  const api = new Router<ApiState>({ prefix: '/v1' });
  api.use(async (ctx, next) => {
    ctx.set('Cache-Control', 'no-store');
    if (['POST', 'PUT', 'PATCH'].includes(ctx.method) && ctx.request.length && !ctx.is('application/json')) {
      throw apiError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'La API solo acepta JSON: envía Content-Type: application/json.',
        'The API accepts JSON only: send Content-Type: application/json.',
      );
    }
    await next();
  });
  api.use(bodyParser({ enableTypes: ['json'], jsonLimit: BODY_LIMIT, encoding: 'utf-8' }));
  api.use(requireApiKey(af));
  for (const router of [
    meRouter(),
    paymentsRouter(af, store),
    invoicesRouter(af, store),
    invoiceActionsRouter(af, store),
    customersRouter(af, store),
    receiptsRouter(af),
    reportsRouter(af),
    catalogsRouter(),
    webhookEndpointsRouter(af),
    eventsRouter(af),
  ]) {
    api.use(router.routes(), router.allowedMethods());
  }
  app.use(api.routes()).use(api.allowedMethods());
  // The merchant dashboard under /dashboard, before the portal's /:slug routes could claim its paths.
  const dashboard = dashboardRouter({
    af,
    store,
    web,
    publicUrl: options.publicUrl.replace(/\/+$/, ''),
    ...(options.signupOpen !== undefined ? { signupOpen: options.signupOpen } : {}),
  });
  app.use(dashboard.routes()).use(dashboard.allowedMethods());
  // The Stripe App's backend (signed by Stripe, CORS for the Dashboard's iframe), before the portal's /:slug.
  app.use(stripeAppRouter({ af, store, publicUrl: options.publicUrl }).routes());
  const home = new Router();
  home.get('/', (ctx) => ctx.redirect('/dashboard'));
  app.use(home.routes());
  // LAST, after every other area: /assets/ and then the public portal's /:slug routes.
  // Chart.js from node_modules (/assets/vendor/chart.js/) before /assets/ answers 404 for it.
  app.use(vendorAssets().serve);
  app.use(web.assets.serve);
  const portal = portalRouter({
    af,
    store,
    web,
    ...(options.portalLimits ? { limits: options.portalLimits } : {}),
  });
  app.use(portal.routes()).use(portal.allowedMethods());
  app.use((ctx) => {
    throw apiError(
      404,
      'ROUTE_NOT_FOUND',
      `No existe la ruta ${ctx.method} ${ctx.path}.`,
      `There is no route ${ctx.method} ${ctx.path}.`,
    );
  });
  return app;
}
