/**
 * The public self-invoice portal (issue #5), mounted LAST in app.ts (after /v1, /health, /dashboard,
 * /webhooks and /assets) so its /:slug routes shadow nothing. No login: a receipt's link token (256
 * bits) or the proof reference + amount + date is the authorization; lookups are rate-limited per IP;
 * every POST carries a CSRF token; pages go out with the strict CSP of web/security-headers.ts.
 */
import Router from '@koa/router';
import type { Autofactura } from '../../../core/src/automation/types.js';
import type { Store } from '../../../core/src/store/types.js';
import { rateLimit, type Web } from '../web/index.js';
import './messages.js';
import { merchantRoutes } from './merchant-routes.js';
import { receiptRoutes } from './receipt-routes.js';

export { RESERVED_SLUGS } from './portal-context.js';

export interface PortalLimits {
  /** Pages, logo, catalogs, /f/ links: per IP per minute. */
  pagesPerMinute: number;
  /** Receipt token routes (GET and POST): per IP per minute. */
  tokenPerMinute: number;
  /** Searches (find, add another purchase): per IP per minute. */
  searchPerMinute: number;
  /** Live validation calls: per IP per minute. */
  validatePerMinute: number;
  /** Constancia uploads: per IP per minute. */
  uploadsPerMinute: number;
}

export const DEFAULT_PORTAL_LIMITS: PortalLimits = {
  pagesPerMinute: 120,
  tokenPerMinute: 60,
  searchPerMinute: 10,
  validatePerMinute: 120,
  uploadsPerMinute: 10,
};

export function portalRouter(options: {
  af: Autofactura;
  store: Store;
  web: Web;
  limits?: Partial<PortalLimits>;
}): Router {
  const { af, store, web } = options;
  const limits = { ...DEFAULT_PORTAL_LIMITS, ...options.limits };
  const perMinute = (max: number) => rateLimit({ windowMs: 60_000, max });
  const router = new Router();
  router.use(web.pages);
  const search = perMinute(limits.searchPerMinute);
  merchantRoutes(router, af, store, web, {
    page: perMinute(limits.pagesPerMinute),
    search,
    validate: perMinute(limits.validatePerMinute),
  });
  receiptRoutes(router, af, web, {
    token: perMinute(limits.tokenPerMinute),
    search,
    upload: perMinute(limits.uploadsPerMinute),
  });
  return router;
}
