/**
 * SW Sapien's bearer token: `POST /security/authenticate` with headers `user` and `password` and an
 * empty body answers `{ data: { token, expires_in, tokeny_type } }` (sic). The token lasts two hours; it
 * is kept until five minutes before `expires_in`, and concurrent calls share one authentication. A
 * long-lived token from SW's portal is used as it is. Authentication only reads, so it is retried on
 * transient failures.
 */
import { badResponse, isTransient, type PacCall, withRetries } from '../http.js';
import { authFailed, callSw, type SwAnswer, swCode, swError } from './client.js';
import type { SwSettings } from './config.js';

const MARGIN_MS = 5 * 60_000;
const DEFAULT_LIFETIME_MS = 2 * 60 * 60_000;

/** Errors of authentication, which has already had its own retries. */
const AUTHENTICATION_ERRORS = new WeakSet<Error>();

/** A transient failure that did not come out of authentication (whose retries are spent). */
export function isTransientAfterAuth(error: unknown): boolean {
  return isTransient(error) && !(error instanceof Error && AUTHENTICATION_ERRORS.has(error));
}

export interface BearerToken {
  token: string;
  /** True when it was requested with user and password (it may be renewed after a 401). */
  renewable: boolean;
}

export class SwTokens {
  readonly #settings: SwSettings;
  readonly #now: () => Date;
  #cached: { token: string; expiresAt: number } | undefined;
  #pending: Promise<string> | undefined;

  constructor(settings: SwSettings, now: () => Date) {
    this.#settings = settings;
    this.#now = now;
  }

  async token(call: PacCall): Promise<BearerToken> {
    if (this.#settings.token !== undefined) return { token: this.#settings.token, renewable: false };
    const cached = this.#cached;
    if (cached !== undefined && this.#now().getTime() < cached.expiresAt - MARGIN_MS) {
      return { token: cached.token, renewable: true };
    }
    this.#pending ??= this.#authenticate(call)
      .catch((error: unknown) => {
        if (error instanceof Error) AUTHENTICATION_ERRORS.add(error);
        throw error;
      })
      .finally(() => {
        this.#pending = undefined;
      });
    return { token: await this.#pending, renewable: true };
  }

  /** Forgets a token SW refused, so the next call authenticates again. */
  forget(token: string): void {
    if (this.#cached?.token === token) this.#cached = undefined;
  }

  async #authenticate(parent: PacCall): Promise<string> {
    const call: PacCall = { ...parent, operation: 'authenticate' };
    const { user = '', password = '' } = this.#settings;
    const answer = await withRetries(call, this.#settings.retries, isTransient, async () => {
      const answer = await callSw(call, `${this.#settings.baseUrl}/security/authenticate`, {
        method: 'POST',
        headers: { user, password },
        body: '',
      });
      if (answer.httpStatus >= 500) throw swError(call, answer);
      return answer;
    });
    const token = answer.data?.token;
    if (
      answer.httpStatus === 200 &&
      answer.status === 'success' &&
      typeof token === 'string' &&
      token !== ''
    ) {
      this.#cached = { token, expiresAt: this.#expiresAt(answer.data?.expires_in) };
      return token;
    }
    if (answer.httpStatus === 200 && answer.status === 'success') {
      throw badResponse(call, 'no trae el token', 'it carries no token');
    }
    throw authFailed(call, answer, false);
  }

  /** `expires_in` as SW sends it: an epoch in seconds (or milliseconds); a small number is seconds from now. */
  #expiresAt(value: unknown): number {
    const now = this.#now().getTime();
    const n = typeof value === 'string' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) return now + DEFAULT_LIFETIME_MS;
    if (n > 1e12) return n;
    if (n > 1e9) return n * 1000;
    return now + n * 1000;
  }
}

/**
 * Calls with the bearer token; when SW refuses the token (HTTP 401/403 that is not a coded rejection of
 * the document, such as "401 - El rango de la fecha...") and we requested it, authenticates again once.
 */
export async function authorized(
  call: PacCall,
  tokens: SwTokens,
  request: (token: string) => Promise<SwAnswer>,
): Promise<SwAnswer> {
  let bearer = await tokens.token(call);
  let answer = await request(bearer.token);
  if (tokenRefused(answer) && bearer.renewable) {
    tokens.forget(bearer.token);
    bearer = await tokens.token(call);
    answer = await request(bearer.token);
  }
  if (tokenRefused(answer)) throw authFailed(call, answer, !bearer.renewable);
  return answer;
}

function tokenRefused(answer: SwAnswer): boolean {
  if (answer.httpStatus !== 401 && answer.httpStatus !== 403) return false;
  const code = swCode(answer.message);
  return code === undefined || !/^(\d{3}|CFDI\d+)$/.test(code);
}
