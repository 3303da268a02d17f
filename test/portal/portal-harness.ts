/**
 * The self-invoice portal through a real server on 127.0.0.1: lowdb in a temp dir, the sandbox PAC,
 * the outbox mailer, the job worker running, and two merchants from SAT's test CSD EKU9003173C9 with
 * portal slugs (`kemper`, branded; `otro`, another tenant). `browser()` is a tiny cookie-keeping HTTP
 * client that reads the CSRF token from the last page, as a browser's form would send it.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAutofactura } from '../../core/src/automation/index.js';
import type { Autofactura, Logger } from '../../core/src/automation/types.js';
import type { verifyCfdi } from '../../core/src/cfdi/verify/verify-cfdi.js';
import { createMailer } from '../../core/src/notify/mailer.js';
import { createSandboxPac } from '../../core/src/pac/sandbox/index.js';
import type { MerchantBranding, Receipt, Store } from '../../core/src/store/types.js';
import { createServer as createApp } from '../../portal/src/app.js';
import type { PortalLimits } from '../../portal/src/portal/index.js';
import { testSecretBox } from '../core/automation/harness.js';
import { openTestStore } from '../core/automation/test-store.js';
import { ekuMerchant, listeningServer, postPayment, sandboxVerifier } from '../support/test-server.js';

export const KEMPER_BRANDING: Partial<MerchantBranding> = {
  tradeName: 'Escuela Kemper',
  slug: 'kemper',
  color: '#0F766E',
  secondaryColor: '#F59E0B',
  welcomeText: 'Factura tus colegiaturas <script>alert("welcome")</script>',
  supportEmail: 'facturas@kemper.example',
  phone: '+52 771 123 4567',
  whatsapp: '527711234567',
  social: { instagram: 'https://instagram.com/kemper', facebook: 'javascript:alert(1)' },
};

export interface Page {
  status: number;
  headers: Headers;
  text: string;
  bytes: Buffer;
  /** Where a redirect points (not followed). */
  location: string | null;
}

export interface Browser {
  get(path: string, headers?: Record<string, string>): Promise<Page>;
  /** Posts a form with the CSRF token of the last page (unless `_csrf` is given, or null to omit it). */
  post(
    path: string,
    fields: Record<string, string | string[]>,
    options?: { csrf?: string | null; headers?: Record<string, string> },
  ): Promise<Page>;
  upload(
    path: string,
    fields: Record<string, string>,
    file: { field: string; name: string; type: string; bytes: Buffer },
    headers?: Record<string, string>,
  ): Promise<Page>;
  csrf(): string;
}

export interface PortalHarness {
  url: string;
  /** The lowdb directory (files and blobs). */
  dataDir: string;
  af: Autofactura;
  store: Store;
  merchantIds: { a: string; b: string };
  /** Merchant A's test key (pay's default) and live key, merchant B's test key. */
  keys: { a: string; aLive: string; b: string };
  outboxDir: string;
  pay(body: unknown, key?: string): Promise<{ status: number; json: PaymentAnswer }>;
  /** Records a payment with no fiscal data and returns its open receipt (token, portal path, record). */
  openReceipt(amount: string, extra?: Record<string, unknown>): Promise<OpenReceipt>;
  browser(): Browser;
  emails(): Promise<string[]>;
  verify(xml: Buffer): ReturnType<typeof verifyCfdi>;
  close(): Promise<void>;
}

/** What POST /v1/payments answers (201), or its error. */
export interface PaymentAnswer {
  id: string;
  status: string;
  invoice?: { id: string; uuid: string; status: string };
  receipt?: { id: string; url: string; expires_at: string };
  error?: { type: string; code: string; message: string; param?: string };
}

export interface OpenReceipt {
  paymentId: string;
  token: string;
  /** /kemper/r/{token} */
  path: string;
  receipt: Receipt;
}

let sequence = 0;

export interface PortalHarnessOptions {
  limits?: Partial<PortalLimits>;
  /** Receives every log line of core and the server (default: dropped). */
  logger?: Logger;
  /** The master key (AUTOFACTURA_SECRET) of the secret box; default random. */
  secretKey?: Buffer;
  /** The web secret that signs CSRF tokens; default random. */
  webSecret?: Buffer;
}

