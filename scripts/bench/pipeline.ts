/**
 * Pipeline benchmark (#4): on lowdb and on PostgreSQL, with 1,000 and with 100,000 invoices already
 * stored, (1) the latency to durably record one payment (recordPayment without waiting: what a webhook
 * answer waits for), p50 and p99, and (2) payments recorded and invoiced per second end to end with the
 * sandbox PAC (build, seal, stamp, PDF, email to the outbox). The stored invoices are written straight to
 * the store (a stamped-invoice record and its payment each) so that seeding 100,000 takes seconds.
 *
 *   npm run bench -- pipeline [--stores lowdb,postgres] [--stored 1000,100000] [--n 200]
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createAutofactura } from '../../core/src/automation/index.js';
import { createMailer } from '../../core/src/notify/mailer.js';
import { createSandboxPac } from '../../core/src/pac/sandbox/index.js';
import { CHUNK_SIZE } from '../../core/src/store/lowdb/chunked.js';
import { openLowdbStore } from '../../core/src/store/lowdb/index.js';
import { openPostgresStore } from '../../core/src/store/postgres/index.js';
import type { Invoice, Payment, Store } from '../../core/src/store/types.js';
import { testSecretBox } from '../../test/core/automation/harness.js';
import { EKU } from '../../test/support/oracles.js';
import { dropSchema, freshSchema, postgresUrl } from '../../test/support/postgres.js';

const CUSTOMER = {
  rfc: 'COSC8001137NA',
  name: 'CARLOS CORTES SOTO',
  taxRegime: '612',
  zip: '52000',
  cfdiUse: 'G03',
};

async function openBench(kind: string, dir: string): Promise<{ store: Store; done: () => Promise<void> }> {
  if (kind === 'lowdb') {
    const store = await openLowdbStore({ dataDir: join(dir, 'data') });
    return { store, done: () => store.close() };
  }
  const url = await postgresUrl();
  const schema = freshSchema();
  const store = await openPostgresStore({ connectionString: url, schema });
  return {
    store,
    done: async () => {
      await store.close();
      await dropSchema(url, schema);
    },
  };
}

const SEED_AT = '2026-10-15T18:00:00.000Z';

function seedInvoice(merchantId: string, i: number): Invoice {
  const at = SEED_AT;
  return {
    id: `inv_seed_${i}`,
    merchantId,
    kind: 'invoice',
    type: 'I',
    series: 'S',
    folio: i + 1,
    paymentIds: [`pay_seed_${i}`],
    receiptIds: [],
    receiverRfc: CUSTOMER.rfc,
    receiverName: CUSTOMER.name,
    currency: 'MXN',
    subtotal: '100.00',
    total: '116.00',
    fecha: '2026-10-15T12:00:00',
    status: 'stamped',
    history: [
      { status: 'sealed', at },
      { status: 'stamped', at },
    ],
    blobs: { sealedXml: `${merchantId}/seed/${i}.sealed.xml`, xml: `${merchantId}/seed/${i}.xml` },
    uuid: `${randomBytes(4).toString('hex')}-0000-4000-8000-${String(i).padStart(12, '0')}`.toUpperCase(),
    stampedAt: at,
    createdAt: at,
    updatedAt: at,
  };
}

/** lowdb: written straight in the adapter's on-disk layout while the store is closed (no 100,000 fsyncs). */
async function seedLowdb(dataDir: string, merchantId: string, count: number): Promise<void> {
  const dir = join(dataDir, 'db', 'm', encodeURIComponent(merchantId), 'invoices');
  await mkdir(dir, { recursive: true });
  for (let start = 0, chunk = 0; start < count; start += CHUNK_SIZE, chunk++) {
    const records: Invoice[] = [];
    for (let i = start; i < Math.min(count, start + CHUNK_SIZE); i++)
      records.push(seedInvoice(merchantId, i));
    await writeFile(join(dir, `${String(chunk).padStart(8, '0')}.json`), JSON.stringify(records));
  }
}

