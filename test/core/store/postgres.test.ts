/**
 * The PostgreSQL adapter: the shared store contract, then what only PostgreSQL has to prove — several
 * processes (here: several Store instances, each with its own pool) at once, migrations run by many
 * processes starting together, and a connection killed in the middle of a transaction.
 */
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { StoreError } from '../../../core/src/store/errors.js';
import { Db } from '../../../core/src/store/postgres/db.js';
import { migrate, openPostgresStore } from '../../../core/src/store/postgres/index.js';
import { loadMigrations } from '../../../core/src/store/postgres/migrate.js';
import type { Merchant, Payment, Store } from '../../../core/src/store/types.js';
import { dropSchema, freshSchema, postgresUrl, withClient } from '../../support/postgres.js';
import { merchant as fixtureMerchant } from './contract/fixtures.js';
import { storeContract } from './contract.js';

const T0 = '2026-11-28T18:00:00.000Z';

/** The contract's merchant with a fixed id and an API key prefix derived from it. */
const merchant = (id: string, prefix = `af_test_${id}`): Merchant => fixtureMerchant(id, prefix);

function payment(merchantId: string, externalId: string, amount = '1160.00'): Payment {
  return {
    id: `pay_${randomBytes(8).toString('hex')}`,
    merchantId,
    source: 'stripe',
    externalId,
    mode: 'test',
    amount,
    currency: 'MXN',
    paidAt: T0,
    method: 'card_credit',
    paymentForm: '04',
    customerInput: { email: 'ana@example.com' },
    automation: 'auto',
    metadata: {},
    status: 'recorded',
    refunds: [],
    createdAt: T0,
    updatedAt: T0,
  };
}

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<StoreError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof StoreError, `expected StoreError ${code}, got ${String(error)}`);
    assert.equal(error.code, code);
    return error;
  }
  assert.fail(`expected StoreError ${code}`);
}

storeContract('postgres', async () => {
  const url = await postgresUrl();
  const schema = freshSchema();
  const store = await openPostgresStore({ connectionString: url, schema });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await dropSchema(url, schema);
    },
  };
});

