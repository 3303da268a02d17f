/**
 * Authenticity of a request from the Stripe App's UI: the view calls `fetchStripeSignature()` and sends
 * it as `Stripe-Signature`, with `user_id` and `account_id` in the JSON body. Stripe signed exactly
 * `JSON.stringify({ user_id, account_id })` with the app's signing secret, so the check is the official
 * `stripe` package's `verifyHeader` over that string — always with an explicit tolerance (its default,
 * 0, would accept a signature of any age) and the caller's clock.
 */
import Stripe from 'stripe';
import { apiError } from '../http-error.js';

/** How old a signature may be, in seconds: the same five minutes Stripe allows for webhooks. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** What a signed request says about who is asking: a Dashboard user of a Stripe account. */
export interface AppCaller {
  userId: string;
  accountId: string;
}

export interface VerifyOptions {
  /** The app's signing secret (`absec_...`), from the Stripe Dashboard's app page. */
  secret: string;
  toleranceSeconds?: number;
  /** Milliseconds since the epoch; default Date.now(). */
  now?: number;
}

const USER_ID = /^usr_[A-Za-z0-9]{1,64}$/;
const ACCOUNT_ID = /^acct_[A-Za-z0-9]{1,64}$/;

const unauthenticated = (code: string, es: string, en: string) => apiError(401, code, es, en);

/** The caller named by a request body, or a 400 that says what is missing. */
export function callerOf(body: unknown): AppCaller {
  const { user_id: userId, account_id: accountId } = (body ?? {}) as Record<string, unknown>;
  if (typeof userId !== 'string' || !USER_ID.test(userId) || typeof accountId !== 'string') {
    throw apiError(
      400,
      'STRIPE_APP_CALLER_MISSING',
      'La solicitud debe traer user_id y account_id del usuario de Stripe (userContext de la vista).',
      "The request must carry the Stripe user's user_id and account_id (the view's userContext).",
      'user_id',
    );
  }
  if (!ACCOUNT_ID.test(accountId)) {
    throw apiError(
      400,
      'STRIPE_APP_CALLER_MISSING',
      'account_id debe ser el identificador de la cuenta de Stripe (acct_...).',
      'account_id must be the Stripe account id (acct_...).',
      'account_id',
    );
  }
  return { userId, accountId };
}

/** Throws a 401 unless `header` is Stripe's signature of this caller, made within the tolerance. */
export function verifyAppSignature(
  caller: AppCaller,
  header: string | undefined,
  options: VerifyOptions,
): void {
  if (!header) {
    throw unauthenticated(
      'STRIPE_SIGNATURE_MISSING',
      'Falta el encabezado Stripe-Signature: la vista debe enviar el resultado de fetchStripeSignature().',
      'The Stripe-Signature header is missing: the view must send the result of fetchStripeSignature().',
    );
  }
  const payload = JSON.stringify({ user_id: caller.userId, account_id: caller.accountId });
  const tolerance = options.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS;
  if (!(tolerance > 0)) throw new RangeError('The signature tolerance must be a positive number of seconds');
  try {
    Stripe.webhooks.signature!.verifyHeader(
      payload,
      header,
      options.secret,
      tolerance,
      undefined,
      options.now ?? Date.now(),
    );
  } catch (error) {
    const stale = error instanceof Error && /tolerance/i.test(error.message);
    throw stale
      ? unauthenticated(
          'STRIPE_SIGNATURE_EXPIRED',
          'La firma de Stripe caducó (tiene más de 5 minutos): recarga la vista en el Dashboard de Stripe.',
          'The Stripe signature expired (older than 5 minutes): reload the view in the Stripe Dashboard.',
        )
      : unauthenticated(
          'STRIPE_SIGNATURE_INVALID',
          'La firma de Stripe no corresponde: revisa que STRIPE_APP_SECRET sea el secreto de firma de esta app.',
          "The Stripe signature does not match: check that STRIPE_APP_SECRET is this app's signing secret.",
        );
  }
}
