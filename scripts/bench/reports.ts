/**
 * Reports benchmark (#7): the monthly report and the reconciliation over a month of 1,000,000 payments on
 * PostgreSQL (and 100,000 on lowdb), seeded straight into the store in realistic proportions: 60% invoiced
 * at once (5% of all payments refunded with a credit note), 25% receipts that went into five facturas
 * globales of 50,000 receipts, 3% receipts the customer invoiced, 2% receipts left unclaimed past the
 * global (reconciliation flags them), 10% not to invoice. Seeding is not the figure; the data is dropped.
 *
 *   npm run bench -- reports [--stores postgres,lowdb] [--postgres 1000000] [--lowdb 100000]
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createContext } from '../../core/src/automation/context.js';
import { createMailer } from '../../core/src/notify/mailer.js';
import { createSandboxPac } from '../../core/src/pac/sandbox/index.js';
import { reportUseCases } from '../../core/src/reports/index.js';
import { CHUNK_SIZE } from '../../core/src/store/lowdb/chunked.js';
import { openLowdbStore } from '../../core/src/store/lowdb/index.js';
import { openPostgresStore } from '../../core/src/store/postgres/index.js';
import type { Invoice, Merchant, Payment, Receipt, Store } from '../../core/src/store/types.js';
import { testSecretBox } from '../../test/core/automation/harness.js';
import { dropSchema, freshSchema, postgresUrl } from '../../test/support/postgres.js';

const MERCHANT = 'mer_bench_reports';
const PERIOD = '2026-11';
const FROM = Date.parse('2026-11-01T06:00:00.000Z');
const TO = Date.parse('2026-12-01T06:00:00.000Z');
const GLOBAL_AT = '2026-12-01T13:00:00.000Z';
const GLOBAL_SIZE = 50_000;

interface Seeded {
  payments: Payment[];
  invoices: Invoice[];
  receipts: Receipt[];
}

const money = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
const iso = (ms: number) => new Date(ms).toISOString();

function merchantRecord(): Merchant {
  const at = iso(FROM);
  return {
    id: MERCHANT,
    rfc: 'EKU9003173C9',
    name: 'ESCUELA KEMPER URGATE',
    regime: '601',
    zip: '42501',
    csd: { certificate: '', noCertificado: '0', validFrom: at, validTo: at, key: 'v1:x', password: 'v1:x' },
    settings: {
      automation: 'auto',
      receiptDays: 7,
      reinvoiceDays: 30,
      globalPeriodicity: 'monthly',
      paymentForms: {
        card_credit: '04',
        card_debit: '28',
        cash: '01',
        transfer: '03',
        wallet: '06',
        other: '99',
      },
      defaultProduct: {
        productKey: '01010101',
        unitKey: 'H87',
        description: 'Venta',
        taxObject: '02',
        taxes: [{ type: 'IVA', rate: '0.16' }],
        taxIncluded: true,
      },
      refundPolicy: 'credit_note',
      series: { invoice: 'A', creditNote: 'NC', global: 'G' },
      lang: 'es',
    },
    branding: { tradeName: 'Bench' },
    apiKeys: [],
    secrets: {},
    createdAt: at,
    updatedAt: at,
  };
}

function invoiceRecord(
  id: string,
  folio: number,
  kind: Invoice['kind'],
  sub: number,
  at: number,
  extra: Partial<Invoice>,
): Invoice {
  const iva = (sub * 16) / 100;
  return {
    id,
    merchantId: MERCHANT,
    kind,
    type: kind === 'credit_note' ? 'E' : 'I',
    series: kind === 'credit_note' ? 'NC' : kind === 'global' ? 'G' : 'A',
    folio,
    paymentIds: [],
    receiptIds: [],
    receiverRfc: 'COSC8001137NA',
    receiverName: 'CARLOS CORTES SOTO',
    currency: 'MXN',
    subtotal: money(sub),
    total: money(sub + iva),
    fecha: iso(at - 6 * 3_600_000).slice(0, 19),
    status: 'stamped',
    history: [],
    blobs: { sealedXml: `${MERCHANT}/bench/${id}.sealed.xml`, xml: `${MERCHANT}/bench/${id}.xml` },
    uuid: `${String(folio).padStart(8, '0')}-0000-4000-8000-${kind === 'credit_note' ? '1' : kind === 'global' ? '2' : '0'}${String(folio).padStart(11, '0')}`,
    stampedAt: iso(at + 2_000),
    paymentForm: '04',
    paymentMethod: 'PUE',
    taxes: { iva: money(iva) },
    createdAt: iso(at + 1_000),
    updatedAt: iso(at + 2_000),
    ...extra,
  };
}

/** Payment i of n, with what it produced. */
function* generate(n: number): Generator<Seeded> {
  const step = Math.floor((TO - FROM) / n);
  let folio = 0;
  let noteFolio = 0;
  let globalReceipts: string[] = [];
  let globalCents = 0;
  let globals = 0;
  const closeGlobal = (): Invoice => {
    const id = `inv_global_${++globals}`;
    const sub = Math.round(globalCents / 1.16);
    const g = invoiceRecord(id, globals, 'global', 0, Date.parse(GLOBAL_AT) - 2_000, {
      receiverRfc: 'XAXX010101000',
      receiverName: 'PUBLICO EN GENERAL',
      receiptIds: globalReceipts,
      subtotal: money(sub),
      total: money(globalCents),
      taxes: { iva: money(globalCents - sub) },
      globalPeriod: { periodicity: '04', months: '11', year: 2026, from: iso(FROM), to: iso(TO) },
    });
    globalReceipts = [];
    globalCents = 0;
    return g;
  };
  for (let i = 0; i < n; i++) {
    const at = FROM + i * step;
    const sub = (100 + (i % 900)) * 100;
    const cents = sub + (sub * 16) / 100;
    const id = `pay_${i}`;
    const category = i % 100;
    const payment: Payment = {
      id,
      merchantId: MERCHANT,
      source: i % 3 === 0 ? 'api' : 'stripe',
      externalId: `ch_${i}`,
      mode: 'live',
      amount: money(cents),
      currency: 'MXN',
      paidAt: iso(at),
      method: 'card_credit',
      paymentForm: '04',
      customerInput: {},
      automation: 'auto',
      metadata: {},
      status: 'invoiced',
      refunds: [],
      createdAt: iso(at),
      updatedAt: iso(at + 2_000),
    };
    const out: Seeded = { payments: [payment], invoices: [], receipts: [] };
    const receipt = (status: Receipt['status']): Receipt => ({
      id: `rcp_${i}`,
      merchantId: MERCHANT,
      paymentId: id,
      ticket: `T${i}`,
      tokenHash: `th_${i}`,
      token: 'v1:x',
      amount: payment.amount,
      currency: 'MXN',
      paidAt: payment.paidAt,
      expiresAt: iso(Math.min(at + 7 * 86_400_000, TO)),
      status,
      createdAt: iso(at),
      updatedAt: iso(at),
    });
    if (category < 60) {
      const invoiceId = `inv_${i}`;
      payment.invoiceId = invoiceId;
      out.invoices.push(invoiceRecord(invoiceId, ++folio, 'invoice', sub, at, { paymentIds: [id] }));
      if (category < 5) {
        const noteId = `nc_${i}`;
        payment.status = 'refunded';
        payment.refunds = [
          {
            externalId: `re_${i}`,
            amount: payment.amount,
            at: iso(at + 60_000),
            invoiceId: noteId,
            outcome: 'credit_note',
          },
        ];
        out.invoices.push(
          invoiceRecord(noteId, ++noteFolio, 'credit_note', sub, at + 60_000, {
            paymentIds: [id],
            related: { relationship: '01', uuids: [out.invoices[0]!.uuid!] },
          }),
        );
      }
    } else if (category < 85) {
      payment.status = 'in_global';
      payment.receiptId = `rcp_${i}`;
      payment.globalInvoiceId = `inv_global_${globals + 1}`;
      out.receipts.push(receipt('in_global'));
      globalReceipts.push(`rcp_${i}`);
      globalCents += cents;
      if (globalReceipts.length === GLOBAL_SIZE) out.invoices.push(closeGlobal());
    } else if (category < 88) {
      const invoiceId = `inv_${i}`;
      payment.receiptId = `rcp_${i}`;
      payment.invoiceId = invoiceId;
      out.receipts.push({ ...receipt('invoiced'), invoiceId });
      out.invoices.push(
        invoiceRecord(invoiceId, ++folio, 'invoice', sub, at + 3_600_000, {
          paymentIds: [id],
          receiptIds: [`rcp_${i}`],
        }),
      );
    } else if (category < 90) {
      payment.status = 'awaiting_customer';
      payment.receiptId = `rcp_${i}`;
      out.receipts.push(receipt('expired'));
    } else {
      payment.status = 'ignored';
      payment.automation = 'none';
    }
    yield out;
  }
  if (globalReceipts.length) yield { payments: [], invoices: [closeGlobal()], receipts: [] };
}

