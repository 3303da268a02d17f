/**
 * CSRF protection by a signed double-submit token: the browser holds a random id in the httpOnly
 * `af_csrf` cookie (SameSite=Lax), and each form carries HMAC-SHA256(secret, id) in its `_csrf` field
 * (or the `x-csrf-token` header for fetch). A forged request from another site has neither the cookie's
 * id nor the secret, so it cannot produce the token. Compared in constant time.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, Next } from 'koa';
import { webError } from './web-error.js';

export const CSRF_COOKIE = 'af_csrf';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface Csrf {
  /** The token for forms of this request (creates the cookie on first use). */
  token(ctx: Context): string;
  /** Forgets the id (after login or logout) so a token seen before no longer works. */
  rotate(ctx: Context): void;
  /** Middleware: refuses unsafe methods without a valid token (403 CSRF_INVALID). Parse the body first. */
  verify(ctx: Context, next: Next): Promise<void>;
}

export function createCsrf(secret: Buffer): Csrf {
  const sign = (id: string) => createHmac('sha256', secret).update(`csrf|${id}`).digest('base64url');
  const setCookie = (ctx: Context, id: string) =>
    ctx.cookies.set(CSRF_COOKIE, id, {
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.secure,
      path: '/',
      overwrite: true,
    });
  const cookieId = (ctx: Context): string | undefined => {
    const id = ctx.cookies.get(CSRF_COOKIE);
    return id && /^[A-Za-z0-9_-]{43}$/.test(id) ? id : undefined;
  };

  return {
    token(ctx) {
      let id = (ctx.state.csrfId as string | undefined) ?? cookieId(ctx);
      if (!id) {
        id = randomBytes(32).toString('base64url');
        setCookie(ctx, id);
      }
      ctx.state.csrfId = id;
      return sign(id);
    },
    rotate(ctx) {
      const id = randomBytes(32).toString('base64url');
      setCookie(ctx, id);
      ctx.state.csrfId = id;
    },
    async verify(ctx, next) {
      if (!SAFE.has(ctx.method)) {
        const body = ctx.request.body as Record<string, unknown> | undefined;
        const given = (
          typeof body?.[CSRF_FIELD] === 'string' ? body[CSRF_FIELD] : ctx.get(CSRF_HEADER)
        ) as string;
        const id = cookieId(ctx);
        const expected = id ? Buffer.from(sign(id)) : undefined;
        const actual = Buffer.from(given ?? '');
        if (!expected || actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
          throw webError(
            403,
            'CSRF_INVALID',
            'El formulario caducó o no viene de esta página. Recarga la página e intenta de nuevo.',
            'The form expired or did not come from this page. Reload the page and try again.',
          );
        }
      }
      await next();
    },
  };
}
