import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { createAutofactura } from '../../../core/src/automation/index.js';
import type { Autofactura } from '../../../core/src/automation/types.js';
import type { comprobanteFromTree } from '../../../core/src/cfdi/xml/from-tree.js';
import { createMailer } from '../../../core/src/notify/mailer.js';
import { createSandboxPac } from '../../../core/src/pac/sandbox/index.js';
import type { Payment, Store } from '../../../core/src/store/types.js';
import { createServer as createApp } from '../../../portal/src/app.js';
import { testSecretBox } from '../../core/automation/harness.js';
import { openTestStore } from '../../core/automation/test-store.js';
import {
  checkedCfdi,
  ekuMerchant,
  listeningServer,
  recordCounts,
  sandboxVerifier,
  settleJobs,
} from '../../support/test-server.js';

const SAMPLES = new URL('../../../connectors/stripe/samples/', import.meta.url);
const sdk = new Stripe('sk_test_for_signing_only');

// biome-ignore lint/suspicious/noExplicitAny: samples are read and tweaked field by field
export type StripeEvent = any;

export interface StripeHarness {
  url: string;
  af: Autofactura;
  store: Store;
  merchantIds: { a: string; b: string };
  secrets: { a: string; b: string };
  /** A sample event (a fresh copy). */
  sample(name: string): Promise<StripeEvent>;
  /** Posts an event to /webhooks/stripe/:merchant signed with `secret` (default merchant a's). */
  post(
    event: StripeEvent | string,
    options?: { merchantId?: string; secret?: string; timestamp?: number; signature?: string | null },
  ): Promise<{ status: number; json: StripeEvent }>;
  /** The merchant's payment recorded for a Stripe id (the PaymentIntent, or the charge). */
  payment(externalId: string, merchantId?: string): Promise<Payment | null>;
  /** Every record count of a merchant (nothing-stored checks). */
  counts(merchantId?: string): Promise<{ payments: number; customers: number; events: number; jobs: number }>;
  /** Works jobs (the server's worker) until `done` holds, or fails after a few seconds. */
  settle(done: () => Promise<boolean>): Promise<void>;
  /** The stamped CFDI of an invoice, checked against SAT's XSD and its Sello, parsed. */
  cfdi(invoiceId: string, merchantId?: string): Promise<ReturnType<typeof comprobanteFromTree>>;
  close(): Promise<void>;
}

export async function stripeHarness(
  options: { stripeApi?: { host: string; port: number; protocol: 'http' | 'https' } } = {},
): Promise<StripeHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'autofactura-stripe-'));
  const store = await openTestStore(join(dir, 'data'));
  const pacDir = join(dir, 'pac');
  const logger = { info() {}, warn() {}, error() {} };
  const af = createAutofactura({
    store,
    pac: createSandboxPac({ dataDir: pacDir }),
    mailer: createMailer({ outboxDir: join(dir, 'outbox') }),
    secrets: testSecretBox(),
    logger,
    publicUrl: 'http://127.0.0.1',
    retry: { baseMs: 100, maxMs: 400, maxAttempts: 20 },
  });
  const merchant = (tradeName: string) => ekuMerchant(af, { branding: { tradeName } });
  const [a, b] = [(await merchant('Escuela Kemper')).merchant, (await merchant('Otro comercio')).merchant];
  const secrets = { a: 'whsec_test_kemper_0123456789abcdef', b: 'whsec_test_otro_fedcba9876543210' };
  await af.setMerchantSecret(a.id, 'stripe.webhook_secret', secrets.a);
  await af.setMerchantSecret(b.id, 'stripe.webhook_secret', secrets.b);
  const { server, url } = await listeningServer();
  server.on(
    'request',
    createApp({
      af,
      store,
      logger,
      publicUrl: 'http://127.0.0.1',
      ...(options.stripeApi ? { stripeApi: options.stripeApi } : {}),
    }).callback(),
  );
  const verify = sandboxVerifier(pacDir);
  return {
    url,
    af,
    store,
    merchantIds: { a: a.id, b: b.id },
    secrets,
    async sample(name) {
      return JSON.parse(await readFile(new URL(`${name}.json`, SAMPLES), 'utf8'));
    },
    async post(event, options = {}) {
      const payload = typeof event === 'string' ? event : JSON.stringify(event, null, 2);
      const signature =
        options.signature !== undefined
          ? options.signature
          : sdk.webhooks.generateTestHeaderString({
              payload,
              secret: options.secret ?? secrets.a,
              ...(options.timestamp ? { timestamp: options.timestamp } : {}),
            });
      const response = await fetch(`${url}/webhooks/stripe/${options.merchantId ?? a.id}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(signature !== null ? { 'stripe-signature': signature } : {}),
        },
        body: payload,
      });
      return { status: response.status, json: await response.json() };
    },
    payment: (externalId, merchantId = a.id) =>
      store.payments.findByExternalId(merchantId, 'stripe', externalId),
    counts: (merchantId = a.id) => recordCounts(store, merchantId),
    settle: (done) => settleJobs(af, done),
    cfdi: (invoiceId, merchantId = a.id) => checkedCfdi({ af, store, dir, verify }, merchantId, invoiceId),
    async close() {
      await new Promise<void>((done) => server.close(() => done()));
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
