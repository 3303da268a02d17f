/**
 * #4: a real autofactura process killed with SIGKILL at many points while it works 200 payments —
 * between the PAC's answer and the store write, after blob writes, record updates, job completions and
 * at random times. The payments are sent again after every crash (a webhook source redelivers what was
 * not acknowledged; redelivering acknowledged ones must be harmless). At the end every payment is
 * invoiced or awaiting the customer, none twice, none lost, and every UUID the PAC stamped belongs to
 * exactly one stored invoice (nothing issued behind the merchant's back).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAutofactura } from '../../../core/src/automation/index.js';
import type { PaymentInput } from '../../../core/src/automation/types.js';
import { pacCertificatesFrom, sandboxPacCertsDir } from '../../../core/src/cfdi/verify/pac-certificates.js';
import { verifyCfdi } from '../../../core/src/cfdi/verify/verify-cfdi.js';
import { createMailer } from '../../../core/src/notify/mailer.js';
import { createSandboxPac } from '../../../core/src/pac/sandbox/index.js';
import { openLowdbStore } from '../../../core/src/store/lowdb/index.js';
import { openPostgresStore } from '../../../core/src/store/postgres/index.js';
import type { Invoice, Store } from '../../../core/src/store/types.js';
import { EKU } from '../../support/oracles.js';
import { dropSchema, freshSchema, postgresUrl } from '../../support/postgres.js';
import { CARLOS, testSecretBox } from './harness.js';

const CHILD = new URL('./crash/child.ts', import.meta.url).pathname;
const PAYMENTS = 200;
const KILLS = [
  'stamp:3',
  'invoice-update:9',
  'blob:25',
  'payment-update:30',
  'stamp:12',
  'job-complete:20',
  'invoice-create:15',
  'time:2500',
  'stamp:5',
  'time:4000',
  'blob:4',
  'stamp:2',
];

interface Setup {
  kind: 'lowdb' | 'postgres';
  env: Record<string, string>;
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

function payments(): PaymentInput[] {
  return Array.from({ length: PAYMENTS }, (_, i) => ({
    source: 'stripe',
    externalId: `pi_crash_${i}`,
    amount: `${100 + i}.${String(i % 100).padStart(2, '0')}`,
    method: i % 2 ? 'card_credit' : 'card_debit',
    customer:
      i % 3 === 0
        ? { email: `anon${i}@example.com`, externalId: `cus_anon_${i}` }
        : { ...CARLOS, email: `carlos${i % 7}@example.com`, externalId: `cus_${i % 7}` },
  }));
}

function run(
  env: Record<string, string>,
): Promise<{ code: number | null; signal: string | null; acks: string[]; killedAt: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code !== 0 && signal !== 'SIGKILL') reject(new Error(`child failed (${code}):\n${err}`));
      else
        resolve({
          code,
          signal,
          killedAt: /^kill (\S+)$/m.exec(out)?.[1] ?? '',
          acks: out
            .split('\n')
            .filter((line) => line.startsWith('ack '))
            .map((line) => line.slice(4)),
        });
    });
  });
}

async function crashAndRecover(setup: Setup): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), `autofactura-crash-${setup.kind}-`));
  const pacDir = join(dir, 'pac');
  const secret = randomBytes(32);
  const paymentsFile = join(dir, 'payments.json');
  await writeFile(paymentsFile, JSON.stringify(payments()));
  let merchantId: string;
  {
    const store = await setup.open();
    const af = createAutofactura({
      store,
      pac: createSandboxPac({ dataDir: pacDir }),
      mailer: createMailer({ outboxDir: join(dir, 'outbox') }),
      secrets: testSecretBox(secret),
    });
    const created = await af.createMerchant({
      certificate: await readFile(EKU.cer),
      privateKey: await readFile(EKU.key),
      password: EKU.password,
      regime: '601',
      zip: '42501',
      branding: { tradeName: 'Escuela Kemper' },
    });
    merchantId = created.merchant.id;
    await store.close();
  }
  const env = {
    ...setup.env,
    CRASH_PAC_DIR: pacDir,
    CRASH_OUTBOX: join(dir, 'outbox'),
    CRASH_SECRET: secret.toString('hex'),
    CRASH_MERCHANT: merchantId,
    CRASH_PAYMENTS: paymentsFile,
  };

  const acked = new Set<string>();
  let killed = 0;
  let stampKills = 0;
  for (const kill of KILLS) {
    const result = await run({ ...env, CRASH_KILL_AT: kill });
    for (const id of result.acks) acked.add(id);
    if (result.signal === 'SIGKILL') killed++;
    if (result.signal === 'SIGKILL' && result.killedAt.startsWith('stamp:')) stampKills++;
  }
  assert.ok(killed >= 6, `only ${killed} of ${KILLS.length} runs reached their kill point`);
  assert.ok(stampKills >= 2, `only ${stampKills} runs died between the PAC's answer and the store write`);
  const final = await run(env);
  assert.equal(final.code, 0);
  for (const id of final.acks) acked.add(id);
  assert.equal(acked.size, PAYMENTS);

  const store = await setup.open();
  try {
    const all = [];
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = await store.payments.list(merchantId, { limit: 100, ...(cursor ? { cursor } : {}) });
      all.push(...page.items);
      cursor = page.next;
    }
    assert.equal(all.length, PAYMENTS, 'one payment per external id, none lost');
    assert.equal(new Set(all.map((p) => p.externalId)).size, PAYMENTS);

    const invoices: Invoice[] = [];
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = await store.invoices.list(merchantId, { limit: 100, ...(cursor ? { cursor } : {}) });
      invoices.push(...page.items);
      cursor = page.next;
    }
    const live = invoices.filter((i) => i.status === 'stamped');
    const folios = live.map((i) => `${i.series}-${i.folio}`);
    assert.equal(new Set(folios).size, folios.length, 'folios unique');

    const certs = pacCertificatesFrom([sandboxPacCertsDir(pacDir)]);
    for (const payment of all) {
      assert.ok(
        payment.status === 'invoiced' || payment.status === 'awaiting_customer',
        `${payment.externalId} ended ${payment.status} ${JSON.stringify(payment.failure ?? '')}`,
      );
      const covering = live.filter((i) => i.paymentIds.includes(payment.id));
      if (payment.status === 'invoiced') {
        assert.equal(covering.length, 1, `${payment.externalId} has ${covering.length} live invoices`);
        assert.equal(payment.invoiceId, covering[0]!.id);
      } else {
        assert.equal(covering.length, 0, `${payment.externalId} awaits the customer but has an invoice`);
        assert.ok(payment.receiptId, `${payment.externalId} awaits the customer without a receipt`);
      }
    }
    const fiscal = all.filter(
      (p) => !p.externalId.endsWith('_0') && Number(p.externalId.split('_').pop()) % 3 !== 0,
    );
    assert.ok(
      fiscal.every((p) => p.status === 'invoiced'),
      'every payment with fiscal data is invoiced',
    );

    // Every CFDI the PAC stamped is one stored invoice: nothing was issued twice or behind our back.
    const stampedAtPac = (await readdir(join(pacDir, 'pac-sandbox', 'cfdi')))
      .filter((f) => f.endsWith('.xml'))
      .map((f) => f.slice(0, -4))
      .sort();
    const liveUuids = new Set(live.map((i) => i.uuid as string));
    const unknown = [];
    for (const uuid of stampedAtPac.filter((u) => !liveUuids.has(u))) {
      const xml = await readFile(join(pacDir, 'pac-sandbox', 'cfdi', `${uuid}.xml`), 'utf8');
      const folio = Number(/ Folio="(\d+)"/.exec(xml)?.[1]);
      const series = / Serie="([^"]*)"/.exec(xml)?.[1] ?? '';
      const invoice = invoices.find((i) => i.series === series && i.folio === folio);
      const payment = invoice && all.find((p) => invoice.paymentIds.includes(p.id));
      unknown.push({
        uuid,
        series,
        folio,
        invoice,
        payment: payment && { status: payment.status, invoiceId: payment.invoiceId },
      });
    }
    assert.deepEqual(unknown, [], 'CFDI stamped at the PAC that are not a live stored invoice');
    assert.equal(stampedAtPac.length, live.length);
    for (const invoice of live.slice(0, 20)) {
      const xml = await store.blobs.get(invoice.blobs.xml as string);
      assert.ok(xml, `stamped XML of ${invoice.id}`);
      assert.equal(verifyCfdi(xml, { pacCertificates: certs }).ok, true);
    }
  } finally {
    await store.close();
    await setup.cleanup();
    await rm(dir, { recursive: true, force: true });
  }
}

describe('automation: SIGKILL at any point while working 200 payments (#4)', function () {
  this.timeout(600_000);

  it('on lowdb: after restarts every payment is invoiced or awaiting the customer, none twice', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'autofactura-crash-lowdb-data-'));
    await crashAndRecover({
      kind: 'lowdb',
      env: { CRASH_STORE: 'lowdb', CRASH_DATA_DIR: dataDir },
      open: () => openLowdbStore({ dataDir }),
      cleanup: () => rm(dataDir, { recursive: true, force: true }),
    });
  });

  it('on PostgreSQL: after restarts every payment is invoiced or awaiting the customer, none twice', async () => {
    const url = await postgresUrl();
    const schema = freshSchema();
    await crashAndRecover({
      kind: 'postgres',
      env: { CRASH_STORE: 'postgres', CRASH_PG_URL: url, CRASH_PG_SCHEMA: schema },
      open: () => openPostgresStore({ connectionString: url, schema }),
      cleanup: () => dropSchema(url, schema),
    });
  });
});
