/**
 * Static assets under /assets/: the files of portal/assets/ (CSS, progressive-enhancement JS, icons),
 * read once at startup into memory — nothing from a CDN, and no path from the URL ever reaches the
 * file system. `url(name)` adds a content hash (`/assets/portal.css?v=1a2b3c4d`); a request carrying the
 * current hash is cached for a year (immutable), others for five minutes with an ETag.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Context, Next } from 'koa';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

interface Asset {
  bytes: Buffer;
  type: string;
  hash: string;
}

export interface Assets {
  /** `/assets/<name>?v=<hash>`; throws for a file that does not exist (a typo in a view). */
  url(name: string): string;
  /** Middleware answering GET/HEAD /assets/<name>; passes anything else on. */
  serve(ctx: Context, next: Next): Promise<void>;
}

export function loadAssets(dir: string, prefix = '/assets/'): Assets {
  const files = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (!type) continue;
    const bytes = readFileSync(join(dir, name));
    files.set(name, { bytes, type, hash: createHash('sha256').update(bytes).digest('hex').slice(0, 12) });
  }
  return {
    url(name) {
      const asset = files.get(name);
      if (!asset) throw new Error(`assets: no file "${name}" in ${dir}`);
      return `${prefix}${name}?v=${asset.hash}`;
    },
    async serve(ctx, next) {
      if (!ctx.path.startsWith(prefix) || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
      const asset = files.get(ctx.path.slice(prefix.length));
      if (!asset) {
        ctx.status = 404;
        ctx.type = 'text/plain';
        ctx.body = 'Not found';
        return;
      }
      const etag = `"${asset.hash}"`;
      ctx.set('ETag', etag);
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.set('Cross-Origin-Resource-Policy', 'same-origin');
      ctx.set(
        'Cache-Control',
        ctx.query.v === asset.hash ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      );
      if (ctx.get('if-none-match') === etag) {
        ctx.status = 304;
        return;
      }
      ctx.type = asset.type;
      ctx.body = asset.bytes;
    },
  };
}
