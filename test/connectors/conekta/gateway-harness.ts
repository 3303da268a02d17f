/**
 * A real server on 127.0.0.1 for the Conekta and OpenPay webhooks (#10): lowdb (or PostgreSQL with
 * AUTOFACTURA_TEST_STORE=postgres) in a temp dir, the sandbox PAC, the outbox mailer, two merchants from
 * SAT's test CSD EKU9003173C9, and `gatewayApis` pointing connectors that call back at local fakes.
 */
import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

// biome-ignore lint/suspicious/noExplicitAny: samples are read and tweaked field by field
export type Sample = any;

export interface Posted {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the answer is checked field by field
  json: any;
}

export interface GatewayHarness {
  url: string;
  af: Autofactura;
  store: Store;
  merchantIds: { a: string; b: string };
  /** A sample of connectors/<gateway>/samples (a fresh copy). */
  sample(name: string): Promise<Sample>;
  /** POST /webhooks/<gateway>/<merchant> with this exact body and headers. */
  post(path: string, body: string, headers: Record<string, string>): Promise<Posted>;
  payment(source: string, externalId: string, merchantId?: string): Promise<Payment | null>;
  /** Record counts of a merchant, not counting the delivery log (nothing-stored checks). */
  counts(merchantId?: string): Promise<{ payments: number; customers: number; events: number; jobs: number }>;
  /** Works jobs (the server's worker) until `done` holds, or fails after a few seconds. */
  settle(done: () => Promise<boolean>): Promise<void>;
  /** The payment's stamped invoice: XSD-valid, Sello and SelloSAT verified, parsed. */
  stamped(
    source: string,
    externalId: string,
  ): Promise<{ payment: Payment; cfdi: ReturnType<typeof comprobanteFromTree> }>;
  cfdi(invoiceId: string, merchantId?: string): Promise<ReturnType<typeof comprobanteFromTree>>;
  close(): Promise<void>;
}

export async function gatewayHarness(
  gateway: string,
  options: { gatewayApis?: Record<string, string> } = {},
): Promise<GatewayHarness> {
  const samples = new URL(`../../../connectors/${gateway}/samples/`, import.meta.url);
  const dir = await mkdtemp(join(tmpdir(), `autofactura-${gateway}-`));
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
  const { server, url } = await listeningServer();
  server.on(
    'request',
    createApp({
      af,
      store,
      logger,
      publicUrl: 'http://127.0.0.1',
      ...(options.gatewayApis ? { gatewayApis: options.gatewayApis } : {}),
    }).callback(),
  );
  const verify = sandboxVerifier(pacDir);
  const h: GatewayHarness = {
    url,
    af,
    store,
    merchantIds: { a: a.id, b: b.id },
    async sample(name) {
      return JSON.parse(await readFile(new URL(`${name}.json`, samples), 'utf8'));
    },
    async post(path, body, headers) {
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
      return { status: response.status, json: await response.json() };
    },
    payment: (source, externalId, merchantId = a.id) =>
      store.payments.findByExternalId(merchantId, source, externalId),
    counts: (merchantId = a.id) => recordCounts(store, merchantId),
    settle: (done) => settleJobs(af, done),
    async stamped(source, externalId) {
      await h.settle(async () => (await h.payment(source, externalId))?.status === 'invoiced');
      const payment = (await h.payment(source, externalId))!;
      const invoice = (await af.getInvoice(a.id, payment.invoiceId!))!;
      assert.equal(invoice.status, 'stamped');
      return { payment, cfdi: await h.cfdi(invoice.id) };
    },
    cfdi: (invoiceId, merchantId = a.id) => checkedCfdi({ af, store, dir, verify }, merchantId, invoiceId),
    async close() {
      await new Promise<void>((done) => server.close(() => done()));
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return h;
}
