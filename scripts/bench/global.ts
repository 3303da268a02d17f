/**
 * Factura global benchmark (#7): a period with N unclaimed receipts (50,000 by default) closed into one
 * CFDI on PostgreSQL with the sandbox PAC — the whole close (assign every receipt and payment, build,
 * seal, stamp, store XML and PDF, mark every payment), and then its parts on the stored documents: build
 * (request -> computed, validated Comprobante), seal (cadena + RSA), the sandbox's stamp (XSD, Sello,
 * TFD) and the XML's size.
 *
 *   npm run bench -- global [--receipts 50000] [--max-items 50000] [--store postgres|lowdb]
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Candidate, globalRequest, periodOf } from '../../core/src/automation/global/close.js';
import { ticketLines } from '../../core/src/automation/global/ticket-lines.js';
import { createAutofactura } from '../../core/src/automation/index.js';
import { buildComprobante, sealComprobante } from '../../core/src/cfdi/build.js';
import { loadCsd } from '../../core/src/fiscal/csd/index.js';
import { createMailer } from '../../core/src/notify/mailer.js';
import { createSandboxPac } from '../../core/src/pac/sandbox/index.js';
import { openLowdbStore } from '../../core/src/store/lowdb/index.js';
import { openPostgresStore } from '../../core/src/store/postgres/index.js';
import type { Payment, Receipt, Store } from '../../core/src/store/types.js';
import { testSecretBox } from '../../test/core/automation/harness.js';
import { EKU } from '../../test/support/oracles.js';
import { dropSchema, freshSchema, postgresUrl } from '../../test/support/postgres.js';

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function time<T>(label: string, work: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  const result = await work();
  process.stdout.write(`  ${label.padEnd(44)} ${seconds(performance.now() - started)}\n`);
  return result;
}

/** Last month's 10th, 12:00 Mexico City: a closed monthly period whatever day this runs. */
function lastMonthNoon(): { paidAt: string; key: string } {
  const local = new Date(Date.now() - 6 * 3_600_000);
  const first = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1));
  const key = first.toISOString().slice(0, 7);
  return { key, paidAt: new Date(`${key}-10T12:00:00-06:00`).toISOString() };
}

async function seed(store: Store, merchantId: string, count: number, paidAt: string): Promise<void> {
  const at = new Date().toISOString();
  const expired = new Date(Date.now() - 60_000).toISOString();
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < count) {
        const i = next++;
        const amount = `${100 + (i % 900)}.${String(i % 100).padStart(2, '0')}`;
        const payment: Payment = {
          id: `pay_glb_${i}`,
          merchantId,
          source: 'seed',
          externalId: `pos_${i}`,
          mode: 'live',
          amount,
          currency: 'MXN',
          paidAt,
          method: i % 3 === 0 ? 'card_debit' : 'cash',
          paymentForm: i % 3 === 0 ? '28' : '01',
          customerInput: {},
          automation: 'auto',
          metadata: {},
          status: 'awaiting_customer',
          receiptId: `rcp_glb_${i}`,
          refunds: [],
          createdAt: at,
          updatedAt: at,
        };
        const receipt: Receipt = {
          id: `rcp_glb_${i}`,
          merchantId,
          paymentId: payment.id,
          ticket: String(i + 1).padStart(6, '0'),
          tokenHash: randomBytes(32).toString('hex'),
          token: 'v1:seed',
          amount,
          currency: 'MXN',
          paidAt,
          expiresAt: expired,
          status: 'expired',
          createdAt: at,
          updatedAt: at,
        };
        await store.payments.createIfAbsent(payment);
        await store.receipts.create(receipt);
        if (i > 0 && i % 10_000 === 0)
          process.stderr.write(`  seeded ${i} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
      }
    }),
  );
}

export async function benchGlobal(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      receipts: { type: 'string', default: '50000' },
      'max-items': { type: 'string' },
      store: { type: 'string', default: 'postgres' },
    },
  });
  const count = Number(values.receipts);
  const maxItems = Number(values['max-items'] ?? values.receipts);
  const dir = await mkdtemp(join(tmpdir(), 'autofactura-bench-global-'));
  let store: Store;
  let cleanup: () => Promise<void>;
  if (values.store === 'lowdb') {
    store = await openLowdbStore({ dataDir: join(dir, 'data') });
    cleanup = () => store.close();
  } else {
    const url = await postgresUrl();
    const schema = freshSchema();
    store = await openPostgresStore({ connectionString: url, schema });
    cleanup = async () => {
      await store.close();
      await dropSchema(url, schema);
    };
  }
  try {
    const pac = createSandboxPac({ dataDir: join(dir, 'pac') });
    const af = createAutofactura({
      store,
      pac,
      mailer: createMailer({ outboxDir: join(dir, 'outbox') }),
      secrets: testSecretBox(),
    });
    const [certificate, privateKey] = await Promise.all([readFile(EKU.cer), readFile(EKU.key)]);
    const { merchant } = await af.createMerchant({
      certificate,
      privateKey,
      password: EKU.password,
      regime: '601',
      zip: '42501',
      settings: { globalPeriodicity: 'monthly', globalMaxItems: maxItems },
      branding: { tradeName: 'Bench' },
    });
    const { key, paidAt } = lastMonthNoon();
    process.stdout.write(
      `factura global of ${count.toLocaleString('en')} receipts (${values.store}, max ${maxItems.toLocaleString('en')} conceptos per CFDI)\n`,
    );
    await time(`seed ${count.toLocaleString('en')} payments + receipts`, () =>
      seed(store, merchant.id, count, paidAt),
    );

    const result = await time('close (assign, build, seal, stamp, PDF, finish)', () =>
      af.closeGlobal(merchant.id, { period: key }),
    );
    const stamped = result.invoices.filter((i) => i.status === 'stamped').length;
    process.stdout.write(
      `  -> ${result.invoices.length} CFDI, ${stamped} stamped, ${result.invoices.reduce((n, i) => n + i.receipts.length, 0).toLocaleString('en')} receipts\n`,
    );

    // The parts, on the first global's own data.
    const global = (await store.invoices.get(merchant.id, result.invoices[0]!.id!))!;
    const candidates: Candidate[] = [];
    for (const receiptId of global.receiptIds) {
      const receipt = (await store.receipts.get(merchant.id, receiptId))!;
      const payment = (await store.payments.get(merchant.id, receipt.paymentId))!;
      candidates.push({ receipt, payment, lines: [] as ReturnType<typeof ticketLines> });
    }
    await time(`ticket lines of ${candidates.length.toLocaleString('en')} tickets`, () => {
      for (const c of candidates) c.lines = ticketLines(merchant, c.payment);
    });
    const request = globalRequest(merchant, periodOf(global), candidates, 'BENCH', 1);
    const built = await time('build (compute + validate)', () => buildComprobante(request));
    const csd = loadCsd({ certificate, privateKey, password: EKU.password });
    const sealed = await time('seal (cadena original + RSA)', () => sealComprobante(built.comprobante, csd));
    await time('sandbox stamp (XSD, Sello, TFD)', () => pac.stamp(sealed.xml));
    process.stdout.write(`  XML size: ${(Buffer.byteLength(sealed.xml) / 1024 / 1024).toFixed(1)} MB\n`);
  } finally {
    await cleanup();
    await rm(dir, { recursive: true, force: true });
  }
}