async function seedPostgres(url: string, schema: string, n: number): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const t = (name: string) => `"${schema}"."${name}"`;
  const insert = {
    payments: `INSERT INTO ${t('payments')} (id, merchant_id, source, external_id, status, customer_id, invoice_id, amount, currency, paid_at, updated_at, data)
      SELECT d->>'id', d->>'merchantId', d->>'source', d->>'externalId', d->>'status', d->>'customerId', d->>'invoiceId',
        (d->>'amount')::numeric, d->>'currency', (d->>'paidAt')::timestamptz, d->>'updatedAt', d FROM unnest($1::jsonb[]) AS d`,
    receipts: `INSERT INTO ${t('receipts')} (id, merchant_id, payment_id, customer_id, status, token_hash, paid_at, expires_at, updated_at, data)
      SELECT d->>'id', d->>'merchantId', d->>'paymentId', d->>'customerId', d->>'status', d->>'tokenHash',
        (d->>'paidAt')::timestamptz, (d->>'expiresAt')::timestamptz, d->>'updatedAt', d FROM unnest($1::jsonb[]) AS d`,
    invoices: `INSERT INTO ${t('invoices')} (id, merchant_id, kind, type, series, folio, uuid, status, customer_id, payment_ids, total, currency, created_at, updated_at, data)
      SELECT d->>'id', d->>'merchantId', d->>'kind', d->>'type', d->>'series', (d->>'folio')::int, d->>'uuid', d->>'status', d->>'customerId',
        ARRAY(SELECT jsonb_array_elements_text(d->'paymentIds')), (d->>'total')::numeric, d->>'currency', (d->>'createdAt')::timestamptz,
        d->>'updatedAt', d FROM unnest($1::jsonb[]) AS d`,
  };
  const batch: Seeded = { payments: [], invoices: [], receipts: [] };
  const flush = async () => {
    for (const key of ['payments', 'receipts', 'invoices'] as const) {
      if (batch[key].length) await pool.query(insert[key], [batch[key].map((r) => JSON.stringify(r))]);
      batch[key] = [];
    }
  };
  try {
    for (const seeded of generate(n)) {
      batch.payments.push(...seeded.payments);
      batch.invoices.push(...seeded.invoices);
      batch.receipts.push(...seeded.receipts);
      if (batch.payments.length >= 5_000) await flush();
    }
    await flush();
    await pool.query(`ANALYZE ${t('payments')}; ANALYZE ${t('invoices')}; ANALYZE ${t('receipts')}`);
  } finally {
    await pool.end();
  }
}

