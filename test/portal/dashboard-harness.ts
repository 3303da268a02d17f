/**
 * The merchant dashboard through a real server on 127.0.0.1: lowdb in a temp dir, the sandbox PAC
 * behind faultyPac (a test can make the next stamp fail for good), the outbox mailer and the job
 * worker. `client()` is a cookie-keeping HTTP client that sends the CSRF token of the last page like a
 * browser's form, and can come from another loopback address (127.0.0.x) for the per-IP lockout.
 * `PUBLIC_URL` can be https (the Secure cookie flag) while the server itself listens on plain http.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAutofactura } from '../../core/src/automation/index.js';
import type { Autofactura } from '../../core/src/automation/types.js';
import { createMailer } from '../../core/src/notify/mailer.js';
import { createSandboxPac } from '../../core/src/pac/sandbox/index.js';
import type { Payment, Store } from '../../core/src/store/types.js';
import { createServer as createApp } from '../../portal/src/app.js';
import { testSecretBox } from '../core/automation/harness.js';
import { openTestStore } from '../core/automation/test-store.js';
import { type FaultyPac, faultyPac } from '../support/faulty-pac.js';
import { EKU } from '../support/oracles.js';
import { ekuMerchant, listeningServer, postPayment } from '../support/test-server.js';

export const PASSWORD = 'una frase bastante larga';

export interface Page {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  bytes: Buffer;
  /** Where a redirect points (never followed). */
  location: string | null;
  /** The raw Set-Cookie lines of the answer. */
  cookies: string[];
}

export interface FilePart {
  name: string;
  type: string;
  bytes: Buffer;
}

export interface Client {
  get(path: string): Promise<Page>;
  /** A urlencoded form with the last page's CSRF token (`csrf: null` omits it, a string replaces it). */
  post(path: string, fields?: Record<string, string>, options?: { csrf?: string | null }): Promise<Page>;
  /** A multipart form (files by field name) with the last page's CSRF token. */
  upload(path: string, fields: Record<string, string>, files: Record<string, FilePart>): Promise<Page>;
  /** GETs a redirect's target too, up to 5 hops. */
  follow(page: Page): Promise<Page>;
  cookie(name: string): string | undefined;
  csrf(): string;
}

export interface DashboardHarness {
  url: string;
  publicUrl: string;
  af: Autofactura;
  store: Store;
  pac: FaultyPac;
  client(options?: { from?: string }): Client;
  /** A user with a merchant (SAT's test CSD), created through the facade; logged in with `login`. */
  seedMerchant(
    email: string,
    branding?: Record<string, unknown>,
  ): Promise<{ merchantId: string; apiKey: string }>;
  login(client: Client, email: string, password?: string): Promise<Page>;
  /** POST /v1/payments with the merchant's key. */
  pay(
    apiKey: string,
    body: Record<string, unknown>,
  ): Promise<{ status: number; json: { id: string } & Record<string, unknown> }>;
  /** Waits until the worker leaves the payment in one of `statuses`. */
  settle(merchantId: string, paymentId: string, statuses?: string[]): Promise<Payment>;
  csd(): Promise<{ cer: FilePart; key: FilePart }>;
  close(): Promise<void>;
}

let sequence = 0;

