/**
 * The Stripe webhook through a real server on 127.0.0.1 (random port): lowdb in a temp dir, the sandbox
 * PAC, the outbox mailer, and two merchants from SAT's test CSD EKU9003173C9, each connected to Stripe
 * with its own endpoint secret. Events come from connectors/stripe/samples, signed with the official
 * package's generateTestHeaderString.
 */
import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { createAutofactura } from '../../../core/src/automation/index.js';
import type { Autofactura } from '../../../core/src/automation/types.js';
import { comprobanteFromTree } from '../../../core/src/cfdi/xml/from-tree.js';
import { createMailer } from '../../../core/src/notify/mailer.js';
import { createSandboxPac } from '../../../core/src/pac/sandbox/index.js';
import type { Payment, Store } from '../../../core/src/store/types.js';
import { parseXml } from '../../../core/src/xml/parse.js';
import { createServer as createApp } from '../../../portal/src/app.js';
import { testSecretBox } from '../../core/automation/harness.js';
import { openTestStore } from '../../core/automation/test-store.js';
import { xmllintInvalid } from '../../support/oracles.js';
import { ekuMerchant, listeningServer, sandboxVerifier } from '../../support/test-server.js';

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
    async counts(merchantId = a.id) {
      return {
        payments: (await store.payments.list(merchantId, { limit: 1000 })).items.length,
        customers: (await store.customers.list(merchantId, { limit: 1000 })).items.length,
        events: (await store.events.list(merchantId, { limit: 1000 })).length,
        jobs: (await store.jobs.list(merchantId, { limit: 1000 })).length,
      };
    },
    async settle(done) {
      for (let i = 0; i < 40; i++) {
        await af.workJobs();
        if (await done()) return;
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      assert.fail('the jobs did not settle');
    },
    async cfdi(invoiceId, merchantId = a.id) {
      const xml = await af.invoiceXml(merchantId, invoiceId);
      assert.ok(xml, `invoice ${invoiceId} has its XML`);
      // cfdv40.xsd has no declaration of the PAC's TimbreFiscalDigital: the schema checks the sealed XML.
      const invoice = (await store.invoices.get(merchantId, invoiceId))!;
      const file = join(dir, `${invoiceId}.xml`);
      await writeFile(file, (await store.blobs.get(invoice.blobs.sealedXml))!);
      assert.deepEqual(
        [...(await xmllintInvalid([file])).values()],
        [],
        'the CFDI validates against cfdv40.xsd',
      );
      const verified = verify(xml);
      assert.equal(verified.ok, true, JSON.stringify(verified.problems));
      return comprobanteFromTree(parseXml(xml));
    },
    async close() {
      await new Promise<void>((done) => server.close(() => done()));
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