/** lowdb: written in the adapter's on-disk layout while the store is closed (as the pipeline bench does). */
async function seedLowdb(dataDir: string, n: number): Promise<void> {
  const all: Seeded = { payments: [], invoices: [], receipts: [] };
  for (const seeded of generate(n)) {
    all.payments.push(...seeded.payments);
    all.invoices.push(...seeded.invoices);
    all.receipts.push(...seeded.receipts);
  }
  for (const key of ['payments', 'receipts', 'invoices'] as const) {
    const dir = join(dataDir, 'db', 'm', encodeURIComponent(MERCHANT), key);
    await mkdir(dir, { recursive: true });
    const records = all[key];
    for (let start = 0, chunk = 0; start < records.length; start += CHUNK_SIZE, chunk++) {
      await writeFile(
        join(dir, `${String(chunk).padStart(8, '0')}.json`),
        JSON.stringify(records.slice(start, start + CHUNK_SIZE)),
      );
    }
  }
}

async function time(store: Store, dir: string, label: string, n: number): Promise<void> {
  const ctx = createContext({
    store,
    pac: createSandboxPac({ dataDir: join(dir, 'pac') }),
    mailer: createMailer({ outboxDir: join(dir, 'outbox') }),
    secrets: testSecretBox(),
  });
  const reports = reportUseCases(ctx);
  for (let round = 1; round <= 2; round++) {
    let t = performance.now();
    const report = await reports.report(MERCHANT, PERIOD);
    const reportMs = performance.now() - t;
    t = performance.now();
    const rec = await reports.reconcile(MERCHANT, PERIOD);
    const reconcileMs = performance.now() - t;
    const heap = process.memoryUsage().heapUsed / 2 ** 20;
    console.log(
      `${label} ${n.toLocaleString('en')} payments, run ${round}: report ${(reportMs / 1000).toFixed(1)} s ` +
        `(includes the reconciliation), reconcile ${(reconcileMs / 1000).toFixed(1)} s, heap ${heap.toFixed(0)} MB`,
    );
    if (round === 1) {
      console.log(
        `  ${report.byKind.invoice.count} invoices ${report.byKind.invoice.total}, ${report.byKind.global.count} globals ` +
          `${report.byKind.global.total}, ${report.byKind.credit_note.count} credit notes; reconciliation: ` +
          `${rec.matched}/${rec.payments} payments matched, flags ${JSON.stringify(rec.counts)}`,
      );
    }
  }
}

