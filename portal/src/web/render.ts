/**
 * EJS views from portal/views/ inside a layout. `render(ctx, 'portal/receipt', locals)` renders the
 * view, then the layout (default `layouts/main`) with the view's HTML as `body`. Every view and layout
 * gets, besides its own locals: `t` (translate), `lang`, `nonce` (for a <script>/<style> tag), `csrf`
 * (the form token, created on first use), `asset(name)` (fingerprinted /assets/ URL), `langUrl(lang)`
 * (the current page in another language) and `state` (ctx.state). Output with `<%= %>` is HTML-escaped;
 * `<%- %>` only for HTML built by our own views (includes, `body`).
 */
import ejs from 'ejs';
import type { Context } from 'koa';
import type { Assets } from './assets.js';
import type { Csrf } from './csrf.js';
import { type Lang, translator, urlWithLang } from './i18n.js';

export interface RenderOptions {
  /** Layout view, or false for none; default 'layouts/main'. */
  layout?: string | false;
  status?: number;
}

export type Render = (
  ctx: Context,
  view: string,
  locals?: Record<string, unknown>,
  options?: RenderOptions,
) => Promise<void>;

/** The locals every view gets (see the module comment). */
export function baseLocals(ctx: Context, assets: Assets, csrf: Csrf): Record<string, unknown> {
  const lang = (ctx.state.lang as Lang | undefined) ?? 'es';
  return {
    lang,
    t: ctx.state.t ?? translator(lang),
    nonce: ctx.state.nonce ?? '',
    get csrf() {
      return csrf.token(ctx);
    },
    asset: (name: string) => assets.url(name),
    langUrl: (to: Lang) => urlWithLang(ctx, to),
    state: ctx.state,
  };
}

export function createRender(options: {
  viewsDir: string;
  assets: Assets;
  csrf: Csrf;
  cache?: boolean;
}): Render {
  const { viewsDir, assets, csrf } = options;
  const ejsOptions = { views: [viewsDir], root: viewsDir, cache: options.cache ?? true, async: false };
  const file = (view: string) => `${viewsDir}/${view}.ejs`;

  return async (ctx, view, locals = {}, renderOptions = {}) => {
    const all = { ...baseLocals(ctx, assets, csrf), ...locals };
    const body = await ejs.renderFile(file(view), all, ejsOptions);
    const layout = renderOptions.layout ?? 'layouts/main';
    const html = layout === false ? body : await ejs.renderFile(file(layout), { ...all, body }, ejsOptions);
    ctx.status = renderOptions.status ?? 200;
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = html;
  };
}
