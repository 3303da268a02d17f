/** Contract: the event log (monotonic seq, `after` cursor) and blobs. */
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { at, newMerchant, rid, type StoreRef } from './fixtures.js';

export function eventContract(store: StoreRef): void {
  describe('events', () => {
    it('appends events with increasing seq, an id and a time', async () => {
      const m = await newMerchant(store());
      const other = await newMerchant(store());
      const paymentId = rid('pay');
      const a = await store().events.append({
        merchantId: m,
        paymentId,
        type: 'payment.received',
        data: { amount: '1160.00' },
        at: at(0),
      });
      const b = await store().events.append({ merchantId: other, type: 'payment.received', data: {} });
      const c = await store().events.append({ merchantId: m, paymentId, type: 'payment.decided', data: {} });
      assert.ok(a.seq < b.seq && b.seq < c.seq);
      assert.equal(a.at, at(0));
      assert.ok(!Number.isNaN(Date.parse(c.at)));
      assert.ok(a.id && c.id && a.id !== c.id);
      assert.deepEqual(a.data, { amount: '1160.00' });
      assert.deepEqual(await store().events.listByPayment(m, paymentId), [a, c]);
      assert.deepEqual(await store().events.listByPayment(m, rid('pay')), []);
    });

    it('appends many events at once in the given order, across chunks and merchants', async () => {
      const m = await newMerchant(store());
      const other = await newMerchant(store());
      const before = await store().events.append({ merchantId: m, type: 'payment.received', data: {} });
      const given = Array.from({ length: 600 }, (_, i) => ({
        merchantId: i % 5 === 0 ? other : m,
        paymentId: `pay_many_${i % 7}`,
        type: 'receipt.in_global',
        data: { i },
      }));
      const stored = await store().events.appendMany(given);
      assert.deepEqual(
        stored.map((e) => e.data.i),
        given.map((e) => e.data.i),
      );
      const seqs = stored.map((e) => e.seq);
      assert.ok(seqs.every((seq, i) => seq > before.seq && (i === 0 || seq > seqs[i - 1]!)));
      assert.equal(new Set(stored.map((e) => e.id)).size, 600);
      const after = await store().events.append({ merchantId: m, type: 'payment.decided', data: {} });
      assert.ok(after.seq > seqs[seqs.length - 1]!);
      const listed = await store().events.list(m, { after: before.seq, limit: 1000 });
      assert.deepEqual(
        listed.map((e) => e.data.i ?? 'after'),
        [...given.flatMap((e) => (e.merchantId === m ? [e.data.i] : [])), 'after'],
      );
      assert.equal((await store().events.list(other, { limit: 1000 })).length, 120);
      assert.equal(
        (await store().events.listByPayment(m, 'pay_many_3')).length,
        given.filter((e) => e.merchantId === m && e.paymentId === 'pay_many_3').length,
      );
      assert.deepEqual(await store().events.appendMany([]), []);
    });

    it('lists events after a cursor, oldest first, by type and up to a limit', async () => {
      const m = await newMerchant(store());
      const appended = [];
      for (let i = 0; i < 12; i++) {
        appended.push(
          await store().events.append({
            merchantId: m,
            type: i % 3 === 0 ? 'invoice.issued' : 'payment.received',
            data: { i },
          }),
        );
      }
      assert.deepEqual(await store().events.list(m), appended);
      const seqs = appended.map((e) => e.seq);
      assert.deepEqual(
        (await store().events.list(m, { after: seqs[4]! })).map((e) => e.seq),
        seqs.slice(5),
      );
      assert.deepEqual(
        (await store().events.list(m, { after: seqs[4]!, limit: 3 })).map((e) => e.seq),
        seqs.slice(5, 8),
      );
      assert.deepEqual(
        (await store().events.list(m, { types: ['invoice.issued'] })).map((e) => e.data.i),
        [0, 3, 6, 9],
      );
      assert.deepEqual(await store().events.list(m, { after: seqs[11]! }), []);
    });

    it('gives concurrent appends distinct seqs and reads them back in seq order', async () => {
      const m = await newMerchant(store());
      const appended = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          store().events.append({ merchantId: m, type: 'x', data: { i } }),
        ),
      );
      assert.equal(new Set(appended.map((e) => e.seq)).size, 50);
      const listed = await store().events.list(m, { limit: 100 });
      assert.deepEqual(
        listed.map((e) => e.seq),
        appended.map((e) => e.seq).sort((x, y) => x - y),
      );
      // Walking with `after` visits every event once.
      const walked: number[] = [];
      let after = 0;
      for (;;) {
        const page = await store().events.list(m, { after, limit: 7 });
        if (page.length === 0) break;
        walked.push(...page.map((e) => e.seq));
        after = page[page.length - 1]!.seq;
      }
      assert.deepEqual(
        walked,
        listed.map((e) => e.seq),
      );
    });
  });
}

export function blobContract(store: StoreRef): void {
  describe('blobs', () => {
    it('puts, gets, overwrites and deletes bytes exactly', async () => {
      const key = `${rid('m')}/invoices/${rid('inv')}.xml`;
      const data = Buffer.concat([Buffer.from('<?xml version="1.0"?>ñ'), randomBytes(2048)]);
      await store().blobs.put(key, data, 'application/xml');
      assert.deepEqual(await store().blobs.get(key), data);
      const replaced = Buffer.from('%PDF-1.7 replaced');
      await store().blobs.put(key, replaced, 'application/pdf');
      assert.deepEqual(await store().blobs.get(key), replaced);
      await store().blobs.delete(key);
      assert.equal(await store().blobs.get(key), null);
      await store().blobs.delete(key);
      assert.equal(await store().blobs.get(`${rid('m')}/nothing.pdf`), null);
    });

    it('keeps an empty blob and keys that differ only by a path segment apart', async () => {
      const base = rid('m');
      await store().blobs.put(`${base}/a.xml`, Buffer.alloc(0), 'application/xml');
      await store().blobs.put(`${base}/a/b.xml`, Buffer.from('b'), 'application/xml');
      assert.deepEqual(await store().blobs.get(`${base}/a.xml`), Buffer.alloc(0));
      assert.deepEqual(await store().blobs.get(`${base}/a/b.xml`), Buffer.from('b'));
    });

    it('returns a copy: changing the bytes read changes nothing stored', async () => {
      const key = `${rid('m')}/logo.png`;
      await store().blobs.put(key, Buffer.from('logo'), 'image/png');
      const read = (await store().blobs.get(key))!;
      read.fill(0);
      assert.deepEqual(await store().blobs.get(key), Buffer.from('logo'));
    });
  });
}
