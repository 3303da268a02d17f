/**
 * The shared web infrastructure (portal/src/web) on a small Koa app through a real server: security
 * headers with a fresh CSP nonce, CSRF, form and upload limits, the rate limiter, assets, error pages
 * in both languages.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import Koa from 'koa';
import { createWeb, rateLimit, webError } from '../../portal/src/web/index.js';

describe('web infrastructure (portal/src/web)', () => {
  let server: Server;
  let url: string;
  before(async () => {
    const web = createWeb({ secret: randomBytes(32) });
    const app = new Koa();
    const router = new Router();
    router.use(web.pages);
    router.get('/form', (ctx) => {
      ctx.body = web.csrf.token(ctx);
    });
    router.post('/form', web.form(), web.csrf.verify, (ctx) => {
      ctx.body = { got: (ctx.request.body as Record<string, string>).name };
    });
    const pdf = {
      field: 'file',
      maxBytes: 1024,
      types: ['application/pdf'],
      label: { es: 'un PDF', en: 'a PDF' },
    };
    router.post(
      '/upload',
      web.form({ upload: { ...pdf, sniff: (b: Buffer) => b.subarray(0, 5).toString() === '%PDF-' } }),
      web.csrf.verify,
      (ctx) => {
        ctx.body = { size: (ctx.state.upload as { bytes: Buffer } | undefined)?.bytes.length ?? 0 };
      },
    );
    router.get('/limited', rateLimit({ windowMs: 60_000, max: 2 }), (ctx) => {
      ctx.body = 'ok';
    });
    router.get('/missing', () => {
      throw webError(404, 'THING_NOT_FOUND', 'No existe <b>eso</b>.', 'No such <b>thing</b>.');
    });
    app.use(router.routes());
    app.use(web.assets.serve);
    server = createServer(app.callback());
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((done) => server.close(() => done())));

  async function session(): Promise<{ cookie: string; token: string }> {
    const res = await fetch(`${url}/form`);
    const cookie = (res.headers.getSetCookie() ?? []).map((c) => c.split(';')[0]).join('; ');
    return { cookie, token: await res.text() };
  }

  it('sends a strict CSP with a fresh nonce and the other security headers', async () => {
    const [a, b] = await Promise.all([fetch(`${url}/missing`), fetch(`${url}/missing`)]);
    const csp = a.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.notEqual(csp, b.headers.get('content-security-policy'));
    assert.equal(a.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(a.headers.get('x-content-type-options'), 'nosniff');
  });

  it('renders a coded error as an escaped page in es-MX, English with ?lang=en, JSON when asked', async () => {
    const es = await fetch(`${url}/missing`);
    assert.equal(es.status, 404);
    const html = await es.text();
    assert.match(html, /No existe &lt;b&gt;eso&lt;\/b&gt;\./);
    assert.match(html, /<html lang="es-MX">/);
    const en = await fetch(`${url}/missing?lang=en`);
    assert.match(await en.text(), /No such &lt;b&gt;thing/);
    assert.match(en.headers.get('set-cookie') ?? '', /af_lang=en/);
    const json = await fetch(`${url}/missing`, { headers: { accept: 'application/json' } });
    assert.deepEqual(await json.json(), {
      error: { code: 'THING_NOT_FOUND', message: 'No existe <b>eso</b>.' },
    });
  });

  it('accepts a form with the CSRF token of its cookie and refuses one without it or from another cookie', async () => {
    const s = await session();
    const post = (body: string, cookie: string) =>
      fetch(`${url}/form`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, accept: 'application/json' },
        body,
      });
    const ok = await post(`_csrf=${encodeURIComponent(s.token)}&name=Ana`, s.cookie);
    assert.deepEqual(await ok.json(), { got: 'Ana' });
    const missing = await post('name=Ana', s.cookie);
    assert.equal(missing.status, 403);
    assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'CSRF_INVALID');
    const other = await session();
    const crossed = await post(`_csrf=${encodeURIComponent(other.token)}&name=Ana`, s.cookie);
    assert.equal(crossed.status, 403);
    const noCookie = await post(`_csrf=${encodeURIComponent(s.token)}&name=Ana`, '');
    assert.equal(noCookie.status, 403);
  });

  it('limits uploads by size, declared type and content, and keeps them in memory', async () => {
    const s = await session();
    const send = (bytes: Buffer, type: string) => {
      const form = new FormData();
      form.set('_csrf', s.token);
      form.set('file', new Blob([bytes], { type }), 'x.pdf');
      return fetch(`${url}/upload`, {
        method: 'POST',
        body: form,
        headers: { cookie: s.cookie, accept: 'application/json' },
      });
    };
    const ok = await send(Buffer.from('%PDF-1.7 hello'), 'application/pdf');
    assert.deepEqual(await ok.json(), { size: 14 });
    const big = await send(Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(2000)]), 'application/pdf');
    assert.equal(big.status, 413);
    assert.equal(((await big.json()) as { error: { code: string } }).error.code, 'UPLOAD_TOO_LARGE');
    const png = await send(Buffer.from('%PDF-1.7'), 'image/png');
    assert.equal(png.status, 415);
    const fake = await send(Buffer.from('<html>not a pdf'), 'application/pdf');
    assert.equal(fake.status, 415);
    assert.equal(((await fake.json()) as { error: { code: string } }).error.code, 'UPLOAD_TYPE');
  });

  it('answers 429 with Retry-After past the limit', async () => {
    assert.equal((await fetch(`${url}/limited`)).status, 200);
    assert.equal((await fetch(`${url}/limited`)).status, 200);
    const third = await fetch(`${url}/limited`);
    assert.equal(third.status, 429);
    assert.ok(Number(third.headers.get('retry-after')) > 0);
  });

  it('serves assets with a content hash, long caching and 304 on a matching ETag', async () => {
    const res = await fetch(`${url}/assets/base.css`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/css/);
    const etag = res.headers.get('etag')!;
    const hash = etag.replaceAll('"', '');
    const pinned = await fetch(`${url}/assets/base.css?v=${hash}`);
    assert.match(pinned.headers.get('cache-control') ?? '', /immutable/);
    assert.equal((await fetch(`${url}/assets/base.css`, { headers: { 'if-none-match': etag } })).status, 304);
    assert.equal((await fetch(`${url}/assets/..%2fsrc%2fapp.ts`)).status, 404);
  });
});
