/**
 * The dashboard's session cookie: `af_session` holds a 256-bit random token (the store keeps only its
 * sha256, core/src/automation/dashboard/auth.ts). HttpOnly, SameSite=Lax, Path=/dashboard, Secure when
 * PUBLIC_URL is https (also behind a TLS-terminating proxy), and no longer than the session itself.
 */
import type { Context, Next } from 'koa';
import type { DashboardIdentity } from '../../../core/src/automation/dashboard/types.js';
import type { Autofactura } from '../../../core/src/automation/types.js';
import type { Merchant } from '../../../core/src/store/types.js';
import { webError } from '../web/web-error.js';

export const SESSION_COOKIE = 'af_session';

export interface DashboardState {
  identity?: DashboardIdentity;
  merchant: Merchant;
}

export function sessionCookies(publicUrl: string) {
  const secure = publicUrl.startsWith('https://');
  const options = (ctx: Context) => {
    // Koa refuses a Secure cookie on a plain connection; PUBLIC_URL says the browser sees https.
    if (secure) (ctx.cookies as unknown as { secure: boolean }).secure = true;
    return { httpOnly: true, sameSite: 'lax' as const, secure, path: '/dashboard', overwrite: true };
  };
  return {
    set(ctx: Context, token: string, expiresAt: string) {
      ctx.cookies.set(SESSION_COOKIE, token, { ...options(ctx), expires: new Date(expiresAt) });
    },
    clear(ctx: Context) {
      ctx.cookies.set(SESSION_COOKIE, '', { ...options(ctx), expires: new Date(0) });
    },
    read(ctx: Context): string | undefined {
      return ctx.cookies.get(SESSION_COOKIE) || undefined;
    },
  };
}

/** Loads the identity behind the cookie (if any) into ctx.state.identity. */
export function loadSession(af: Autofactura, cookies: ReturnType<typeof sessionCookies>) {
  return async (ctx: Context, next: Next) => {
    const token = cookies.read(ctx);
    const identity = token ? await af.dashboardSession(token) : null;
    if (identity) ctx.state.identity = identity;
    else if (token) cookies.clear(ctx);
    await next();
  };
}

/** Pages that need a logged-in user: GET goes to the login page, anything else is 401. */
export async function requireUser(ctx: Context, next: Next): Promise<void> {
  if (ctx.state.identity) return next();
  if (ctx.method === 'GET' || ctx.method === 'HEAD') {
    ctx.redirect(`/dashboard/login?next=${encodeURIComponent(ctx.originalUrl)}`);
    return;
  }
  throw webError(
    401,
    'SESSION_REQUIRED',
    'Tu sesión terminó. Inicia sesión de nuevo.',
    'Your session ended. Log in again.',
  );
}

/** Pages that need the merchant too (everything after the CSD step of onboarding). */
export async function requireMerchant(ctx: Context, next: Next): Promise<void> {
  const identity = ctx.state.identity as DashboardIdentity | undefined;
  if (!identity) return requireUser(ctx, next);
  if (!identity.merchant) {
    if (ctx.method === 'GET') return ctx.redirect('/dashboard/onboarding/csd');
    throw webError(
      409,
      'ONBOARDING_REQUIRED',
      'Primero sube tu CSD para crear tu comercio.',
      'Upload your CSD first to create your merchant.',
    );
  }
  ctx.state.merchant = identity.merchant;
  await next();
}

/** A safe place to go after login: only our own dashboard paths. */
export function safeNext(value: unknown): string {
  const next = typeof value === 'string' ? value : '';
  return /^\/dashboard(?:[/?#][^\s\\]*)?$/.test(next) && !next.startsWith('//') ? next : '/dashboard';
}
