/**
 * The portal's security properties (#5) through the real server: link tokens that cannot be guessed,
 * rate limits on token lookups and searches, CSRF on every form, user input rendered as text, a strict
 * Content-Security-Policy on every page, and no secret in a page or a log line.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { EKU } from '../support/oracles.js';
import { CARLOS_FORM, type Page, type PortalHarness, portalHarness } from './portal-harness.js';

const ROOMY = {
  pagesPerMinute: 10_000,
  tokenPerMinute: 10_000,
  searchPerMinute: 10_000,
  validatePerMinute: 10_000,
  uploadsPerMinute: 10_000,
};

/** Shannon entropy in bits per byte. */
function entropy(bytes: Buffer): number {
  const counts = new Map<number, number>();
  for (const b of bytes) counts.set(b, (counts.get(b) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / bytes.length) * Math.log2(n / bytes.length);
  return bits;
}

/** The page with what changes per request (nonce, CSRF token) blanked. */
const stable = (text: string) =>
  text.replace(/nonce="[^"]+"/g, 'nonce=""').replace(/name="_csrf" value="[^"]+"/g, 'name="_csrf" value=""');

/** The CSP of an HTML page is strict and the page obeys it. */
function assertStrictCsp(page: Page, where: string): void {
  const csp = page.headers.get('content-security-policy') ?? '';
  const directives = new Map(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
  assert.deepEqual(directives.get('default-src'), ["'none'"], `${where}: default-src`);
  const scripts = directives.get('script-src') ?? [];
  assert.equal(scripts[0], "'self'", `${where}: script-src`);
  const nonce = /^'nonce-([A-Za-z0-9+/=]{22,})'$/.exec(scripts[1] ?? '')?.[1];
  assert.ok(nonce && scripts.length === 2, `${where}: script-src is 'self' and a nonce only (${csp})`);
  assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'), `${where}: ${csp}`);
  assert.deepEqual(directives.get('frame-ancestors'), ["'none'"]);
  assert.deepEqual(directives.get('form-action'), ["'self'"]);
  assert.deepEqual(directives.get('base-uri'), ["'none'"]);
  assert.deepEqual(directives.get('object-src'), ["'none'"]);
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
  // Every script and style tag carries this response's nonce; scripts come from /assets/.
  for (const tag of page.text.match(/<(script|style)\b[^>]*>/g) ?? []) {
    assert.ok(tag.includes(`nonce="${nonce}"`), `${where}: ${tag} carries the nonce`);
    if (tag.startsWith('<script')) assert.match(tag, /src="\/assets\/[^"]+"/, `${where}: ${tag}`);
  }
  for (const tag of page.text.match(/<[a-z][^>]*>/gi) ?? []) {
    const names = tag.replace(/="[^"]*"/g, '=""'); // attribute names only: values are escaped text
    assert.ok(!/\son[a-z]+\s*=/i.test(names), `${where}: no inline event handler in ${tag}`);
    assert.ok(
      !/\sstyle\s*=/i.test(names),
      `${where}: no style attribute in ${tag} (style-src has no 'unsafe-inline')`,
    );
    assert.ok(
      !/(href|src|action)\s*=\s*"\s*javascript:/i.test(tag),
      `${where}: no javascript: URL in ${tag}`,
    );
  }
}

describe('portal security (#5)', function () {
  this.timeout(60_000);

  describe('with room to work', () => {
    const logs: string[] = [];
    const secretKey = randomBytes(32);
    const webSecret = randomBytes(32);
    let h: PortalHarness;
    before(async () => {
      const log = (level: string) => (message: string, fields?: Record<string, unknown>) =>
        logs.push(JSON.stringify({ level, message, ...fields }));
      h = await portalHarness({
        limits: ROOMY,
        secretKey,
        webSecret,
        logger: { info: log('info'), warn: log('warn'), error: log('error') },
      });
    });
    after(() => h.close());

    it('issues link tokens of at least 128 random bits, and answers an unknown token like any other', async () => {
      const tokens: string[] = [];
      for (let i = 0; i < 24; i++) tokens.push((await h.openReceipt(`${100 + i}.00`)).token);
      const raw = tokens.map((token) => {
        assert.match(token, /^[A-Za-z0-9_-]+$/);
        return Buffer.from(token, 'base64url');
      });
      for (const bytes of raw) assert.ok(bytes.length * 8 >= 128, `${bytes.length * 8} bits`);
      assert.equal(new Set(tokens).size, tokens.length);
      // 24 × 32 random bytes spread over all byte values (a counter or a timestamp would not).
      assert.ok(entropy(Buffer.concat(raw)) > 7.5, `entropy ${entropy(Buffer.concat(raw))}`);

      const b = h.browser();
      const random = await b.get(`/kemper/r/${randomBytes(32).toString('base64url')}`);
      const malformed = await b.get('/kemper/r/abc');
      const flipped = tokens[0]!.slice(0, -1) + (tokens[0]!.endsWith('A') ? 'B' : 'A');
      const nearMiss = await b.get(`/kemper/r/${flipped}`);
      const otherTenant = await b.get(`/otro/r/${tokens[1]}`);
      const asked = [random, malformed, nearMiss].map((page) => ({
        page,
        token: /\/kemper\/r\/([^?"]+)\?lang=en/.exec(page.text)?.[1] ?? '',
      }));
      const same = ({ page, token }: { page: Page; token: string }) =>
        stable(page.text).replaceAll(token, 'TOKEN');
      for (const one of asked) {
        assert.equal(one.page.status, 404);
        assert.ok(one.token, 'the page links its own address (language switch)');
        assert.equal(same(one), same(asked[0]!), 'the same page for every unknown token');
      }
      assert.equal(otherTenant.status, 404);
      assert.ok(otherTenant.text.includes('El enlace de facturación no es válido.'));
      assert.equal(
        (await b.get(`/kemper/r/${randomBytes(32).toString('base64url')}/factura.xml`)).status,
        404,
      );
    });

    it('refuses every portal form without a valid CSRF token', async () => {
      const open = await h.openReceipt('410.00');
      const b = h.browser();
      await b.get(open.path);
      const good = b.csrf();
      const cases: [string, Record<string, string>][] = [
        [open.path, CARLOS_FORM],
        [`${open.path}/add`, { reference: '1', amount: '1', date: '2026-01-01' }],
        ['/kemper/find', { reference: '1', amount: '1', date: '2026-01-01' }],
        ['/kemper/validate', CARLOS_FORM],
      ];
      for (const [path, fields] of cases) {
        for (const csrf of [
          null,
          '',
          'x'.repeat(43),
          good.slice(0, -2) + (good.endsWith('AA') ? 'BB' : 'AA'),
        ]) {
          const page = await b.post(path, fields, { csrf });
          assert.equal(page.status, 403, `${path} with ${csrf}`);
          assert.ok(page.text.includes('El formulario caducó o no viene de esta página.'), path);
        }
      }
      // A token from one browser does not work with another browser's cookie (a forged cross-site post).
      const attacker = h.browser();
      await attacker.get('/kemper');
      const forged = await attacker.post(open.path, CARLOS_FORM, { csrf: good });
      assert.equal(forged.status, 403);
      const upload = await attacker.upload(
        `${open.path}/csf`,
        { _csrf: good },
        { field: 'csf', name: 'c.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n') },
      );
      assert.equal(upload.status, 403);
      assert.equal((await h.store.receipts.get(h.merchantIds.a, open.receipt.id))?.status, 'open');
      // The real form still works.
      assert.equal((await b.post(open.path, CARLOS_FORM, { csrf: good })).status, 303);
    });

    it('renders XSS attempts in a customer name, an item and the merchant texts as text', async () => {
      const evil = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
      const merchant = (await h.store.merchants.get(h.merchantIds.b))!;
      await h.store.merchants.update({
        ...merchant,
        branding: {
          ...merchant.branding,
          tradeName: `Otro ${evil}`,
          welcomeText: `Hola ${evil}`,
          supportEmail: `"><script>alert(3)</script>@x.example`,
          social: { website: `https://otro.example/${evil}` },
        },
      });
      const page = await h.browser().get('/otro');
      assert.equal(page.status, 200);
      assert.ok(!page.text.includes('<script>alert'), 'no injected script');
      assert.ok(!page.text.includes('<img src=x'), 'no injected image');
      assert.ok(page.text.includes('Otro &#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;'));
      assert.ok(page.text.includes('Hola &#34;&gt;&lt;script&gt;'));
      assertStrictCsp(page, '/otro');

      const open = await h.openReceipt('411.00', {
        customer: { email: 'xss@example.com', name: evil },
        items: [
          {
            product_key: '86121500',
            unit_key: 'E48',
            description: evil,
            quantity: '1',
            unit_price: '411.00',
          },
        ],
      });
      const b = h.browser();
      const receipt = await b.get(open.path);
      assert.equal(receipt.status, 200, receipt.text.slice(0, 300));
      assert.ok(!receipt.text.includes('<script>alert') && !receipt.text.includes('<img src=x'));
      assert.ok(
        receipt.text.includes(
          '1 × &#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;',
        ),
      );
      // A wrong RFC keeps the form on screen with what was typed, escaped.
      const posted = await b.post(open.path, {
        ...CARLOS_FORM,
        rfc: 'MAL',
        name: evil,
        email: 'xss@example.com',
      });
      assert.equal(posted.status, 422);
      assert.ok(!posted.text.includes('<script>alert') && !posted.text.includes('<img src=x'));
      assert.ok(
        posted.text.includes(
          'name="name" type="text" value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"',
        ),
      );
      assertStrictCsp(posted, 'receipt form with errors');
    });

    it('sends a strict CSP with every portal page', async () => {
      const open = await h.openReceipt('412.00');
      const done = await h.openReceipt('413.00');
      const b = h.browser();
      await b.get(done.path);
      assert.equal((await b.post(done.path, { ...CARLOS_FORM, email: 'csp@example.com' })).status, 303);
      const expired = await h.openReceipt('414.00');
      const stored = (await h.store.receipts.get(h.merchantIds.a, expired.receipt.id))!;
      await h.store.receipts.update({ ...stored, expiresAt: '2026-01-31T06:00:00.000Z' }, stored.updatedAt);
      const pages: [string, Page][] = [
        ['/kemper', await b.get('/kemper')],
        ['/kemper?lang=en', await b.get('/kemper?lang=en')],
        ['receipt form', await b.get(open.path)],
        ['done page', await b.get(done.path)],
        ['expired', await b.get(expired.path)],
        ['unknown merchant', await b.get('/nadie')],
        ['unknown token', await b.get(`/kemper/r/${randomBytes(32).toString('base64url')}`)],
      ];
      await b.get('/kemper');
      pages.push([
        'search not found',
        await b.post('/kemper/find', { reference: '999999', amount: '1.00', date: '2026-01-01' }),
      ]);
      pages.push([
        'csrf refused',
        await b.post('/kemper/find', { reference: '1', amount: '1', date: '2026-01-01' }, { csrf: null }),
      ]);
      const nonces = new Set<string>();
      for (const [where, page] of pages) {
        assert.match(page.headers.get('content-type') ?? '', /^text\/html/, where);
        assertStrictCsp(page, where);
        nonces.add(/'nonce-([^']+)'/.exec(page.headers.get('content-security-policy')!)![1]!);
      }
      assert.equal(nonces.size, pages.length, 'a fresh nonce per response');
    });

    it('never shows a secret in a page or in what the server logs', async () => {
      const webhook = await fetch(`${h.url}/v1/webhook_endpoints`, {
        method: 'POST',
        headers: { authorization: `Bearer ${h.keys.a}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url: 'http://127.0.0.1:9/hook', events: ['*'] }),
      });
      assert.equal(webhook.status, 201);
      const whsec = ((await webhook.json()) as { secret: string }).secret;
      assert.match(whsec, /^whsec_/);

      // A whole journey: a payment, the portal (errors, upload, submit), downloads, failing deliveries.
      const open = await h.openReceipt('415.00');
      const b = h.browser();
      const seen: Page[] = [];
      const keep = (page: Page) => {
        seen.push(page);
        return page;
      };
      keep(await b.get('/kemper'));
      keep(await b.get(open.path));
      keep(await b.post(open.path, { ...CARLOS_FORM, rfc: 'MAL' }));
      keep(
        await b.upload(
          `${open.path}/csf`,
          {},
          { field: 'csf', name: 'x.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.4 broken') },
        ),
      );
      keep(await b.post(open.path, CARLOS_FORM));
      keep(await b.get(open.path));
      keep(await b.get(`${open.path}/factura.xml`));
      keep(await b.get(`/kemper/r/${randomBytes(32).toString('base64url')}`));
      keep(await b.get('/kemper/r/../../v1/me'));
      await new Promise((r) => setTimeout(r, 1500)); // let the worker try the webhook and send the email

      const secrets: [string, string][] = [
        ['test API key of A', h.keys.a],
        ['test API key of B', h.keys.b],
        ['CSD password', EKU.password],
        ['AUTOFACTURA_SECRET (hex)', secretKey.toString('hex')],
        ['AUTOFACTURA_SECRET (base64)', secretKey.toString('base64')],
        ['AUTOFACTURA_SECRET (base64url)', secretKey.toString('base64url')],
        ['web secret (hex)', webSecret.toString('hex')],
        ['web secret (base64)', webSecret.toString('base64')],
        ['webhook secret', whsec],
        ['webhook secret body', whsec.slice('whsec_'.length)],
      ];
      assert.ok(logs.length > 0, 'the logger was called');
      const logText = logs.join('\n');
      for (const [name, value] of secrets) {
        assert.ok(!logText.includes(value), `${name} is not in the logs`);
        for (const page of seen) assert.ok(!page.text.includes(value), `${name} is not in a page`);
      }
      // Receipt links are bearer credentials too: the log never carries them.
      assert.ok(!logText.includes(open.token), 'the receipt token is not in the logs');
    });
  });

  describe('rate limits', () => {
    let h: PortalHarness;
    before(async () => {
      h = await portalHarness({ limits: { ...ROOMY, tokenPerMinute: 5, searchPerMinute: 3 } });
    });
    after(() => h.close());

    it('limits token lookups per client: 429 with Retry-After', async () => {
      const b = h.browser();
      const statuses: number[] = [];
      let last: Page | undefined;
      for (let i = 0; i < 7; i++) {
        last = await b.get(`/kemper/r/${randomBytes(32).toString('base64url')}`);
        statuses.push(last.status);
      }
      assert.deepEqual(statuses, [404, 404, 404, 404, 404, 429, 429]);
      const retryAfter = Number(last!.headers.get('retry-after'));
      assert.ok(
        Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60,
        `Retry-After ${retryAfter}`,
      );
      assert.match(last!.text, /Demasiados intentos seguidos\. Espera \d+ segundos y vuelve a intentar\./);
      assertStrictCsp(last!, '429 page');
      // A real link is refused too while the window lasts: guessing cannot continue through it.
      const open = await h.openReceipt('500.00');
      assert.equal((await b.get(open.path)).status, 429);
    });

    it('limits searches by ticket + amount + date per client: 429 with Retry-After', async () => {
      const b = h.browser();
      await b.get('/kemper/catalogs.json');
      const statuses: number[] = [];
      let last: Page | undefined;
      for (let i = 0; i < 5; i++) {
        last = await b.post(
          '/kemper/find',
          { reference: String(1000 + i), amount: '100.00', date: '2026-01-01' },
          { csrf: null, headers: { accept: 'application/json' } },
        );
        statuses.push(last.status);
      }
      // The limit comes before the CSRF check, so a script without tokens cannot search either.
      assert.deepEqual(statuses, [403, 403, 403, 429, 429]);
      assert.ok(Number(last!.headers.get('retry-after')) >= 1);
      assert.equal(JSON.parse(last!.text).error.code, 'RATE_LIMITED');
    });
  });
});
