/**
 * The lowdb adapter: the shared store contract, then what only the embedded store has to prove — data
 * survives a reopen, writes touch small partition files however much is stored, one process per data
 * folder (LOCK), and a process SIGKILLed in the middle of writing loses nothing it acknowledged.
 */
import { strict as assert } from 'node:assert';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StoreError } from '../../../core/src/store/errors.js';
import { openLowdbStore } from '../../../core/src/store/lowdb/index.js';
import type { Store } from '../../../core/src/store/types.js';
import { at, customer, invoice, merchant, payment, receipt, rid } from './contract/fixtures.js';
import { storeContract } from './contract.js';
import { seedInvoices } from './lowdb/seed.js';

const tempDirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'autofactura-lowdb-'));
  tempDirs.push(dir);
  return dir;
}

after(async () => {
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

storeContract('lowdb', async () => {
  const dataDir = await tempDir();
  const store = await openLowdbStore({ dataDir });
  return { store, cleanup: () => store.close() };
});

/** Every file under `dir` with its size and mtime. */
async function files(dir: string): Promise<Map<string, { size: number; mtimeMs: number }>> {
  const found = new Map<string, { size: number; mtimeMs: number }>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const info = await stat(path);
    found.set(relative(dir, path), { size: info.size, mtimeMs: info.mtimeMs });
  }
  return found;
}

function changed(
  before: Map<string, { mtimeMs: number }>,
  after: Map<string, { mtimeMs: number }>,
): string[] {
  return [...after]
    .filter(([path, info]) => before.get(path)?.mtimeMs !== info.mtimeMs)
    .map(([path]) => path);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timePayments(store: Store, merchantId: string, n: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await store.payments.createIfAbsent(payment(merchantId));
    times.push(performance.now() - started);
  }
  return median(times);
}

describe('store: lowdb', () => {
  describe('reopening', () => {
    it('keeps every record, counter and blob after close and reopen', async () => {
      const dataDir = await tempDir();
      const m = merchant();
      m.branding = { ...m.branding, slug: 'tienda-reabierta' };
      let store = await openLowdbStore({ dataDir });
      await store.merchants.create(m);
      const cus = await store.customers.create(customer(m.id, { sourceIds: { stripe: 'cus_re' } }));
      const { payment: pay } = await store.payments.createIfAbsent(payment(m.id, { customerId: cus.id }));
      await store.payments.claimInvoice(m.id, pay.id, 'inv_re');
      const rcpt = await store.receipts.create(receipt(m.id, pay.id));
      const folio = await store.folios.allocate(m.id, 'A');
      const inv = await store.invoices.create(invoice(m.id, folio, { uuid: 'UUID-RE' }));
      const first = await store.events.append({ merchantId: m.id, paymentId: pay.id, type: 'a', data: {} });
      const { job } = await store.jobs.enqueue({
        merchantId: m.id,
        type: 'reopen',
        dedupeKey: 'k',
        payload: {},
      });
      await store.blobs.put(`${m.id}/invoices/${inv.id}.xml`, Buffer.from('<xml/>'), 'application/xml');
      await store.close();

      store = await openLowdbStore({ dataDir });
      try {
        assert.deepEqual(await store.merchants.get(m.id), m);
        assert.equal((await store.merchants.findByApiKeyPrefix(m.apiKeys[0]!.prefix))?.merchant.id, m.id);
        assert.equal((await store.merchants.findBySlug('tienda-reabierta'))?.id, m.id);
        assert.deepEqual(await store.customers.findBySourceId(m.id, 'stripe', 'cus_re'), cus);
        assert.equal(
          (await store.payments.findByExternalId(m.id, pay.source, pay.externalId))?.invoiceId,
          'inv_re',
        );
        assert.deepEqual(await store.receipts.findByTokenHash(rcpt.tokenHash), rcpt);
        assert.deepEqual(await store.invoices.findByUuid(m.id, 'UUID-RE'), inv);
        assert.equal(await store.folios.allocate(m.id, 'A'), folio + 1);
        const second = await store.events.append({ merchantId: m.id, type: 'b', data: {} });
        assert.ok(second.seq > first.seq);
        assert.deepEqual(await store.events.listByPayment(m.id, pay.id), [first]);
        assert.equal(
          (await store.jobs.enqueue({ merchantId: m.id, type: 'reopen', dedupeKey: 'k', payload: {} })).job
            .id,
          job.id,
        );
        assert.deepEqual(await store.blobs.get(`${m.id}/invoices/${inv.id}.xml`), Buffer.from('<xml/>'));
      } finally {
        await store.close();
      }
    });
  });

  describe('partitioning', () => {
    it('records a payment next to 5,000 invoices by writing one small file and no invoice file', async () => {
      const dataDir = await tempDir();
      const m = merchant();
      const invoiceDir = await seedInvoices(dataDir, m.id, 5_000);
      const store = await openLowdbStore({ dataDir });
      try {
        await store.merchants.create(m);
        assert.equal(await store.invoices.count(m.id), 5_000);
        const chunks = (await readdir(invoiceDir)).length;
        assert.equal(chunks, Math.ceil(5_000 / 256));
        await new Promise((resolve) => setTimeout(resolve, 20));
        const before = await files(join(dataDir, 'db'));

        await store.payments.createIfAbsent(payment(m.id));
        const afterPayment = await files(join(dataDir, 'db'));
        const touched = changed(before, afterPayment);
        assert.deepEqual(touched, [join('m', m.id, 'payments', '00000000.json')]);
        assert.ok(afterPayment.get(touched[0]!)!.size < 4_096, 'the payment file holds one payment');

        // A new invoice rewrites only the last invoice chunk (at most 256 invoices).
        await store.invoices.create(invoice(m.id, 5_001));
        const afterInvoice = changed(afterPayment, await files(join(dataDir, 'db')));
        assert.deepEqual(afterInvoice, [
          join('m', m.id, 'invoices', `${String(chunks - 1).padStart(8, '0')}.json`),
        ]);
      } finally {
        await store.close();
      }
    });

    it('records payments as fast with 100,000 invoices stored as with none', async function () {
      this.timeout(120_000);
      const empty = await openLowdbStore({ dataDir: await tempDir() });
      let baseline: number;
      try {
        await timePayments(empty, 'm_warmup', 5);
        baseline = await timePayments(empty, rid('m'), 25);
      } finally {
        await empty.close();
      }
      const dataDir = await tempDir();
      const m = rid('m');
      await seedInvoices(dataDir, m, 100_000);
      const store = await openLowdbStore({ dataDir });
      try {
        assert.equal(await store.invoices.count(m), 100_000);
        assert.equal((await store.invoices.findBySeriesFolio(m, 'A', 99_999))?.id, 'inv_seed_99998');
        const loaded = await timePayments(store, m, 25);
        assert.ok(
          loaded < baseline * 3 + 10,
          `payment write ${loaded.toFixed(1)} ms vs ${baseline.toFixed(1)} ms empty`,
        );
      } finally {
        await store.close();
      }
    });
  });

  describe('one process per data folder', () => {
    it('refuses a second open while the folder is in use (STORE_LOCKED), and frees it on close', async () => {
      const dataDir = await tempDir();
      const store = await openLowdbStore({ dataDir });
      await assert.rejects(openLowdbStore({ dataDir }), (error: unknown) => {
        assert.ok(error instanceof StoreError);
        assert.equal(error.code, 'STORE_LOCKED');
        assert.match(error.message, new RegExp(`proceso ${process.pid}`));
        assert.match(error.messageEn ?? '', /Only one process/);
        return true;
      });
      assert.equal((await readFile(join(dataDir, 'db', 'LOCK'), 'utf8')).trim(), String(process.pid));
      await store.close();
      await store.close();
      await assert.rejects(store.payments.createIfAbsent(payment(rid('m'))), { code: 'STORE_UNAVAILABLE' });
      const again = await openLowdbStore({ dataDir });
      await again.close();
    });

    it('refuses a folder locked by another live process', async () => {
      const dataDir = await tempDir();
      const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
      try {
        await (await openLowdbStore({ dataDir })).close();
        await writeFile(join(dataDir, 'db', 'LOCK'), `${other.pid}\n`);
        await assert.rejects(openLowdbStore({ dataDir }), { code: 'STORE_LOCKED' });
      } finally {
        other.kill('SIGKILL');
      }
    });

    it('takes over a lock left by a process that died', async () => {
      const dataDir = await tempDir();
      const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
      const deadPid = Number(dead.stdout.toString());
      await (await openLowdbStore({ dataDir })).close();
      await writeFile(join(dataDir, 'db', 'LOCK'), `${deadPid}\n`);
      const store = await openLowdbStore({ dataDir });
      try {
        assert.equal((await readFile(join(dataDir, 'db', 'LOCK'), 'utf8')).trim(), String(process.pid));
      } finally {
        await store.close();
      }
    });
  });

  describe('crash safety', () => {
    const child = fileURLToPath(new URL('./lowdb/crash-child.ts', import.meta.url));

    /** Runs the writer child until `killAfterMs` after its first write, SIGKILLs it, returns its acks. */
    function runAndKill(
      dataDir: string,
      merchantId: string,
      round: number,
      killAfterMs: number,
    ): Promise<string[]> {
      return new Promise((resolve, reject) => {
        const proc: ChildProcess = spawn(
          process.execPath,
          ['--import', 'tsx', child, dataDir, merchantId, String(round)],
          { stdio: ['ignore', 'pipe', 'pipe'] },
        );
        let out = '';
        let err = '';
        let armed = false;
        proc.stdout!.on('data', (data: Buffer) => {
          out += data.toString();
          if (!armed && out.includes('payment ')) {
            armed = true;
            setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
          }
        });
        proc.stderr!.on('data', (data: Buffer) => {
          err += data.toString();
        });
        proc.on('error', reject);
        proc.on('exit', (_code, signal) => {
          if (signal !== 'SIGKILL') reject(new Error(`the writer exited on its own: ${err}`));
          // Only whole lines are acknowledgements.
          else resolve(out.split('\n').slice(0, -1));
        });
      });
    }

    it('after SIGKILLs at random points, reopens consistent with every acknowledged write', async function () {
      this.timeout(180_000);
      const dataDir = await tempDir();
      const m = rid('m');
      const setup = await openLowdbStore({ dataDir });
      await setup.merchants.create(merchant(m));
      await setup.close();

      let lastSeq = 0;
      let maxFolio = 0;
      for (let round = 0; round < 4; round++) {
        const acks = await runAndKill(dataDir, m, round, 150 + Math.floor(Math.random() * 900));
        const store = await openLowdbStore({ dataDir });
        try {
          const claimed: string[] = [];
          let checked = 0;
          for (const line of acks) {
            const [what, a, b] = line.split(' ') as [string, string, string];
            checked++;
            if (what === 'payment') {
              assert.equal((await store.payments.findByExternalId(m, 'stripe', a))?.id, b, line);
            } else if (what === 'folio') {
              maxFolio = Math.max(maxFolio, Number(a));
            } else if (what === 'invoice') {
              assert.equal((await store.invoices.findBySeriesFolio(m, 'A', Number(a)))?.id, b, line);
            } else if (what === 'event') {
              assert.ok(Number(a) > lastSeq, 'event seqs only grow');
              lastSeq = Number(a);
            } else if (what === 'blob') {
              assert.ok(await store.blobs.get(a), line);
            } else if (what === 'claimed') {
              claimed.push(a);
            } else checked--;
          }
          assert.ok(checked > 5, `the writer acknowledged only ${checked} writes before the kill`);

          // Counters resume past everything handed out, and every stored event is readable in order.
          assert.ok((await store.folios.allocate(m, 'A')) > maxFolio);
          maxFolio++;
          const events = await store.events.list(m, { limit: 1000 });
          assert.ok(events.every((event, i) => i === 0 || event.seq > events[i - 1]!.seq));
          const appended = await store.events.append({ merchantId: m, type: 'after_crash', data: {} });
          assert.ok(appended.seq > lastSeq);
          lastSeq = appended.seq;

          // Jobs the dead process held come back once their lease expires.
          for (const id of claimed) {
            const job = await store.jobs.get(id);
            assert.equal(job?.status, 'running');
          }
          const reclaimed = await store.jobs.claim({
            now: at(60 * 24 * 365 * 10),
            workerId: 'survivor',
            leaseMs: 1_000,
            limit: 1_000,
            types: ['crash_test'],
          });
          const ids = new Set(reclaimed.map((job) => job.id));
          for (const id of claimed) assert.ok(ids.has(id), `job ${id} was not claimable again`);
          for (const job of reclaimed) assert.equal(await store.jobs.complete(job.id, 'survivor'), true);
        } finally {
          await store.close();
        }
      }
    });
  });
});
