/**
 * The error edge of HTML routes: a coded failure (AutofacturaError, or Koa's own 4xx) becomes the
 * `errors/error` page with its status, in the page's language, plus whatever the route put in
 * `ctx.state.errorLocals` (the portal puts the merchant, so the page shows their contact). A client
 * that asks for JSON (fetch from our scripts) gets `{ error: { code, message } }` instead. Anything else
 * is a 500 with no internals shown, logged once through app.on('error').
 */
import type { Context, Next } from 'koa';
import { isAutofacturaError } from '../../../core/src/errors.js';
import type { Lang } from './i18n.js';
import type { Render } from './render.js';

interface Shown {
  status: number;
  code: string;
  message: string;
}

function describe(caught: unknown, lang: Lang): Shown | null {
  if (isAutofacturaError(caught)) {
    const first = caught.details[0];
    const es = first?.message ?? caught.message;
    const en = first?.messageEn ?? caught.messageEn ?? es;
    const status = caught.status >= 400 && caught.status < 600 ? caught.status : 500;
    return { status, code: caught.code, message: lang === 'en' ? en : es };
  }
  const status = (caught as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const messages: Record<number, [string, string]> = {
      404: ['No encontramos esta página.', 'We could not find this page.'],
      405: ['Esta página no acepta esa acción.', 'This page does not accept that action.'],
      413: ['Lo que enviaste es demasiado grande.', 'What you sent is too large.'],
    };
    const [es, en] = messages[status] ?? ['La solicitud no es válida.', 'The request is not valid.'];
    return { status, code: status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST', message: lang === 'en' ? en : es };
  }
  return null;
}

export function htmlErrors(render: Render) {
  return async (ctx: Context, next: Next) => {
    try {
      await next();
    } catch (caught) {
      const lang = (ctx.state.lang as Lang | undefined) ?? 'es';
      let shown = describe(caught, lang);
      if (!shown || shown.status >= 500) {
        ctx.app.emit('error', caught, ctx);
        shown ??= {
          status: 500,
          code: 'INTERNAL_ERROR',
          message:
            lang === 'en'
              ? 'Something went wrong on our side; it was logged. Try again in a moment.'
              : 'Algo falló de nuestro lado; quedó registrado. Intenta de nuevo en un momento.',
        };
      }
      if (ctx.accepts('html', 'json') === 'json') {
        ctx.status = shown.status;
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { error: { code: shown.code, message: shown.message } };
        return;
      }
      const extra = (ctx.state.errorLocals as Record<string, unknown> | undefined) ?? {};
      await render(ctx, 'errors/error', { error: shown, ...extra }, { status: shown.status });
    }
  };
}
