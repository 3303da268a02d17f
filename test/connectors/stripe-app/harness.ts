/**
 * The Stripe App's backend through a real server on 127.0.0.1: lowdb in a temp dir, the sandbox PAC,
 * the outbox mailer, two merchants from SAT's test CSD EKU9003173C9, and STRIPE_APP_SECRET set for the
 * server. Requests are signed the way fetchStripeSignature's are: stripe's generateTestHeaderString over
 * JSON.stringify({ user_id, account_id }) with the app's secret.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { createAutofactura } from '../../../core/src/automation/index.js';
import type { Autofactura } from '../../../core/src/automation/types.js';
import type { verifyCfdi } from '../../../core/src/cfdi/verify/verify-cfdi.js';
import { createMailer } from '../../../core/src/notify/mailer.js';
import { createSandboxPac } from '../../../core/src/pac/sandbox/index.js';
import type { Store } from '../../../core/src/store/types.js';
import { createServer as createApp } from '../../../portal/src/app.js';
import { testSecretBox } from '../../core/automation/harness.js';
import { openTestStore } from '../../core/automation/test-store.js';
import { type FaultyPac, faultyPac } from '../../support/faulty-pac.js';
import { capturingLogger, ekuMerchant, listeningServer, sandboxVerifier } from '../../support/test-server.js';

/** The two linked Stripe accounts of the tests: merchant A's and merchant B's. */
export const KEMPER: Caller = { user_id: 'usr_Kemper1', account_id: 'acct_1KemperEscuela' };
export const OTRO: Caller = { user_id: 'usr_Otro1', account_id: 'acct_1OtroComercio' };
/** A persona física of SAT's test pack (test/fixtures/sat/certs/CERTS.md), as the API writes fiscal data. */
export const BERENICE = {
  rfc: 'XIQB891116QE4',
  name: 'BERENICE XIMO QUEZADA',
  tax_regime: '612',
  zip: '52000',
  cfdi_use: 'G03',
};
export const APP_SECRET = 'absec_test_autofactura_stripe_app_0123456789';

export interface Caller {
  user_id: string;
  account_id: string;
}

export interface AppResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read the JSON answers field by field
  json: any;
  bytes: Buffer;
}

export interface StripeAppHarness {
  url: string;
  af: Autofactura;
  store: Store;
  keys: { a: string; b: string };
  merchantIds: { a: string; b: string };
  logs: string[];
  /** The sandbox PAC behind a switch that makes stamps fail (a payment that failed, then retried). */
  pac: FaultyPac;
  /** A Stripe-Signature header for this caller; `timestamp` in seconds, `secret` default APP_SECRET. */
  sign(caller: Caller, options?: { timestamp?: number; secret?: string }): string;
  /** POST /stripe-app{path} with the caller in the body, signed unless `signature` says otherwise. */
  post(
    path: string,
    caller: Caller,
    body?: Record<string, unknown>,
    options?: { signature?: string | null; lang?: string },
  ): Promise<AppResponse>;
  get(url: string): Promise<AppResponse>;
  verify(xml: Buffer): ReturnType<typeof verifyCfdi>;
  close(): Promise<void>;
}

async function read(response: Response): Promise<AppResponse> {
  const bytes = Buffer.from(await response.arrayBuffer());
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    headers: response.headers,
    json: type.includes('json') ? JSON.parse(bytes.toString('utf8')) : undefined,
    bytes,
  };
}

export async function stripeAppHarness(): Promise<StripeAppHarness> {
  const previousSecret = process.env.STRIPE_APP_SECRET;
  process.env.STRIPE_APP_SECRET = APP_SECRET;
  const dir = await mkdtemp(join(tmpdir(), 'autofactura-stripe-app-'));
  const store = await openTestStore(join(dir, 'data'));
  const pacDir = join(dir, 'pac');
  const { logs, logger } = capturingLogger();
  const pac = faultyPac(createSandboxPac({ dataDir: pacDir }));
  const af = createAutofactura({
    store,
    pac,
    mailer: createMailer({ outboxDir: join(dir, 'outbox') }),
    secrets: testSecretBox(),
    logger,
    publicUrl: 'http://127.0.0.1',
  });
  const merchant = (tradeName: string) => ekuMerchant(af, { branding: { tradeName } });
  const [a, b] = [await merchant('Escuela Kemper'), await merchant('Otro comercio')];
  const { server, url } = await listeningServer();
  server.on('request', createApp({ af, store, logger, publicUrl: url }).callback());
  const verify = sandboxVerifier(pacDir);
  const sign: StripeAppHarness['sign'] = (caller, options = {}) =>
    Stripe.webhooks.generateTestHeaderString({
      payload: JSON.stringify({ user_id: caller.user_id, account_id: caller.account_id }),
      secret: options.secret ?? APP_SECRET,
      ...(options.timestamp !== undefined ? { timestamp: options.timestamp } : {}),
    });
  return {
    url,
    af,
    store,
    logs,
    pac,
    keys: { a: a.apiKeys.test, b: b.apiKeys.test },
    merchantIds: { a: a.merchant.id, b: b.merchant.id },
    sign,
    async post(path, caller, body = {}, options = {}) {
      const signature = options.signature === undefined ? sign(caller) : options.signature;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (signature !== null) headers['stripe-signature'] = signature;
      if (options.lang) headers['accept-language'] = options.lang;
      const response = await fetch(`${url}/stripe-app${path}`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ ...caller, ...body }),
      });
      return read(response);
    },
    async get(target) {
      return read(await fetch(target));
    },
    verify,
    async close() {
      await new Promise<void>((done) => server.close(() => done()));
      await store.close();
      await rm(dir, { recursive: true, force: true });
      if (previousSecret === undefined) delete process.env.STRIPE_APP_SECRET;
      else process.env.STRIPE_APP_SECRET = previousSecret;
    },
  };
}
