/**
 * Contract: tenant isolation (invariant 6). Merchant A owns one of everything; every read, search,
 * list, count, update and claim made with merchant B's id must act as if A's records did not exist, and
 * leave them unchanged.
 */
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import {
  at,
  customer,
  invoice,
  newMerchant,
  payment,
  receipt,
  rejectsWithCode,
  rid,
  type StoreRef,
} from './fixtures.js';

export function isolationContract(store: StoreRef): void {
  describe('tenant isolation', () => {
    it('never shows or changes merchant A’s records through merchant B’s id', async () => {
      const s = store();
      const a = await newMerchant(s);
      const b = await newMerchant(s);
      const uuid = randomUUID().toUpperCase();
      const cus = await s.customers.create(
        customer(a, {
          sourceIds: { stripe: 'cus_iso' },
          fiscal: { rfc: 'LOAA800101AB1', name: 'ANA', taxRegime: '612', zip: '06000', cfdiUse: 'G03' },
        }),
      );
      const { payment: pay } = await s.payments.createIfAbsent(payment(a, { customerId: cus.id }));
      const rcpt = await s.receipts.create(receipt(a, pay.id, { customerId: cus.id }));
      const inv = await s.invoices.create(invoice(a, 1, { uuid, paymentIds: [pay.id] }));
      await s.events.append({ merchantId: a, paymentId: pay.id, type: 'payment.received', data: {} });
      await s.jobs.enqueue({ merchantId: a, type: rid('type'), dedupeKey: 'k', payload: {} });
      await s.folios.allocate(a, 'A');

      // Reads and searches.
      assert.equal(await s.customers.get(b, cus.id), null);
      assert.equal(await s.customers.findBySourceId(b, 'stripe', 'cus_iso'), null);
      assert.equal(await s.customers.findByRfc(b, 'LOAA800101AB1'), null);
      assert.equal(await s.customers.findByEmail(b, cus.email!), null);
      assert.deepEqual((await s.customers.list(b)).items, []);
      assert.equal(await s.payments.get(b, pay.id), null);
      assert.equal(await s.payments.findByExternalId(b, pay.source, pay.externalId), null);
      assert.deepEqual((await s.payments.list(b)).items, []);
      assert.deepEqual((await s.payments.list(b, { customerId: cus.id })).items, []);
      assert.equal(await s.payments.count(b), 0);
      assert.equal(await s.receipts.get(b, rcpt.id), null);
      assert.equal(await s.receipts.findByPayment(b, pay.id), null);
      assert.deepEqual((await s.receipts.list(b)).items, []);
      assert.equal(await s.invoices.get(b, inv.id), null);
      assert.equal(await s.invoices.findByUuid(b, uuid), null);
      assert.equal(await s.invoices.findBySeriesFolio(b, 'A', 1), null);
      assert.deepEqual((await s.invoices.list(b)).items, []);
      assert.deepEqual((await s.invoices.list(b, { paymentId: pay.id })).items, []);
      assert.equal(await s.invoices.count(b), 0);
      assert.deepEqual(await s.events.list(b), []);
      assert.deepEqual(await s.events.listByPayment(b, pay.id), []);
      assert.deepEqual(await s.jobs.list(b), []);

      // Writes and claims.
      await rejectsWithCode(
        s.customers.update({ ...cus, merchantId: b, name: 'B' }, cus.updatedAt),
        'STORE_NOT_FOUND',
      );
      await rejectsWithCode(
        s.payments.update({ ...pay, merchantId: b, status: 'ignored' }, pay.updatedAt),
        'STORE_NOT_FOUND',
      );
      await rejectsWithCode(s.payments.claimInvoice(b, pay.id, 'inv_b'), 'STORE_NOT_FOUND');
      await rejectsWithCode(
        s.receipts.update({ ...rcpt, merchantId: b, status: 'voided' }, rcpt.updatedAt),
        'STORE_NOT_FOUND',
      );
      await rejectsWithCode(
        s.invoices.update({ ...inv, merchantId: b, status: 'cancelled' }, inv.updatedAt),
        'STORE_NOT_FOUND',
      );
      assert.equal(await s.payments.claimInvoice(a, pay.id, 'inv_a'), true);
      await s.payments.releaseInvoice(b, pay.id, 'inv_a');
      assert.equal(await s.folios.allocate(b, 'A'), 1);
      // B may use the same external id, series and folio as A without touching A's.
      const mine = await s.payments.createIfAbsent(
        payment(b, { externalId: pay.externalId, updatedAt: at(1) }),
      );
      assert.equal(mine.created, true);
      await s.invoices.create(invoice(b, 1, { uuid }));

      // A's records are as they were.
      assert.equal((await s.customers.get(a, cus.id))?.name, cus.name);
      const aPay = await s.payments.get(a, pay.id);
      assert.equal(aPay?.status, 'recorded');
      assert.equal(aPay?.invoiceId, 'inv_a');
      assert.equal((await s.receipts.get(a, rcpt.id))?.status, 'open');
      assert.equal((await s.invoices.get(a, inv.id))?.status, 'sealed');
      assert.equal((await s.invoices.findByUuid(a, uuid))?.id, inv.id);
      assert.equal(await s.folios.allocate(a, 'A'), 2);
      assert.equal(await s.payments.count(a), 1);
    });
  });
}
