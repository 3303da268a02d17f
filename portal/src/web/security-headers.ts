/**
 * Security headers for HTML pages: a per-request CSP nonce (`ctx.state.nonce`) and a strict
 * Content-Security-Policy with no 'unsafe-inline' — scripts and styles come from /assets or carry the
 * nonce; images from this origin (logos) or data: URIs; forms post only here; no framing. The Referer
 * is never sent, so a receipt link's token does not leak to other sites.
 */
import { randomBytes } from 'node:crypto';
import type { Context, Next } from 'koa';

export function cspHeader(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
    "manifest-src 'self'",
  ].join('; ');
}

/** Sets the nonce and the headers; put it before anything that renders HTML. */
export async function securityHeaders(ctx: Context, next: Next): Promise<void> {
  const nonce = randomBytes(16).toString('base64');
  ctx.state.nonce = nonce;
  ctx.set('Content-Security-Policy', cspHeader(nonce));
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('X-Frame-Options', 'DENY');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
  ctx.set('Cross-Origin-Resource-Policy', 'same-origin');
  ctx.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  if (ctx.secure) ctx.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  await next();
}