export async function portalHarness(options: PortalHarnessOptions = {}): Promise<PortalHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'autofactura-portal-'));
  const dataDir = join(dir, 'data');
  const store = await openTestStore(dataDir);
  const pacDir = join(dir, 'pac');
  const outboxDir = join(dir, 'outbox');
  const logger = options.logger ?? { info: () => {}, warn: () => {}, error: () => {} };
  const { server, url } = await listeningServer();
  const af = createAutofactura({
    store,
    pac: createSandboxPac({ dataDir: pacDir }),
    mailer: createMailer({ outboxDir }),
    secrets: testSecretBox(options.secretKey ? Buffer.from(options.secretKey) : undefined),
    logger,
    publicUrl: url,
  });
  const create = (branding: Partial<MerchantBranding>) => ekuMerchant(af, { branding });
  const a = await create(KEMPER_BRANDING);
  const b = await create({ tradeName: 'Otro comercio', slug: 'otro' });
  const logoBlob = `${a.merchant.id}/branding/logo.png`;
  await store.blobs.put(
    logoBlob,
    await readFile(new URL('../../portal/demo/logo.png', import.meta.url)),
    'image/png',
  );
  await store.merchants.update({ ...a.merchant, branding: { ...a.merchant.branding, logoBlob } });
  server.on(
    'request',
    createApp({
      af,
      store,
      logger,
      publicUrl: url,
      ...(options.limits ? { portalLimits: options.limits } : {}),
      ...(options.webSecret ? { webSecret: options.webSecret } : {}),
    }).callback(),
  );
  const worker = new AbortController();
  const working = af.runWorker({ signal: worker.signal, pollMs: 100 });
  const verify = sandboxVerifier(pacDir);

  async function request(
    path: string,
    init: RequestInit & { headers?: Record<string, string> },
    jar: Map<string, string>,
  ): Promise<Page> {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(`${url}${path}`, {
      ...init,
      redirect: 'manual',
      headers: { ...(cookie ? { cookie } : {}), ...init.headers },
    });
    for (const set of response.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    const bytes = Buffer.from(await response.arrayBuffer());
    return {
      status: response.status,
      headers: response.headers,
      text: bytes.toString('utf8'),
      bytes,
      location: response.headers.get('location'),
    };
  }

  const pay = (body: unknown, key = a.apiKeys.test) => postPayment<PaymentAnswer>(url, key, body);

  return {
    url,
    dataDir,
    af,
    store,
    merchantIds: { a: a.merchant.id, b: b.merchant.id },
    keys: { a: a.apiKeys.test, aLive: a.apiKeys.live, b: b.apiKeys.test },
    outboxDir,
    pay,
    async openReceipt(amount, extra = {}) {
      const res = await pay(anonymousPayment(amount, extra));
      const issued = res.json.receipt;
      if (res.status !== 201 || !issued) throw new Error(`no receipt: ${JSON.stringify(res.json)}`);
      const path = pathOf(issued.url);
      const receipt = await store.receipts.get(a.merchant.id, issued.id);
      if (!receipt) throw new Error(`receipt ${issued.id} not stored`);
      return { paymentId: res.json.id, token: path.split('/').pop()!, path, receipt };
    },
    browser() {
      const jar = new Map<string, string>();
      let last = '';
      const remember = (page: Page) => {
        if ((page.headers.get('content-type') ?? '').includes('text/html')) last = page.text;
        return page;
      };
      const csrf = () => /name="_csrf" value="([^"]+)"/.exec(last)?.[1] ?? '';
      return {
        csrf,
        async get(path, headers = {}) {
          return remember(await request(path, { headers }, jar));
        },
        async post(path, fields, options = {}) {
          const body = new URLSearchParams();
          const token = options.csrf === undefined ? csrf() : options.csrf;
          if (token !== null) body.append('_csrf', token);
          for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
          return remember(
            await request(
              path,
              {
                method: 'POST',
                body,
                headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
              },
              jar,
            ),
          );
        },
        async upload(path, fields, file, headers = {}) {
          const form = new FormData();
          form.set('_csrf', csrf());
          for (const [k, v] of Object.entries(fields)) form.set(k, v);
          form.set(file.field, new Blob([file.bytes], { type: file.type }), file.name);
          return remember(await request(path, { method: 'POST', body: form, headers }, jar));
        },
      };
    },
    async emails() {
      const files = await readdir(outboxDir).catch(() => [] as string[]);
      return Promise.all(
        files.filter((f) => f.endsWith('.eml')).map((f) => readFile(join(outboxDir, f), 'utf8')),
      );
    },
    verify,
    async close() {
      worker.abort();
      await working;
      await new Promise<void>((done) => server.close(() => done()));
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Fiscal data that validates (a persona física, régimen 612), as the portal's form fields. */
export const CARLOS_FORM = {
  rfc: 'COSC8001137NA',
  name: 'CARLOS CORTES SOTO',
  taxRegime: '612',
  zip: '52000',
  cfdiUse: 'G03',
  email: 'carlos@example.com',
};

/** A payment the merchant cannot invoice yet (a new customer with no fiscal data): it opens a receipt. */
export function anonymousPayment(amount: string, extra: Record<string, unknown> = {}) {
  return {
    amount,
    method: 'card_credit',
    customer: { email: `cliente-${++sequence}@example.com` },
    ...extra,
  };
}

/** The path of a receipt URL (its token is the last segment). */
export function pathOf(receiptUrl: string): string {
  return new URL(receiptUrl).pathname;
}
