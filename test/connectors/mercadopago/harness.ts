import { mkdtemp, rm } from 'node:fs/promises';
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

export interface GatewayHarness {
  url: string;
  af: Autofactura;
  store: Store;
  merchantIds: { a: string; b: string };
  payment(source: string, externalId: string, merchantId?: string): Promise<Payment | null>;
  /** Every record count of a merchant except the delivery log (nothing-stored checks). */
  counts(merchantId?: string): Promise<{ payments: number; customers: number; jobs: number; events: number }>;
  /** The merchant's logged deliveries on a connection, newest first. */
  deliveries(connection: string, merchantId?: string): ReturnType<Autofactura['listDeliveries']>;
  /** Works jobs until `done` holds, or fails after a few seconds. */
  settle(done: () => Promise<boolean>): Promise<void>;
  /** The stamped CFDI of an invoice, checked against SAT's XSD and its Sello, parsed. */
  cfdi(invoiceId: string, merchantId?: string): Promise<ReturnType<typeof comprobanteFromTree>>;
  close(): Promise<void>;
}

export async function gatewayHarness(gatewayApis: Record<string, string>): Promise<GatewayHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'autofactura-gateway-'));
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
    createApp({ af, store, logger, publicUrl: 'http://127.0.0.1', gatewayApis }).callback(),
  );
  const verify = sandboxVerifier(pacDir);
  return {
    url,
    af,
    store,
    merchantIds: { a: a.id, b: b.id },
    payment: (source, externalId, merchantId = a.id) =>
      store.payments.findByExternalId(merchantId, source, externalId),
    counts: (merchantId = a.id) => recordCounts(store, merchantId),
    deliveries: (connection, merchantId = a.id) => af.listDeliveries(merchantId, connection),
    settle: (done) => settleJobs(af, done),
    cfdi: (invoiceId, merchantId = a.id) => checkedCfdi({ af, store, dir, verify }, merchantId, invoiceId),
    async close() {
      await new Promise<void>((done) => server.close(() => done()));
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
