/**
 * An in-memory fixed-window rate limiter, one per route or group of routes: at most `max` requests per
 * `windowMs` for each key (the client's IP by default). Over the limit: 429 RATE_LIMITED with
 * Retry-After. Memory stays bounded: expired windows are dropped as new ones start, and the oldest
 * keys go first past `maxKeys`. One process only; several processes behind a load balancer each count
 * their own share (good enough against enumeration, which needs millions of tries).
 */
import type { Context, Next } from 'koa';
import { webError } from './web-error.js';

export interface RateLimitOptions {
  windowMs: number;
  max: number;
  /** Default: the client's IP (ctx.ip; set app.proxy behind a trusted proxy). */
  key?: (ctx: Context) => string;
  /** Bound on remembered keys; default 50,000. */
  maxKeys?: number;
  /** Default Date.now. */
  now?: () => number;
}

export interface RateLimiter {
  (ctx: Context, next: Next): Promise<void>;
  /** Counts one hit for `key`; false when it is over the limit (for checks inside a handler). */
  hit(key: string): { allowed: boolean; retryAfterS: number };
}

export function rateLimit(options: RateLimitOptions): RateLimiter {
  const { windowMs, max } = options;
  const maxKeys = options.maxKeys ?? 50_000;
  const now = options.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();

  function hit(key: string) {
    const t = now();
    let current = windows.get(key);
    if (!current || t - current.start >= windowMs) {
      windows.delete(key);
      current = { start: t, count: 0 };
      windows.set(key, current);
      for (const [oldKey, old] of windows) {
        if (windows.size <= maxKeys && t - old.start < windowMs) break;
        windows.delete(oldKey);
      }
    }
    current.count += 1;
    const retryAfterS = Math.max(1, Math.ceil((current.start + windowMs - t) / 1000));
    return { allowed: current.count <= max, retryAfterS };
  }

  const middleware = (async (ctx: Context, next: Next) => {
    const { allowed, retryAfterS } = hit(options.key ? options.key(ctx) : ctx.ip);
    if (!allowed) {
      ctx.set('Retry-After', String(retryAfterS));
      throw webError(
        429,
        'RATE_LIMITED',
        `Demasiados intentos seguidos. Espera ${retryAfterS} segundos y vuelve a intentar.`,
        `Too many attempts in a row. Wait ${retryAfterS} seconds and try again.`,
      );
    }
    await next();
  }) as RateLimiter;
  middleware.hit = hit;
  return middleware;
}
