/**
 * Shared web infrastructure for the HTML parts of the server (self-invoice portal, dashboard).
 *
 *   const web = createWeb({ secret });           // once, in app.ts; secret: 32+ bytes (HKDF of the master key)
 *   app.use(web.assets.serve);                    // GET /assets/<file> from portal/assets/ (mounted LAST, with the portal)
 *   router.use(web.pages);                        // every HTML router: CSP nonce + security headers,
 *                                                 // language (?lang=en|es, af_lang cookie) and error pages
 *   router.post('/x', web.form(), web.csrf.verify, handler);            // urlencoded + CSRF check
 *   router.post('/y', web.form({ upload: { field: 'csf', maxBytes: 2 * 1024 * 1024,
 *     types: ['application/pdf'], sniff: isPdf, label: { es: 'un PDF', en: 'a PDF' } } }),
 *     web.csrf.verify, handler);                  // multipart: ctx.state.upload = { bytes, mediaType, ... }
 *   router.get('/z', rateLimit({ windowMs: 60_000, max: 30 }), handler); // 429 RATE_LIMITED + Retry-After
 *   await web.render(ctx, 'dashboard/home', { merchant }, { layout: 'layouts/main' });
 *   throw webError(404, 'SOMETHING_NOT_FOUND', 'mensaje es-MX', 'English message'); // rendered as a page
 *
 * Views: portal/views/<area>/<name>.ejs (EJS; `<%= %>` escapes, `<%- %>` only for our own HTML).
 * Every view gets `t(key, params)`, `lang`, `nonce` (use it on any inline <script>/<style>: the CSP has
 * no 'unsafe-inline'), `csrf` (put `<input type="hidden" name="_csrf" value="<%= csrf %>">` in each
 * POST form; fetch sends it as the `x-csrf-token` header), `asset(name)`, `langUrl(lang)`, `state`.
 * The main layout takes optional locals: `title`, `theme` ({ primary, secondary } #RRGGBB -> CSS
 * variables --brand / --brand-2), `header` (HTML of a header partial), `bodyClass`, `scripts` (asset
 * names loaded with the nonce).
 * Messages: `addMessages({ es, en })` from an area's own messages file (same keys in both languages).
 * Pages set `ctx.state.errorLocals` to give the error page more context (e.g. the merchant's contact).
 */
import { fileURLToPath } from 'node:url';
import { type Assets, loadAssets } from './assets.js';
import { composeMiddleware } from './compose.js';
import { type Csrf, createCsrf } from './csrf.js';
import { type FormBodyOptions, formBody } from './form-body.js';
import { htmlErrors } from './html-errors.js';
import { resolveLang, translator } from './i18n.js';
import './messages.js';
import type { Context, Next } from 'koa';
import { createRender, type Render } from './render.js';
import { securityHeaders } from './security-headers.js';

export { CSRF_FIELD, CSRF_HEADER } from './csrf.js';
export type { Upload } from './form-body.js';
export { addMessages, type Lang, type Translate, translator } from './i18n.js';
export { type RateLimiter, type RateLimitOptions, rateLimit } from './rate-limit.js';
export { cspHeader } from './security-headers.js';
export { webError } from './web-error.js';
export type { Assets, Csrf, Render };

export const VIEWS_DIR = fileURLToPath(new URL('../../views', import.meta.url));
export const ASSETS_DIR = fileURLToPath(new URL('../../assets', import.meta.url));

export interface Web {
  assets: Assets;
  csrf: Csrf;
  render: Render;
  /** Security headers + language + error pages, for every HTML router. */
  pages: (ctx: Context, next: Next) => Promise<void>;
  /** Body parser for unsafe methods (urlencoded; multipart when `upload` is given). */
  form: (options?: FormBodyOptions) => (ctx: Context, next: Next) => Promise<void>;
}

export function createWeb(options: { secret: Buffer; viewsDir?: string; assetsDir?: string }): Web {
  if (options.secret.length < 32) throw new Error('createWeb: the secret must have at least 32 bytes');
  const assets = loadAssets(options.assetsDir ?? ASSETS_DIR);
  const csrf = createCsrf(options.secret);
  const render = createRender({ viewsDir: options.viewsDir ?? VIEWS_DIR, assets, csrf });
  const language = async (ctx: Context, next: Next) => {
    ctx.state.lang = resolveLang(ctx);
    ctx.state.t = translator(ctx.state.lang);
    await next();
  };
  return {
    assets,
    csrf,
    render,
    pages: composeMiddleware([securityHeaders, language, htmlErrors(render)]),
    form: (formOptions) => formBody(formOptions),
  };
}
