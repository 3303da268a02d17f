/** Contract: payments (idempotent create, compare-and-set, invoice claim) and receipts. */
import { strict as assert } from 'node:assert';
import {
  allPages,
  at,
  ids,
  newMerchant,
  payment,
  receipt,
  rejectsWithCode,
  rid,
  type StoreRef,
  T0,
} from './fixtures.js';

export function paymentContract(store: StoreRef): void {
  describe('payments', () => {
    it('creates a payment once per (merchant, source, externalId)', async () => {
      const m = await newMerchant(store());
      const given = payment(m);
      const first = await store().payments.createIfAbsent(given);
      assert.equal(first.created, true);
      assert.deepEqual(first.payment, given);
      const again = await store().payments.createIfAbsent({ ...given, id: rid('pay'), amount: '1.00' });
      assert.equal(again.created, false);
      assert.deepEqual(again.payment, given);
      const otherSource = await store().payments.createIfAbsent({
        ...given,
        id: rid('pay'),
        source: 'conekta',
      });
      assert.equal(otherSource.created, true);
      assert.deepEqual(await store().payments.get(m, given.id), given);
      assert.deepEqual(await store().payments.findByExternalId(m, 'stripe', given.externalId), given);
      assert.equal(await store().payments.findByExternalId(m, 'stripe', rid('ch')), null);
      assert.equal(await store().payments.get(m, rid('pay')), null);
    });

    it('creates exactly one payment when 50 concurrent calls race on the same key', async () => {
      const m = await newMerchant(store());
      const externalId = rid('ch');
      const results = await Promise.all(
        Array.from({ length: 50 }, () => store().payments.createIfAbsent(payment(m, { externalId }))),
      );
      assert.equal(results.filter((r) => r.created).length, 1);
      assert.equal(new Set(results.map((r) => r.payment.id)).size, 1);
      assert.equal(await store().payments.count(m), 1);
    });

    it('updates with compare-and-set on updatedAt; a stale writer gets null', async () => {
      const m = await newMerchant(store());
      const { payment: stored } = await store().payments.createIfAbsent(payment(m));
      const updated = await store().payments.update(
        { ...stored, status: 'issuing', updatedAt: at(1) },
        stored.updatedAt,
      );
      assert.equal(updated?.status, 'issuing');
      assert.equal(updated?.updatedAt, at(1));
      const stale = await store().payments.update({ ...stored, status: 'failed', updatedAt: at(2) }, T0);
      assert.equal(stale, null);
      assert.equal((await store().payments.get(m, stored.id))?.status, 'issuing');
    });

    it('moves updatedAt when the writer did not, so the same copy cannot win twice', async () => {
      const m = await newMerchant(store());
      const { payment: stored } = await store().payments.createIfAbsent(payment(m));
      const first = await store().payments.update({ ...stored, status: 'issuing' }, stored.updatedAt);
      assert.ok(first);
      assert.notEqual(first.updatedAt, stored.updatedAt);
      const second = await store().payments.update({ ...stored, status: 'failed' }, stored.updatedAt);
      assert.equal(second, null);
      const racers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store().payments.update({ ...first, metadata: { racer: String(i) } }, first.updatedAt),
        ),
      );
      assert.equal(racers.filter((r) => r !== null).length, 1);
    });

    it('refuses to update an unknown payment (STORE_NOT_FOUND)', async () => {
      const m = await newMerchant(store());
      await rejectsWithCode(store().payments.update(payment(m), T0), 'STORE_NOT_FOUND');
    });

    it('lets one invoice claim a payment; release clears only the same invoice', async () => {
      const m = await newMerchant(store());
      const { payment: stored } = await store().payments.createIfAbsent(payment(m));
      const claims = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store().payments.claimInvoice(m, stored.id, `inv_${i}`)),
      );
      assert.equal(claims.filter(Boolean).length, 1);
      const winner = `inv_${claims.indexOf(true)}`;
      assert.equal((await store().payments.get(m, stored.id))?.invoiceId, winner);

      await store().payments.releaseInvoice(m, stored.id, 'inv_other');
      assert.equal((await store().payments.get(m, stored.id))?.invoiceId, winner);
      await store().payments.releaseInvoice(m, stored.id, winner);
      assert.equal((await store().payments.get(m, stored.id))?.invoiceId, undefined);
      assert.equal(await store().payments.claimInvoice(m, stored.id, 'inv_next'), true);
      await rejectsWithCode(store().payments.claimInvoice(m, rid('pay'), 'inv_x'), 'STORE_NOT_FOUND');
    });

    it('reads, claims and marks many payments at once for a factura global', async () => {
      const m = await newMerchant(store());
      const other = await newMerchant(store());
      const created = [];
      for (let i = 0; i < 300; i++) {
        created.push(
          (
            await store().payments.createIfAbsent(
              payment(m, { status: 'awaiting_customer', failure: { code: 'X', message: 'x', at: T0 } }),
            )
          ).payment,
        );
      }
      const foreign = (await store().payments.createIfAbsent(payment(other))).payment;
      const ids = created.map((p) => p.id);
      assert.deepEqual(
        ids.sort(),
        (await store().payments.getMany(m, [...ids, foreign.id, rid('pay')])).map((p) => p.id).sort(),
        "unknown ids and another merchant's are left out",
      );
      assert.equal(await store().payments.claimInvoice(m, ids[0]!, 'inv_named'), true);
      const claimed = await store().payments.claimInvoiceMany(m, [...ids, foreign.id], 'glb_1');
      assert.deepEqual(
        claimed.sort(),
        ids.slice(1).sort(),
        'the one already claimed and the foreign one stay out',
      );
      assert.deepEqual(await store().payments.claimInvoiceMany(m, ids, 'glb_2'), []);
      assert.equal((await store().payments.get(other, foreign.id))?.invoiceId, undefined);

      const before = (await store().payments.get(m, ids[1]!))!;
      const marked = await store().payments.markInGlobal(m, ids, 'glb_1', at(60));
      assert.deepEqual(marked.sort(), ids.slice(1).sort());
      const after = (await store().payments.get(m, ids[1]!))!;
      assert.equal(after.status, 'in_global');
      assert.equal(after.globalInvoiceId, 'glb_1');
      assert.equal(after.invoiceId, 'glb_1');
      assert.equal(after.failure, undefined);
      assert.equal(after.updatedAt, at(60));
      assert.equal(
        await store().payments.update({ ...before, status: 'failed' }, before.updatedAt),
        null,
        'a new CAS token',
      );
      assert.equal((await store().payments.get(m, ids[0]!))?.status, 'awaiting_customer');
      assert.deepEqual(await store().payments.markInGlobal(m, ids, 'glb_1', at(61)), [], 'once');
    });

    it('keeps the claimed invoiceId when a writer with an older copy updates (invariant 1)', async () => {
      const m = await newMerchant(store());
      const { payment: stored } = await store().payments.createIfAbsent(payment(m));
      assert.equal(await store().payments.claimInvoice(m, stored.id, 'inv_won'), true);
      const current = (await store().payments.get(m, stored.id))!;
      const updated = await store().payments.update(
        { ...current, invoiceId: undefined, status: 'invoiced', updatedAt: at(5) } as typeof current,
        current.updatedAt,
      );
      assert.equal(updated?.invoiceId, 'inv_won');
      assert.equal((await store().payments.get(m, stored.id))?.invoiceId, 'inv_won');
    });

    it('lists and counts by status, paidAt range and customer, paging without gaps', async () => {
      const m = await newMerchant(store());
      const created: string[] = [];
      for (let i = 0; i < 30; i++) {
        const { payment: p } = await store().payments.createIfAbsent(
          payment(m, {
            paidAt: at(i * 60),
            status: i % 3 === 0 ? 'invoiced' : 'recorded',
            ...(i % 5 === 0 ? { customerId: 'cus_five' } : {}),
          }),
        );
        created.push(p.id);
      }
      const { items } = await allPages((cursor) =>
        store().payments.list(m, { limit: 7, ...(cursor ? { cursor } : {}) }),
      );
      assert.deepEqual(ids(items), created);
      assert.equal(await store().payments.count(m), 30);
      assert.equal(await store().payments.count(m, { status: 'invoiced' }), 10);
      assert.equal(await store().payments.count(m, { customerId: 'cus_five' }), 6);
      const range = { from: at(10 * 60), to: at(20 * 60) };
      assert.equal(await store().payments.count(m, range), 10);
      const inRange = await allPages((cursor) =>
        store().payments.list(m, { ...range, status: 'invoiced', limit: 2, ...(cursor ? { cursor } : {}) }),
      );
      assert.deepEqual(
        inRange.items.map((p) => p.paidAt),
        [12, 15, 18].map((h) => at(h * 60)),
      );
    });

    it('returns copies of payments', async () => {
      const m = await newMerchant(store());
      const given = payment(m);
      const { payment: created } = await store().payments.createIfAbsent(given);
      created.refunds.push({ externalId: 're_1', amount: '1.00', at: T0 });
      given.metadata.order = 'mutated';
      const listed = await store().payments.list(m);
      listed.items[0]!.status = 'refunded';
      const got = (await store().payments.get(m, given.id))!;
      assert.deepEqual(got.refunds, []);
      assert.equal(got.metadata.order, '1001');
      assert.equal(got.status, 'recorded');
    });
  });
}

