/**
 * A real autofactura process for the crash test (crash.test.ts): records the payments in
 * CRASH_PAYMENTS (printing `ack <externalId>` once each is durably recorded, as a webhook handler would
 * answer 200) while a worker issues them, and SIGKILLs itself at CRASH_KILL_AT:
 *
 *   stamp:N           right after the PAC's N-th answer, before anything is stored (the worst point)
 *   blob:N            right after the N-th blob write (sealed XML, stamped XML, PDF)
 *   invoice-create:N  right after the N-th invoice record is created
 *   invoice-update:N  right after the N-th invoice record update
 *   payment-update:N  right after the N-th payment update
 *   job-complete:N    right after the N-th job is marked done
 *   time:MS           MS milliseconds after start, wherever it is
 *
 * Without CRASH_KILL_AT it records everything and works jobs until none is open, then exits 0.
 */
import { readFileSync } from 'node:fs';
import { createAutofactura } from '../../../../core/src/automation/index.js';
import type { PaymentInput } from '../../../../core/src/automation/types.js';
import { createMailer } from '../../../../core/src/notify/mailer.js';
import type { Pac } from '../../../../core/src/pac/port.js';
import { createSandboxPac } from '../../../../core/src/pac/sandbox/index.js';
import { openPostgresStore } from '../../../../core/src/store/postgres/index.js';
import type { Store } from '../../../../core/src/store/types.js';
import { testSecretBox } from '../harness.js';

const env = process.env;
const [killOp, killArg] = (env.CRASH_KILL_AT ?? '').split(':') as [string, string | undefined];
const killN = Number(killArg ?? 0);
const counts = new Map<string, number>();

function reached(op: string): void {
  const n = (counts.get(op) ?? 0) + 1;
  counts.set(op, n);
  if (op === killOp && n === killN) {
    process.stdout.write(`kill ${op}:${n}\n`);
    process.kill(process.pid, 'SIGKILL');
  }
}

function after<A extends unknown[], R>(
  op: string,
  fn: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args: A) => {
    const result = await fn(...args);
    reached(op);
    return result;
  };
}

async function openStore(): Promise<Store> {
  if (env.CRASH_STORE === 'postgres') {
    return openPostgresStore({ connectionString: env.CRASH_PG_URL as string, schema: env.CRASH_PG_SCHEMA });
  }
  const { openLowdbStore } = await import('../../../../core/src/store/lowdb/index.js');
  return openLowdbStore({ dataDir: env.CRASH_DATA_DIR as string });
}

/** Every method of a repository, bound, as a plain object (repositories may be class instances). */
function bound<T extends object>(repo: T): T {
  const out: Record<string, unknown> = {};
  for (
    let proto: object | null = repo;
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      const value = (repo as Record<string, unknown>)[key];
      if (key !== 'constructor' && typeof value === 'function' && !(key in out)) {
        out[key] = (value as (...args: unknown[]) => unknown).bind(repo);
      }
    }
  }
  return out as T;
}

const inner = await openStore();
const blobs = bound(inner.blobs);
const invoices = bound(inner.invoices);
const paymentRepo = bound(inner.payments);
const jobs = bound(inner.jobs);
const store: Store = {
  kind: inner.kind,
  merchants: bound(inner.merchants),
  customers: bound(inner.customers),
  receipts: bound(inner.receipts),
  folios: bound(inner.folios),
  events: bound(inner.events),
  webhookEndpoints: bound(inner.webhookEndpoints),
  webhookAttempts: bound(inner.webhookAttempts),
  dashboardUsers: bound(inner.dashboardUsers),
  dashboardSessions: bound(inner.dashboardSessions),
  loginThrottle: bound(inner.loginThrottle),
  blobs: { ...blobs, put: after('blob', blobs.put) },
  invoices: {
    ...invoices,
    create: after('invoice-create', invoices.create),
    update: after('invoice-update', invoices.update),
  },
  payments: { ...paymentRepo, update: after('payment-update', paymentRepo.update) },
  jobs: { ...jobs, complete: after('job-complete', jobs.complete) },
  close: () => inner.close(),
};

const sandbox = createSandboxPac({ dataDir: env.CRASH_PAC_DIR as string });
const pac: Pac = {
  name: sandbox.name,
  stamp: after('stamp', (xml: string) => sandbox.stamp(xml)),
  cancel: (request) => sandbox.cancel(request),
  status: (request) => sandbox.status(request),
};
const af = createAutofactura({
  store,
  pac,
  mailer: createMailer({ outboxDir: env.CRASH_OUTBOX as string }),
  secrets: testSecretBox(Buffer.from(env.CRASH_SECRET as string, 'hex')),
  retry: { baseMs: 30, maxMs: 200, maxAttempts: 1000 },
  leaseMs: 1_500,
  concurrency: 4,
  inlineGraceMs: 500,
});
if (killOp === 'time') setTimeout(() => process.kill(process.pid, 'SIGKILL'), killN).unref();

const merchantId = env.CRASH_MERCHANT as string;
const payments = JSON.parse(readFileSync(env.CRASH_PAYMENTS as string, 'utf8')) as PaymentInput[];
const controller = new AbortController();
const worker = af.runWorker({ signal: controller.signal, pollMs: 10 });
for (const payment of payments) {
  await af.recordPayment(merchantId, payment);
  process.stdout.write(`ack ${payment.externalId}\n`);
}
controller.abort();
await worker;

{
  // Killed runs go on working until their kill point; the final run as `autofactura jobs run` would:
  // workJobs first decides payments a crash left `recorded` (the long-running worker's sweep only
  // takes those older than 30 s), then works jobs until none is open.
  const deadline = Date.now() + 120_000;
  const FAR = '9999-12-31T00:00:00.000Z';
  do {
    if (Date.now() > deadline) throw new Error('jobs still open after 120 s');
    await af.workJobs();
    await new Promise((resolve) => setTimeout(resolve, 50));
  } while (
    (await store.jobs.countOpen(FAR)) > 0 ||
    (await store.payments.count(merchantId, { status: 'recorded' })) > 0
  );
  await store.close();
  process.stdout.write(`done ${JSON.stringify(Object.fromEntries(counts))}\n`);
}
process.exit(0);
