/**
 * The edge every app request crosses: CORS for the Dashboard's sandboxed iframe (the signature, not the
 * origin, authenticates), the app secret from the environment, and the signature check that puts the
 * verified caller on `ctx.state` before any route reads a thing.
 */
import type Router from '@koa/router';
import type { Context, Next } from 'koa';
import { apiError } from '../http-error.js';
import { type AppCaller, callerOf, verifyAppSignature } from './signature.js';

export interface AppState {
  caller: AppCaller;
  secret: string;
  body: Record<string, unknown>;
}

/** The app's signing secret: the option, else env STRIPE_APP_SECRET (read per request), else a 503. */
export function appSecret(configured: string | undefined): string {
  const secret = configured ?? process.env.STRIPE_APP_SECRET ?? '';
  if (!secret) {
    throw apiError(
      503,
      'STRIPE_APP_NOT_CONFIGURED',
      'Este servidor no tiene el secreto de la app de Stripe: define STRIPE_APP_SECRET (Stripe › Apps › tu app › Secreto de firma).',
      'This server has no Stripe App secret: set STRIPE_APP_SECRET (Stripe › Apps › your app › Signing secret).',
    );
  }
  return secret;
}

export function corsForDashboard(router: Router<AppState>): void {
  router.use(async (ctx: Context, next: Next) => {
    ctx.set('Access-Control-Allow-Origin', '*');
    ctx.set('Cache-Control', 'no-store');
    await next();
  });
  // The browser's preflight for a JSON POST with Stripe-Signature, on every path of the app.
  for (const path of ['/:a', '/:a/:b', '/:a/:b/:c']) {
    router.options(path, (ctx) => {
      ctx.set('Access-Control-Allow-Methods', 'POST, GET');
      ctx.set('Access-Control-Allow-Headers', 'Content-Type, Stripe-Signature, Accept-Language');
      ctx.set('Access-Control-Max-Age', '600');
      ctx.status = 204;
    });
  }
}

export function verifySigned(options: {
  secretOf: () => string;
  now: () => number;
  toleranceSeconds?: number;
}) {
  return async (ctx: Context & { state: AppState }, next: Next) => {
    const secret = options.secretOf();
    const body = (ctx.request.body ?? {}) as Record<string, unknown>;
    const caller = callerOf(body);
    verifyAppSignature(caller, ctx.get('stripe-signature') || undefined, {
      secret,
      now: options.now(),
      ...(options.toleranceSeconds !== undefined ? { toleranceSeconds: options.toleranceSeconds } : {}),
    });
    ctx.state.caller = caller;
    ctx.state.secret = secret;
    ctx.state.body = body;
    await next();
  };
}