describe('store: PostgreSQL', () => {
  let url: string;
  const schemas: string[] = [];
  const stores: Store[] = [];

  /** A store in a schema of its own (dropped after the file), or a second "process" on a given schema. */
  async function open(schema = freshSchema(), poolSize?: number): Promise<Store> {
    if (!schemas.includes(schema)) schemas.push(schema);
    const store = await openPostgresStore({
      connectionString: url,
      schema,
      ...(poolSize === undefined ? {} : { poolSize }),
    });
    stores.push(store);
    return store;
  }

  before(async () => {
    url = await postgresUrl();
  });

  after(async () => {
    await Promise.all(stores.map((store) => store.close()));
    for (const schema of schemas) await dropSchema(url, schema);
  });

  describe('migrations', () => {
    it('applies each migration once however many times the store is opened', async () => {
      const schema = freshSchema();
      await open(schema);
      await open(schema);
      const db = new Db({ connectionString: url, schema });
      try {
        assert.deepEqual(await migrate(db), []);
      } finally {
        await db.close();
      }
      const rows = await withClient(url, (client) =>
        client.query(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`),
      );
      assert.deepEqual(
        rows.rows.map((row) => row.version),
        (await loadMigrations()).map((migration) => migration.version),
      );
    });

    it('lets several processes start at once on an empty schema (advisory lock)', async () => {
      const schema = freshSchema();
      const opened = await Promise.all(Array.from({ length: 6 }, () => open(schema, 2)));
      assert.equal(opened.length, 6);
      const rows = await withClient(url, (client) =>
        client.query(`SELECT count(*)::int AS n FROM "${schema}".schema_migrations`),
      );
      assert.equal(rows.rows[0].n, (await loadMigrations()).length);
      await opened[0]!.merchants.create(merchant('m_start'));
      assert.equal((await opened[5]!.merchants.get('m_start'))?.id, 'm_start');
    });

    it('refuses a schema name that is not a plain identifier', async () => {
      await assert.rejects(
        openPostgresStore({ connectionString: url, schema: 'x"; DROP TABLE y; --' }),
        /no es válido/,
      );
    });
  });

  describe('two processes on one database', () => {
    let a: Store;
    let b: Store;

    before(async () => {
      const schema = freshSchema();
      a = await open(schema, 4);
      b = await open(schema, 4);
      await a.merchants.create(merchant('m_race'));
    });

    it('records a payment once when the same webhook reaches both at once', async () => {
      const attempts = Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? a : b).payments.createIfAbsent(payment('m_race', 'ch_same')),
      );
      const results = await Promise.all(attempts);
      assert.equal(results.filter((result) => result.created).length, 1);
      assert.equal(new Set(results.map((result) => result.payment.id)).size, 1);
      assert.equal(await a.payments.count('m_race'), 1);
    });

    it('never hands out the same folio twice', async () => {
      const folios = await Promise.all(
        Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? a : b).folios.allocate('m_race', 'A')),
      );
      assert.deepEqual(
        [...folios].sort((x, y) => x - y),
        Array.from({ length: 60 }, (_, i) => i + 1),
      );
    });

    it('gives a payment to one invoice only when both claim it', async () => {
      const { payment: paid } = await a.payments.createIfAbsent(payment('m_race', 'ch_claim'));
      const wins = await Promise.all([
        a.payments.claimInvoice('m_race', paid.id, 'inv_a'),
        b.payments.claimInvoice('m_race', paid.id, 'inv_b'),
      ]);
      assert.equal(wins.filter(Boolean).length, 1);
      const stored = await b.payments.get('m_race', paid.id);
      assert.equal(stored?.invoiceId, wins[0] ? 'inv_a' : 'inv_b');
    });

    it('lets one CAS update win and the other see null', async () => {
      const { payment: paid } = await a.payments.createIfAbsent(payment('m_race', 'ch_cas'));
      const results = await Promise.all([
        a.payments.update(
          { ...paid, status: 'issuing', updatedAt: '2026-11-28T18:00:01.000Z' },
          paid.updatedAt,
        ),
        b.payments.update(
          { ...paid, status: 'ignored', updatedAt: '2026-11-28T18:00:02.000Z' },
          paid.updatedAt,
        ),
      ]);
      assert.equal(results.filter((result) => result !== null).length, 1);
    });

    it('lets only one CAS update win even when both keep the same updatedAt (frozen clock)', async () => {
      const { payment: paid } = await a.payments.createIfAbsent(payment('m_race', 'ch_cas_frozen'));
      const results = await Promise.all([
        a.payments.update({ ...paid, status: 'issuing' }, paid.updatedAt),
        b.payments.update({ ...paid, status: 'ignored' }, paid.updatedAt),
      ]);
      const winners = results.filter((result) => result !== null);
      assert.equal(winners.length, 1);
      assert.notEqual(winners[0]!.updatedAt, paid.updatedAt, 'the token moved');
      assert.deepEqual(await a.payments.get('m_race', paid.id), winners[0]);
    });

    it('never gives a job to two workers', async () => {
      for (let i = 0; i < 40; i++) {
        await a.jobs.enqueue({
          merchantId: 'm_race',
          type: 'send_email',
          dedupeKey: `email:${i}`,
          payload: { i },
          runAt: T0,
        });
      }
      const claimedBy = new Map<string, string>();
      const worker = async (store: Store, workerId: string) => {
        for (;;) {
          const jobs = await store.jobs.claim({ now: T0, workerId, leaseMs: 60_000, limit: 3 });
          if (jobs.length === 0) return;
          for (const job of jobs) {
            assert.equal(
              claimedBy.get(job.id),
              undefined,
              `${job.id} claimed by ${claimedBy.get(job.id)} and ${workerId}`,
            );
            claimedBy.set(job.id, workerId);
            assert.equal(await store.jobs.complete(job.id, workerId), true);
          }
        }
      };
      await Promise.all([worker(a, 'a1'), worker(a, 'a2'), worker(b, 'b1'), worker(b, 'b2')]);
      assert.equal(claimedBy.size, 40);
      assert.ok(new Set(claimedBy.values()).size > 1, 'the work was shared');
    });

    it('lets a reader following the event cursor see every event both append', async () => {
      const total = 120;
      let writing = true;
      const seen: number[] = [];
      const reader = (async () => {
        let after = 0;
        while (writing || seen.length < total) {
          // Whether every append had committed before this query began: only then does an empty
          // answer mean the reader has seen everything.
          const finished = !writing;
          const batch = await a.events.list('m_race', { after, limit: 1000, types: ['feed.test'] });
          for (const event of batch) seen.push(event.seq);
          after = batch.at(-1)?.seq ?? after;
          if (finished && batch.length === 0) break;
        }
      })();
      await Promise.all(
        Array.from({ length: total }, (_, i) =>
          (i % 2 === 0 ? a : b).events.append({ merchantId: 'm_race', type: 'feed.test', data: { i } }),
        ),
      );
      writing = false;
      await reader;
      assert.equal(seen.length, total, 'no event skipped by the cursor');
      assert.deepEqual(
        seen,
        [...seen].sort((x, y) => x - y),
      );
    });

    it('enqueues one job when both enqueue the same key at once', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 === 0 ? a : b).jobs.enqueue({
            merchantId: 'm_race',
            type: 'stamp',
            dedupeKey: 'stamp:1',
            payload: {},
          }),
        ),
      );
      assert.equal(results.filter((result) => result.created).length, 1);
      assert.equal(new Set(results.map((result) => result.job.id)).size, 1);
    });
  });

  describe('failures', () => {
    it('leaves nothing half-written when the connection dies inside a transaction', async () => {
      const schema = freshSchema();
      const store = await open(schema, 1);
      const blocker = new pg.Client({ connectionString: url });
      await blocker.connect();
      try {
        // Hold api_keys so merchants.create stops after inserting the merchant row, mid-transaction.
        await blocker.query('BEGIN');
        await blocker.query(`LOCK TABLE "${schema}".api_keys IN ACCESS EXCLUSIVE MODE`);
        const creating = store.merchants.create(merchant('m_half'));
        const caught = rejectsWith(creating, 'STORE_UNAVAILABLE');
        let pid: number | undefined;
        for (let i = 0; i < 100 && pid === undefined; i++) {
          // Inside the blocker's transaction pg_stat_activity is a snapshot taken at its first read:
          // clear it, or every poll sees the state of the first one.
          await blocker.query('SELECT pg_stat_clear_snapshot()');
          const { rows } = await blocker.query(
            `SELECT pid FROM pg_stat_activity
             WHERE wait_event_type = 'Lock' AND query LIKE '%api_keys%' AND pid <> pg_backend_pid()`,
          );
          pid = rows[0]?.pid;
          if (pid === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
        }
        assert.ok(pid, 'the transaction reached the locked table');
        await blocker.query('SELECT pg_terminate_backend($1)', [pid]);
        await blocker.query('ROLLBACK');
        const error = await caught;
        assert.equal(error.retriable, true);
        assert.match(error.message, /PostgreSQL/);
        assert.ok(error.messageEn);
      } finally {
        await blocker.end();
      }
      assert.equal(await store.merchants.get('m_half'), null);
      // The pool replaced the dead connection: the retry succeeds.
      await store.merchants.create(merchant('m_half'));
      assert.equal((await store.merchants.findByApiKeyPrefix('af_test_m_half'))?.merchant.id, 'm_half');
    });

    it('stores nothing of a merchant whose API key prefix is taken (one transaction)', async () => {
      const store = await open();
      await store.merchants.create(merchant('m_first', 'af_test_taken'));
      const error = await rejectsWith(
        store.merchants.create(merchant('m_second', 'af_test_taken')),
        'STORE_DUPLICATE',
      );
      assert.match(error.message, /llave de API/);
      assert.equal(await store.merchants.get('m_second'), null);
      assert.equal((await store.merchants.findByApiKeyPrefix('af_test_taken'))?.merchant.id, 'm_first');
    });

    it('reports an unreachable server as STORE_UNAVAILABLE, retriable, in Spanish and English', async () => {
      const error = await rejectsWith(
        openPostgresStore({
          connectionString: 'postgresql://postgres@127.0.0.1:1/test',
          schema: freshSchema(),
        }),
        'STORE_UNAVAILABLE',
      );
      assert.equal(error.retriable, true);
      assert.match(error.message, /No se pudo usar la base de datos PostgreSQL/);
      assert.match(error.messageEn ?? '', /PostgreSQL could not be used/);
    });
  });

  describe('values', () => {
    let store: Store;
    before(async () => {
      store = await open();
      await store.merchants.create(merchant('m_values'));
    });

    it('returns money as the exact decimal strings it was given', async () => {
      const amounts = ['1160.00', '0.000001', '99999999999999.99', '1000.10'];
      for (const [i, amount] of amounts.entries()) {
        const { payment: stored } = await store.payments.createIfAbsent(
          payment('m_values', `ch_money_${i}`, amount),
        );
        assert.equal(stored.amount, amount);
        assert.equal((await store.payments.get('m_values', stored.id))?.amount, amount);
      }
    });

    it('keeps every byte of a blob', async () => {
      const data = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
      await store.blobs.put('m_values/invoices/x.pdf', data, 'application/pdf');
      assert.deepEqual(await store.blobs.get('m_values/invoices/x.pdf'), data);
    });

    it('returns job and event times as ISO strings with milliseconds', async () => {
      const { job } = await store.jobs.enqueue({
        merchantId: 'm_values',
        type: 'send_email',
        dedupeKey: 'times',
        payload: { n: 1 },
        runAt: '2026-11-28T18:00:00.123Z',
      });
      assert.equal(job.runAt, '2026-11-28T18:00:00.123Z');
      assert.match(job.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      const event = await store.events.append({
        merchantId: 'm_values',
        type: 'payment.received',
        data: {},
        at: T0,
      });
      assert.equal(event.at, T0);
      assert.equal(typeof event.seq, 'number');
    });
  });
});