/** PostgreSQL: through the store, 16 at a time (an invoice and its payment each). */
async function seed(store: Store, merchantId: string, count: number): Promise<void> {
  const at = SEED_AT;
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < count) {
        const i = next++;
        const paymentId = `pay_seed_${i}`;
        const payment: Payment = {
          id: paymentId,
          merchantId,
          source: 'seed',
          externalId: `seed_${i}`,
          mode: 'test',
          amount: '116.00',
          currency: 'MXN',
          paidAt: at,
          method: 'card_credit',
          paymentForm: '04',
          customerInput: { ...CUSTOMER },
          automation: 'auto',
          metadata: {},
          status: 'invoiced',
          invoiceId: `inv_seed_${i}`,
          refunds: [],
          createdAt: at,
          updatedAt: at,
        };
        const invoice = seedInvoice(merchantId, i);
        await store.payments.createIfAbsent(payment);
        await store.invoices.create(invoice);
        if (i > 0 && i % 20_000 === 0)
          process.stderr.write(`  seeded ${i} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
      }
    }),
  );
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

async function benchOne(kind: string, stored: number, n: number): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), `autofactura-bench-pipeline-${kind}-`));
  let { store, done } = await openBench(kind, dir);
  try {
    const deps = {
      pac: createSandboxPac({ dataDir: join(dir, 'pac') }),
      mailer: createMailer({ outboxDir: join(dir, 'outbox') }),
      secrets: testSecretBox(),
      retry: { baseMs: 50, maxMs: 500, maxAttempts: 10 },
    };
    const { merchant } = await createAutofactura({ store, ...deps }).createMerchant({
      certificate: await readFile(EKU.cer),
      privateKey: await readFile(EKU.key),
      password: EKU.password,
      regime: '601',
      zip: '42501',
      branding: { tradeName: 'Bench' },
    });
    const seedStart = Date.now();
    if (kind === 'lowdb') {
      await done();
      await seedLowdb(join(dir, 'data'), merchant.id, stored);
      ({ store, done } = await openBench(kind, dir));
    } else {
      await seed(store, merchant.id, stored);
    }
    const seedSeconds = (Date.now() - seedStart) / 1000;
    const af = createAutofactura({ store, ...deps });

    // (1) durable record latency, one at a time.
    const latencies: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = process.hrtime.bigint();
      await af.recordPayment(merchant.id, {
        source: 'bench',
        externalId: `rec_${i}`,
        amount: '116.00',
        method: 'card_credit',
        customer: { ...CUSTOMER, email: `c${i % 20}@example.com` },
      });
      latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    const workStart = process.hrtime.bigint();
    await af.workJobs();
    const drainSeconds = Number(process.hrtime.bigint() - workStart) / 1e9;
    latencies.sort((a, b) => a - b);

    // (2) end to end: record n more and work them, timed together.
    const e2eStart = process.hrtime.bigint();
    for (let i = 0; i < n; i++) {
      await af.recordPayment(merchant.id, {
        source: 'bench',
        externalId: `e2e_${i}`,
        amount: '232.00',
        method: 'card_debit',
        customer: { ...CUSTOMER, email: `c${i % 20}@example.com` },
      });
    }
    await af.workJobs();
    const e2eSeconds = Number(process.hrtime.bigint() - e2eStart) / 1e9;
    const invoiced = await store.payments.count(merchant.id, { status: 'invoiced' });
    // lowdb is seeded with invoices only; PostgreSQL with an invoice and its payment each.
    const expected = (kind === 'lowdb' ? 0 : stored) + 2 * n;
    if (invoiced !== expected) throw new Error(`expected ${expected} invoiced payments, found ${invoiced}`);
    const invoices = await store.invoices.count(merchant.id);
    if (invoices !== stored + 2 * n)
      throw new Error(`expected ${stored + 2 * n} invoices, found ${invoices}`);
    process.stdout.write(
      `${kind.padEnd(8)} stored ${String(stored).padStart(6)} (seeded in ${seedSeconds.toFixed(1)} s): ` +
        `record p50 ${quantile(latencies, 0.5).toFixed(2)} ms, p99 ${quantile(latencies, 0.99).toFixed(2)} ms; ` +
        `invoiced ${(n / drainSeconds).toFixed(1)}/s after recording; ` +
        `recorded+invoiced ${(n / e2eSeconds).toFixed(1)}/s end to end\n`,
    );
  } finally {
    await done();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function benchPipeline(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      stores: { type: 'string', default: 'lowdb,postgres' },
      stored: { type: 'string', default: '1000,100000' },
      n: { type: 'string', default: '200' },
    },
  });
  for (const kind of values.stores.split(',')) {
    for (const stored of values.stored.split(',').map(Number)) {
      await benchOne(kind, stored, Number(values.n));
    }
  }
  // pg pools and the embedded server hold the loop open otherwise.
  process.exit(0);
}