export async function dashboardHarness(
  options: { publicUrl?: string; signupOpen?: boolean } = {},
): Promise<DashboardHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'autofactura-dashboard-'));
  const store = await openTestStore(join(dir, 'data'));
  const logger = { info: () => {}, warn: () => {}, error: () => {} };
  const { server, url } = await listeningServer();
  const port = Number(new URL(url).port);
  const publicUrl = options.publicUrl ?? url;
  const pac = faultyPac(createSandboxPac({ dataDir: join(dir, 'pac') }));
  const af = createAutofactura({
    store,
    pac,
    mailer: createMailer({ outboxDir: join(dir, 'outbox') }),
    secrets: testSecretBox(),
    logger,
    publicUrl,
  });
  server.on(
    'request',
    createApp({
      af,
      store,
      logger,
      publicUrl,
      ...(options.signupOpen !== undefined ? { signupOpen: options.signupOpen } : {}),
    }).callback(),
  );
  const worker = new AbortController();
  const working = af.runWorker({ signal: worker.signal, pollMs: 50 });

  function send(
    method: string,
    path: string,
    body: Buffer | undefined,
    headers: Record<string, string>,
    from: string,
  ): Promise<Page> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path, method, headers, localAddress: from },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const bytes = Buffer.concat(chunks);
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text: bytes.toString('utf8'),
              bytes,
              location: (res.headers.location as string | undefined) ?? null,
              cookies: res.headers['set-cookie'] ?? [],
            });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  function client(clientOptions: { from?: string } = {}): Client {
    const from = clientOptions.from ?? '127.0.0.1';
    const jar = new Map<string, string>();
    // The token of the last page that had a form (an error page without one keeps the previous).
    let token = '';
    const csrf = () => token;
    const go = async (method: string, path: string, body?: Buffer, type?: string) => {
      const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      const page = await send(
        method,
        path,
        body,
        {
          ...(cookie ? { cookie } : {}),
          ...(type ? { 'content-type': type } : {}),
          ...(body ? { 'content-length': String(body.length) } : {}),
        },
        from,
      );
      for (const line of page.cookies) {
        const [pair = ''] = line.split(';');
        const at = pair.indexOf('=');
        const name = pair.slice(0, at);
        const value = pair.slice(at + 1);
        if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
        else jar.set(name, value);
      }
      if (String(page.headers['content-type'] ?? '').includes('text/html')) {
        token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? token;
      }
      return page;
    };
    const self: Client = {
      csrf,
      cookie: (name) => jar.get(name),
      get: (path) => go('GET', path),
      post(path, fields = {}, postOptions = {}) {
        const form = new URLSearchParams();
        const token = postOptions.csrf === undefined ? csrf() : postOptions.csrf;
        if (token !== null) form.set('_csrf', token);
        for (const [k, v] of Object.entries(fields)) form.append(k, v);
        return go('POST', path, Buffer.from(form.toString()), 'application/x-www-form-urlencoded');
      },
      async upload(path, fields, files) {
        const form = new FormData();
        form.set('_csrf', csrf());
        for (const [k, v] of Object.entries(fields)) form.set(k, v);
        for (const [field, file] of Object.entries(files)) {
          form.set(field, new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
        }
        const encoded = new Response(form);
        const type = encoded.headers.get('content-type') ?? '';
        return go('POST', path, Buffer.from(await encoded.arrayBuffer()), type);
      },
      async follow(page) {
        let current = page;
        for (let hop = 0; hop < 5 && current.location; hop++)
          current = await self.get(current.location.replace(url, ''));
        return current;
      },
    };
    return self;
  }

  return {
    url,
    publicUrl,
    af,
    store,
    pac,
    client,
    async seedMerchant(email, branding = {}) {
      const created = await ekuMerchant(af, {
        branding: { tradeName: `Comercio ${++sequence}`, ...branding },
      });
      await af.createDashboardUser({ email, password: PASSWORD, merchantId: created.merchant.id });
      return { merchantId: created.merchant.id, apiKey: created.apiKeys.test };
    },
    async login(c, email, password = PASSWORD) {
      await c.get('/dashboard/login');
      return c.post('/dashboard/login', { email, password });
    },
    pay: (apiKey, body) => postPayment<{ id: string }>(url, apiKey, body),
    async settle(merchantId, paymentId, statuses = ['invoiced', 'awaiting_customer', 'failed']) {
      const until = Date.now() + 20_000;
      for (;;) {
        const payment = await store.payments.get(merchantId, paymentId);
        if (payment && statuses.includes(payment.status)) return payment;
        if (Date.now() > until) throw new Error(`payment ${paymentId} stayed ${payment?.status}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async csd() {
      const [cerBytes, keyBytes] = await Promise.all([readFile(EKU.cer), readFile(EKU.key)]);
      return {
        cer: { name: 'EKU9003173C9.cer', type: 'application/octet-stream', bytes: cerBytes },
        key: { name: 'EKU9003173C9.key', type: 'application/octet-stream', bytes: keyBytes },
      };
    },
    async close() {
      worker.abort();
      await working;
      await new Promise<void>((done) => server.close(() => done()));
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
