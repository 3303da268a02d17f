/**
 * The edge every app request crosses: CORS for the Dashboard's sandboxed iframe (the signature, not the
 * origin, authenticates), the app secrets (the server's, or the merchant's own app's), and the
 * signature check that puts the verified caller on `ctx.state` before any route reads a thing.
 */
import type Router from '@koa/router';
import type { Context, Next } from 'koa';
import type { Autofactura } from '../../../core/src/automation/types.js';
import { apiError } from '../http-error.js';
import { type AppCaller, callerOf, verifyAppSignature } from './signature.js';

/** The merchant's connection secret for its own private copy of the app (its signing secret). */
export const MERCHANT_APP_SECRET = 'stripe_app.secret';

export interface AppState {
  caller: AppCaller;
  secret: string;
  body: Record<string, unknown>;
}

/**
 * The signing secrets that may have signed a request about this account: the server's app
 * (STRIPE_APP_SECRET, read per request) and the linked merchant's own private app, if the merchant
 * registered its secret as the connection secret `stripe_app.secret`. None at all is a 503.
 */
export async function appSecrets(
  af: Autofactura,
  configured: string | undefined,
  merchantId: string | null,
): Promise<string[]> {
  const server = configured ?? process.env.STRIPE_APP_SECRET ?? '';
  const own = merchantId ? await af.connectionSecret(merchantId, MERCHANT_APP_SECRET) : null;
  const secrets = [server, own ?? ''].filter((secret) => secret !== '');
  if (secrets.length === 0) {
    throw apiError(
      503,
      'STRIPE_APP_NOT_CONFIGURED',
      'Este servidor no tiene el secreto de la app de Stripe: define STRIPE_APP_SECRET (Stripe › Apps › tu app › Secreto de firma).',
      'This server has no Stripe App secret: set STRIPE_APP_SECRET (Stripe › Apps › your app › Signing secret).',
    );
  }
  return secrets;
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
  secretsFor: (caller: AppCaller) => Promise<string[]>;
  now: () => number;
  toleranceSeconds?: number;
}) {
  return async (ctx: Context & { state: AppState }, next: Next) => {
    const body = (ctx.request.body ?? {}) as Record<string, unknown>;
    const caller = callerOf(body);
    const header = ctx.get('stripe-signature') || undefined;
    const secrets = await options.secretsFor(caller);
    let refusal: unknown;
    const secret = secrets.find((candidate) => {
      try {
        verifyAppSignature(caller, header, {
          secret: candidate,
          now: options.now(),
          ...(options.toleranceSeconds !== undefined ? { toleranceSeconds: options.toleranceSeconds } : {}),
        });
        return true;
      } catch (error) {
        refusal ??= error;
        return false;
      }
    });
    if (secret === undefined) throw refusal;
    ctx.state.caller = caller;
    ctx.state.secret = secret;
    ctx.state.body = body;
    await next();
  };
}
