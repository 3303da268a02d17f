/**
 * Contract: payments, invoices and receipts listed newest first (`order: 'desc'`, issue #5 follow-up).
 * The same cases run on the three lists: the order, paging to the end, filters, a record inserted
 * between two pages, cursors that keep their direction, and the `prev` cursor that walks back.
 */
import { strict as assert } from 'node:assert';
import type { ListOrder, Page } from '../../../../core/src/store/types.js';
import {
  allPages,
  at,
  ids,
  invoice,
  newMerchant,
  payment,
  receipt,
  rejectsWithCode,
  rid,
  type StoreRef,
} from './fixtures.js';

interface ListQuery {
  cursor?: string;
  limit?: number;
  order?: ListOrder;
}

/** One of the three lists, seen through what the cases need. */
interface Listed {
  name: string;
  /** Stores the i-th record of merchant m; returns its id. */
  create(m: string, i: number): Promise<string>;
  list(m: string, query: ListQuery & { filtered?: boolean }): Promise<Page<{ id: string }>>;
  /** Which records (by i) the `filtered` query keeps. */
  kept(i: number): boolean;
}

function lists(store: StoreRef): Listed[] {
  return [
    {
      name: 'payments',
      create: async (m, i) =>
        (
          await store().payments.createIfAbsent(
            payment(m, {
              paidAt: at((i % 4) * 60),
              status: i % 2 === 0 ? 'invoiced' : 'recorded',
              ...(i % 3 === 0 ? { customerId: 'cus_three' } : {}),
            }),
          )
        ).payment.id,
      list: (m, { filtered, ...query }) =>
        store().payments.list(
          m,
          filtered
            ? { ...query, status: 'invoiced', from: at(0), to: at(3 * 60), customerId: 'cus_three' }
            : query,
        ),
      kept: (i) => i % 2 === 0 && i % 4 !== 3 && i % 3 === 0,
    },
    {
      name: 'invoices',
      create: async (m, i) =>
        (
          await store().invoices.create(
            invoice(m, i + 1, {
              createdAt: at((i % 4) * 60),
              status: i % 2 === 0 ? 'stamped' : 'sealed',
              kind: i % 3 === 0 ? 'global' : 'invoice',
              ...(i % 5 === 0 ? { paymentIds: ['pay_five', rid('pay')] } : {}),
            }),
          )
        ).id,
      list: (m, { filtered, ...query }) =>
        store().invoices.list(
          m,
          filtered ? { ...query, status: 'stamped', kind: 'invoice', from: at(60), to: at(4 * 60) } : query,
        ),
      kept: (i) => i % 2 === 0 && i % 3 !== 0 && i % 4 !== 0,
    },
    {
      name: 'receipts',
      create: async (m, i) =>
        (
          await store().receipts.create(
            receipt(m, rid('pay'), {
              paidAt: at((i % 4) * 60),
              expiresAt: at(i * 60),
              status: i % 2 === 0 ? 'open' : 'invoiced',
              ...(i % 3 === 0 ? { customerId: 'cus_three' } : {}),
            }),
          )
        ).id,
      list: (m, { filtered, ...query }) =>
        store().receipts.list(
          m,
          filtered
            ? { ...query, status: 'open', customerId: 'cus_three', paidFrom: at(60), paidTo: at(4 * 60) }
            : query,
        ),
      kept: (i) => i % 2 === 0 && i % 3 === 0 && i % 4 !== 0,
    },
  ];
}

/** A merchant with `n` records of the list, in insertion order. */
async function seeded(list: Listed, store: StoreRef, n: number) {
  const m = await newMerchant(store());
  const created: string[] = [];
  for (let i = 0; i < n; i++) created.push(await list.create(m, i));
  return { m, created };
}

const pageOf = (list: Listed, m: string, query: ListQuery & { filtered?: boolean }) => (cursor?: string) =>
  list.list(m, { ...query, ...(cursor ? { cursor } : {}) });