export async function benchReports(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      stores: { type: 'string', default: 'postgres,lowdb' },
      postgres: { type: 'string', default: '1000000' },
      lowdb: { type: 'string', default: '100000' },
    },
  });
  for (const kind of values.stores.split(',')) {
    const n = Number(kind === 'postgres' ? values.postgres : values.lowdb);
    const dir = await mkdtemp(join(tmpdir(), `autofactura-bench-reports-${kind}-`));
    try {
      const started = performance.now();
      if (kind === 'postgres') {
        const url = process.env.DATABASE_URL ?? (await postgresUrl());
        const schema = freshSchema();
        const store = await openPostgresStore({ connectionString: url, schema });
        try {
          await store.merchants.create(merchantRecord());
          await seedPostgres(url, schema, n);
          console.log(`postgres: seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
          await time(store, dir, 'postgres', n);
        } finally {
          await store.close();
          await dropSchema(url, schema);
        }
      } else {
        const dataDir = join(dir, 'data');
        const seedStore = await openLowdbStore({ dataDir });
        await seedStore.merchants.create(merchantRecord());
        await seedStore.close();
        await seedLowdb(dataDir, n);
        const store = await openLowdbStore({ dataDir });
        console.log(`lowdb: seeded and opened in ${((performance.now() - started) / 1000).toFixed(0)} s`);
        try {
          await time(store, dir, 'lowdb', n);
        } finally {
          await store.close();
        }
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
