/** Contract: invoices (unique series/folio and UUID, compare-and-set) and folio allocation. */
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import {
  allPages,
  at,
  ids,
  invoice,
  newMerchant,
  rejectsWithCode,
  rid,
  type StoreRef,
  T0,
} from './fixtures.js';

export function invoiceContract(store: StoreRef): void {
  describe('invoices', () => {
    it('creates an invoice and finds it by id, UUID and (series, folio)', async () => {
      const m = await newMerchant(store());
      const uuid = randomUUID().toUpperCase();
      const given = invoice(m, 1, { uuid, status: 'stamped', stampedAt: T0 });
      assert.deepEqual(await store().invoices.create(given), given);
      assert.deepEqual(await store().invoices.get(m, given.id), given);
      assert.deepEqual(await store().invoices.findByUuid(m, uuid), given);
      assert.deepEqual(await store().invoices.findBySeriesFolio(m, 'A', 1), given);
      assert.equal(await store().invoices.findBySeriesFolio(m, 'A', 2), null);
      assert.equal(await store().invoices.findBySeriesFolio(m, 'B', 1), null);
      assert.equal(await store().invoices.findByUuid(m, randomUUID()), null);
      assert.equal(await store().invoices.get(m, rid('inv')), null);
      assert.equal(await store().invoices.count(m), 1);
    });

    it('refuses a duplicate (series, folio) or id with STORE_DUPLICATE, and stores nothing', async () => {
      const m = await newMerchant(store());
      const first = await store().invoices.create(invoice(m, 7));
      await rejectsWithCode(store().invoices.create(invoice(m, 7)), 'STORE_DUPLICATE');
      await rejectsWithCode(store().invoices.create(invoice(m, 8, { id: first.id })), 'STORE_DUPLICATE');
      assert.equal(await store().invoices.count(m), 1);
      assert.equal(await store().invoices.findBySeriesFolio(m, 'A', 8), null);
      // The same folio in another series, or for another merchant, is fine.
      await store().invoices.create(invoice(m, 7, { series: 'NC', kind: 'credit_note', type: 'E' }));
      const other = await newMerchant(store());
      await store().invoices.create(invoice(other, 7));
      assert.equal(await store().invoices.count(m), 2);
    });

    it('keeps exactly one of many concurrent creates of the same (series, folio)', async () => {
      const m = await newMerchant(store());
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, () => store().invoices.create(invoice(m, 3))),
      );
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      for (const r of results) {
        if (r.status === 'rejected') assert.equal((r.reason as { code?: string }).code, 'STORE_DUPLICATE');
      }
      assert.equal(await store().invoices.count(m), 1);
    });

    it('updates with compare-and-set; the UUID set by an update is found; unknown id is STORE_NOT_FOUND', async () => {
      const m = await newMerchant(store());
      const given = await store().invoices.create(invoice(m, 1));
      const uuid = randomUUID().toUpperCase();
      const stamped = await store().invoices.update(
        {
          ...given,
          status: 'stamped',
          uuid,
          blobs: { ...given.blobs, xml: 'x.xml' },
          history: [...given.history, { status: 'stamped', at: at(1) }],
          updatedAt: at(1),
        },
        given.updatedAt,
      );
      assert.equal(stamped?.status, 'stamped');
      assert.equal(stamped?.createdAt, T0);
      assert.equal((await store().invoices.findByUuid(m, uuid))?.id, given.id);
      assert.equal(await store().invoices.update({ ...given, status: 'failed' }, given.updatedAt), null);
      assert.equal((await store().invoices.get(m, given.id))?.status, 'stamped');
      await rejectsWithCode(store().invoices.update(invoice(m, 99), T0), 'STORE_NOT_FOUND');
    });

    it('refuses an update that would take another invoice’s (series, folio)', async () => {
      const m = await newMerchant(store());
      await store().invoices.create(invoice(m, 1));
      const second = await store().invoices.create(invoice(m, 2));
      await rejectsWithCode(
        store().invoices.update({ ...second, folio: 1, updatedAt: at(1) }, second.updatedAt),
        'STORE_DUPLICATE',
      );
      assert.equal((await store().invoices.findBySeriesFolio(m, 'A', 2))?.id, second.id);
    });

    it('lists by status, kind, payment and createdAt range, paging without gaps', async () => {
      const m = await newMerchant(store());
      const shared = rid('pay');
      const created: string[] = [];
      for (let i = 0; i < 17; i++) {
        const inv = await store().invoices.create(
          invoice(m, i + 1, {
            createdAt: at(i * 60),
            updatedAt: at(i * 60),
            status: i % 2 === 0 ? 'stamped' : 'sealed',
            kind: i % 4 === 3 ? 'global' : 'invoice',
            ...(i < 2 ? { paymentIds: [shared, rid('pay')] } : {}),
          }),
        );
        created.push(inv.id);
      }
      const all = await allPages((cursor) =>
        store().invoices.list(m, { limit: 4, ...(cursor ? { cursor } : {}) }),
      );
      assert.equal(all.pages, 5);
      assert.deepEqual(ids(all.items), created);
      assert.equal((await store().invoices.list(m, { status: 'stamped' })).items.length, 9);
      assert.equal((await store().invoices.list(m, { kind: 'global' })).items.length, 4);
      assert.deepEqual(
        ids((await store().invoices.list(m, { paymentId: shared })).items),
        created.slice(0, 2),
      );
      const range = await store().invoices.list(m, { from: at(5 * 60), to: at(8 * 60) });
      assert.deepEqual(ids(range.items), created.slice(5, 8));
      assert.equal(await store().invoices.count(m), 17);
    });
  });
}