export function newestFirstContract(store: StoreRef): void {
  describe('invoices of one payment newest first', () => {
    it('pages the invoices of a payment newest first, the others left out', async () => {
      const m = await newMerchant(store());
      const shared: string[] = [];
      for (let i = 0; i < 9; i++) {
        const paymentIds = i % 2 === 0 ? ['pay_shared', rid('pay')] : [rid('pay')];
        const created = await store().invoices.create(invoice(m, 100 + i, { paymentIds }));
        if (i % 2 === 0) shared.push(created.id);
      }
      const desc = await allPages((cursor) =>
        store().invoices.list(m, {
          paymentId: 'pay_shared',
          order: 'desc',
          limit: 2,
          ...(cursor ? { cursor } : {}),
        }),
      );
      assert.deepEqual(ids(desc.items), [...shared].reverse());
      assert.equal(desc.pages, 3);
    });
  });

  for (const list of lists(store)) {
    describe(`${list.name} newest first (order desc)`, () => {
      it('lists the newest first; paging to the end gives the oldest-first listing reversed', async () => {
        const { m, created } = await seeded(list, store, 11);
        const first = await list.list(m, { order: 'desc', limit: 3 });
        assert.deepEqual(ids(first.items), created.slice(-3).reverse());
        assert.equal(first.prev, undefined, 'nothing before the first page');
        const desc = await allPages(pageOf(list, m, { order: 'desc', limit: 4 }));
        const asc = await allPages(pageOf(list, m, { limit: 4 }));
        assert.deepEqual(ids(asc.items), created);
        assert.deepEqual(ids(desc.items), [...created].reverse());
        assert.equal(desc.pages, 3);
        const explicit = await allPages(pageOf(list, m, { order: 'asc', limit: 5 }));
        assert.deepEqual(ids(explicit.items), created);
      });

      it('applies the same filters newest first', async () => {
        const { m, created } = await seeded(list, store, 36);
        const expected = created.filter((_, i) => list.kept(i));
        assert.ok(expected.length >= 3, 'the filter keeps several records');
        const asc = await allPages(pageOf(list, m, { filtered: true, limit: 2 }));
        assert.deepEqual(ids(asc.items), expected);
        const desc = await allPages(pageOf(list, m, { filtered: true, order: 'desc', limit: 2 }));
        assert.deepEqual(ids(desc.items), [...expected].reverse());
        const newest = await list.list(m, { filtered: true, order: 'desc', limit: 1 });
        const second = await list.list(m, { filtered: true, order: 'desc', limit: 1, cursor: newest.next! });
        assert.deepEqual(ids(second.items), [expected.at(-2)]);
        const back = await list.list(m, { filtered: true, order: 'asc', cursor: second.prev! });
        assert.deepEqual(ids(back.items), [expected.at(-1)], 'prev keeps the filters');
      });

      it('neither repeats nor skips older records when one is inserted between pages', async () => {
        const { m, created } = await seeded(list, store, 7);
        const first = await list.list(m, { order: 'desc', limit: 3 });
        const inserted = await list.create(m, 7);
        const rest = await allPages((cursor) =>
          list.list(m, { order: 'desc', limit: 3, cursor: cursor ?? first.next! }),
        );
        assert.deepEqual([...ids(first.items), ...ids(rest.items)], [...created].reverse());
        assert.ok(!ids(rest.items).includes(inserted));
        const again = await list.list(m, { order: 'desc', limit: 1 });
        assert.deepEqual(ids(again.items), [inserted], 'a new first page starts at the newest');
      });

      it('keeps the direction of a cursor and refuses one of the other order', async () => {
        const { m, created } = await seeded(list, store, 6);
        const desc = await list.list(m, { order: 'desc', limit: 2 });
        const asc = await list.list(m, { limit: 2 });
        const continued = await list.list(m, { cursor: desc.next!, limit: 2 });
        assert.deepEqual(ids(continued.items), created.slice(2, 4).reverse());
        await rejectsWithCode(list.list(m, { cursor: desc.next!, order: 'asc' }), 'INVALID_CURSOR');
        await rejectsWithCode(list.list(m, { cursor: asc.next!, order: 'desc' }), 'INVALID_CURSOR');
        await rejectsWithCode(list.list(m, { cursor: 'bm90LWEtY3Vyc29y', order: 'desc' }), 'INVALID_CURSOR');
      });

      it('walks back with prev: the records before a page, nearest first', async () => {
        const { m, created } = await seeded(list, store, 9);
        const first = await list.list(m, { order: 'desc', limit: 3 });
        const second = await list.list(m, { order: 'desc', limit: 3, cursor: first.next! });
        assert.deepEqual(ids(second.items), created.slice(3, 6).reverse());
        const back = await list.list(m, { order: 'asc', limit: 3, cursor: second.prev! });
        assert.deepEqual(ids(back.items), created.slice(6, 9), 'the first page, oldest of it first');
        assert.equal(back.next, undefined, 'nothing newer than the first page');
        const forth = await list.list(m, { order: 'desc', limit: 3, cursor: back.prev! });
        assert.deepEqual(ids(forth.items), ids(second.items), 'prev of that page walks forward again');
      });
    });
  }
}