export function receiptContract(store: StoreRef): void {
  describe('receipts', () => {
    it('creates a receipt and finds it by id, token hash (any merchant) and payment', async () => {
      const m = await newMerchant(store());
      const given = receipt(m, rid('pay'));
      assert.deepEqual(await store().receipts.create(given), given);
      assert.deepEqual(await store().receipts.get(m, given.id), given);
      assert.deepEqual(await store().receipts.findByTokenHash(given.tokenHash), given);
      assert.deepEqual(await store().receipts.findByPayment(m, given.paymentId), given);
      assert.equal(await store().receipts.findByTokenHash('00'.repeat(32)), null);
      assert.equal(await store().receipts.findByPayment(m, rid('pay')), null);
      assert.equal(await store().receipts.get(m, rid('rcpt')), null);
    });

    it('refuses a duplicate id or token hash (STORE_DUPLICATE)', async () => {
      const m = await newMerchant(store());
      const given = receipt(m, rid('pay'));
      await store().receipts.create(given);
      await rejectsWithCode(
        store().receipts.create({ ...given, tokenHash: 'ff'.repeat(32) }),
        'STORE_DUPLICATE',
      );
      const other = await newMerchant(store());
      await rejectsWithCode(
        store().receipts.create(receipt(other, rid('pay'), { tokenHash: given.tokenHash })),
        'STORE_DUPLICATE',
      );
    });

    it('updates with compare-and-set; stale writers get null; unknown id is STORE_NOT_FOUND', async () => {
      const m = await newMerchant(store());
      const given = await store().receipts.create(receipt(m, rid('pay')));
      const racers = await Promise.all(
        (['invoiced', 'voided', 'expired'] as const).map((status) =>
          store().receipts.update({ ...given, status }, given.updatedAt),
        ),
      );
      const winners = racers.filter((r) => r !== null);
      assert.equal(winners.length, 1);
      assert.notEqual(winners[0]!.updatedAt, given.updatedAt);
      assert.equal((await store().receipts.get(m, given.id))?.status, winners[0]!.status);
      await rejectsWithCode(store().receipts.update(receipt(m, rid('pay')), T0), 'STORE_NOT_FOUND');
    });

    it('takes expired, unclaimed receipts for a factura global in one step, each once', async () => {
      const m = await newMerchant(store());
      const make = async (overrides: Parameters<typeof receipt>[2]) =>
        store().receipts.create(receipt(m, rid('pay'), { expiresAt: at(10), ...overrides }));
      const due = [];
      for (let i = 0; i < 260; i++) due.push(await make({ status: i % 2 ? 'open' : 'expired' }));
      const notYet = await make({ expiresAt: at(120) });
      const invoiced = await make({ status: 'invoiced', invoiceId: 'inv_x' });
      const asked = await make({ reinvoice: { customerId: 'cus_1', requestedAt: T0 } });
      const voided = await make({ status: 'voided' });
      const all = [...due, notYet, invoiced, asked, voided].map((r) => r.id);
      const [a, b] = await Promise.all([
        store().receipts.takeForGlobal(m, all, 'glb_a', at(60)),
        store().receipts.takeForGlobal(m, all, 'glb_b', at(60)),
      ]);
      assert.deepEqual([...a, ...b].sort(), due.map((r) => r.id).sort(), 'each due receipt taken once');
      const one = (await store().receipts.get(m, due[0]!.id))!;
      assert.equal(one.status, 'in_global');
      assert.ok(['glb_a', 'glb_b'].includes(one.invoiceId!));
      assert.equal(one.updatedAt, at(60));
      assert.equal(await store().receipts.update({ ...due[0]!, status: 'voided' }, due[0]!.updatedAt), null);
      for (const r of [notYet, invoiced, asked, voided]) {
        assert.deepEqual(await store().receipts.get(m, r.id), r, `${r.status} left as it was`);
      }
    });

    it('lists by status, customer, expiry and paidAt range, paging without gaps', async () => {
      const m = await newMerchant(store());
      const created: string[] = [];
      for (let i = 0; i < 12; i++) {
        const r = await store().receipts.create(
          receipt(m, rid('pay'), {
            paidAt: at(i * 60),
            expiresAt: at(i * 60 + 30),
            status: i % 2 === 0 ? 'open' : 'invoiced',
            ...(i < 3 ? { customerId: 'cus_three' } : {}),
          }),
        );
        created.push(r.id);
      }
      const all = await allPages((cursor) =>
        store().receipts.list(m, { limit: 5, ...(cursor ? { cursor } : {}) }),
      );
      assert.deepEqual(ids(all.items), created);
      const open = await store().receipts.list(m, { status: 'open' });
      assert.equal(open.items.length, 6);
      assert.equal((await store().receipts.list(m, { customerId: 'cus_three' })).items.length, 3);
      const expiring = await store().receipts.list(m, { status: 'open', expiresBefore: at(4 * 60 + 30) });
      assert.deepEqual(
        expiring.items.map((r) => r.paidAt),
        [at(0), at(120)],
      );
      const paid = await store().receipts.list(m, { paidFrom: at(60), paidTo: at(180) });
      assert.deepEqual(ids(paid.items), created.slice(1, 3));
    });
  });
}
