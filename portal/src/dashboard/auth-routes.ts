/**
 * /dashboard/login, /dashboard/signup, /dashboard/logout. Forms carry the CSRF token; login answers
 * the same for a wrong password, an unknown email and a locked account's kind of failure (coded
 * errors from core), opens a fresh session (never reusing one the browser brought: no fixation) and
 * rotates the CSRF id. Sign-up can be closed with AUTOFACTURA_SIGNUP=closed.
 */
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { Autofactura } from '../../../core/src/automation/types.js';
import { isAutofacturaError } from '../../../core/src/errors.js';
import type { Web } from '../web/index.js';
import { rateLimit } from '../web/rate-limit.js';
import { webError } from '../web/web-error.js';
import { errorText } from './form-errors.js';
import { safeNext, type sessionCookies } from './session.js';

export interface AuthRoutesOptions {
  af: Autofactura;
  web: Web;
  cookies: ReturnType<typeof sessionCookies>;
  signupOpen: boolean;
}

const AUTH_LAYOUT = { layout: 'dashboard/auth-layout' } as const;

export function authRoutes(router: Router, options: AuthRoutesOptions): void {
  const { af, web, cookies } = options;
  // Beyond the per-account/per-IP lockout in core: a cheap cap on bursts (scrypt costs CPU).
  const burst = rateLimit({ windowMs: 60_000, max: 30 });

  const renderLogin = (ctx: Context, locals: Record<string, unknown> = {}, status = 200) =>
    web.render(
      ctx,
      'dashboard/login',
      {
        title: ctx.state.t('dash.login.title'),
        next: safeNext(ctx.query.next),
        email: '',
        error: null,
        signupOpen: options.signupOpen,
        ...locals,
      },
      { ...AUTH_LAYOUT, status },
    );

  router.get('/login', async (ctx) => {
    if (ctx.state.identity) return ctx.redirect('/dashboard');
    await renderLogin(ctx);
  });

  router.post('/login', burst, web.form(), web.csrf.verify, async (ctx) => {
    const body = ctx.request.body as Record<string, string>;
    const email = String(body.email ?? '').slice(0, 254);
    const next = safeNext(body.next);
    try {
      const result = await af.login({ email, password: String(body.password ?? ''), ip: ctx.ip });
      const previous = cookies.read(ctx);
      if (previous) await af.logout(previous);
      cookies.set(ctx, result.token, result.expiresAt);
      web.csrf.rotate(ctx);
      ctx.status = 303;
      ctx.redirect(next);
    } catch (error) {
      if (!isAutofacturaError(error) || error.status >= 500) throw error;
      if (error.code === 'LOGIN_LOCKED') ctx.set('Retry-After', '900');
      await renderLogin(ctx, { email, next, error: errorText(ctx, error) }, error.status);
    }
  });

  router.get('/signup', async (ctx) => {
    if (!options.signupOpen) throw signupClosed();
    await web.render(
      ctx,
      'dashboard/signup',
      { title: ctx.state.t('dash.signup.title'), email: '', error: null },
      AUTH_LAYOUT,
    );
  });

  router.post('/signup', burst, web.form(), web.csrf.verify, async (ctx) => {
    if (!options.signupOpen) throw signupClosed();
    const body = ctx.request.body as Record<string, string>;
    const email = String(body.email ?? '').slice(0, 254);
    const password = String(body.password ?? '');
    try {
      if (password !== String(body.password2 ?? '')) {
        throw webError(
          422,
          'SIGNUP_PASSWORD_MISMATCH',
          'Las dos contraseñas no coinciden; escríbela igual en ambos campos.',
          'The two passwords differ; type the same one in both fields.',
        );
      }
      await af.createDashboardUser({ email, password });
      const result = await af.login({ email, password, ip: ctx.ip });
      cookies.set(ctx, result.token, result.expiresAt);
      web.csrf.rotate(ctx);
      ctx.status = 303;
      ctx.redirect('/dashboard/onboarding/csd');
    } catch (error) {
      if (!isAutofacturaError(error) || error.status >= 500) throw error;
      await web.render(
        ctx,
        'dashboard/signup',
        { title: ctx.state.t('dash.signup.title'), email, error: errorText(ctx, error) },
        { ...AUTH_LAYOUT, status: error.status },
      );
    }
  });

  router.post('/logout', web.form(), web.csrf.verify, async (ctx) => {
    const token = cookies.read(ctx);
    if (token) await af.logout(token);
    cookies.clear(ctx);
    web.csrf.rotate(ctx);
    ctx.status = 303;
    ctx.redirect('/dashboard/login');
  });
}

function signupClosed() {
  return webError(
    404,
    'SIGNUP_CLOSED',
    'El registro de nuevos comercios está cerrado en este servidor. Pide una cuenta a quien lo administra.',
    'Sign-up of new merchants is closed on this server. Ask its administrator for an account.',
  );
}