export function folioContract(store: StoreRef): void {
  describe('folios', () => {
    it('hands out 1..200 with no gap or repeat under 200 concurrent allocations', async () => {
      const m = await newMerchant(store());
      const folios = await Promise.all(Array.from({ length: 200 }, () => store().folios.allocate(m, 'A')));
      assert.deepEqual(
        [...folios].sort((a, b) => a - b),
        Array.from({ length: 200 }, (_, i) => i + 1),
      );
      assert.equal(await store().folios.allocate(m, 'A'), 201);
    });

    it('keeps series and merchants independent', async () => {
      const m = await newMerchant(store());
      const other = await newMerchant(store());
      const [a, nc, otherA] = await Promise.all([
        Promise.all(Array.from({ length: 20 }, () => store().folios.allocate(m, 'A'))),
        Promise.all(Array.from({ length: 20 }, () => store().folios.allocate(m, 'NC'))),
        Promise.all(Array.from({ length: 20 }, () => store().folios.allocate(other, 'A'))),
      ]);
      const expected = Array.from({ length: 20 }, (_, i) => i + 1);
      for (const list of [a, nc, otherA]) {
        assert.deepEqual(
          [...list].sort((x, y) => x - y),
          expected,
        );
      }
    });

    it('setNext moves the counter forward, never below a folio already used', async () => {
      const m = await newMerchant(store());
      await store().folios.setNext(m, 'A', 500);
      assert.equal(await store().folios.allocate(m, 'A'), 500);
      await store().folios.setNext(m, 'A', 10);
      assert.equal(await store().folios.allocate(m, 'A'), 501);
      // A folio already on an invoice of the series counts as used.
      await store().invoices.create(invoice(m, 40, { series: 'B' }));
      await store().folios.setNext(m, 'B', 5);
      assert.equal(await store().folios.allocate(m, 'B'), 41);
      await rejectsWithCode(store().folios.setNext(m, 'A', 0), 'INVALID_FOLIO');
      await rejectsWithCode(store().folios.setNext(m, 'A', 1.5), 'INVALID_FOLIO');
    });
  });
}
