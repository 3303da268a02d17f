/**
 * #4: 1,000 payments, 30% of them delivered again — some concurrently with the first delivery, some
 * right after it, some after the first was already invoiced — worked by two workers at once. Exactly one
 * live invoice or one receipt per payment; folios unique.
 */
import assert from 'node:assert/strict';
import type { PaymentInput } from '../../../core/src/automation/types.js';
import type { Invoice, Payment } from '../../../core/src/store/types.js';
import { CARLOS, type Harness, harness } from './harness.js';

const COUNT = 1_000;

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

async function everything<T>(
  list: (cursor?: string) => Promise<{ items: T[]; next?: string }>,
): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    all.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return all;
}

for (const kind of ['lowdb', 'postgres'] as const) {
  describe(`automation: 1,000 payments with 30% redelivered, on ${kind} (#4)`, function () {
    this.timeout(900_000);
    let h: Harness;
    before(async () => {
      const previous = process.env.AUTOFACTURA_TEST_STORE;
      process.env.AUTOFACTURA_TEST_STORE = kind;
      try {
        h = await harness({ concurrency: 8 });
      } finally {
        if (previous === undefined) delete process.env.AUTOFACTURA_TEST_STORE;
        else process.env.AUTOFACTURA_TEST_STORE = previous;
      }
    });
    after(() => h.close());

    it('yields exactly one live invoice or receipt per payment, with unique folios', async () => {
      const run = Date.now().toString(36);
      const inputs: PaymentInput[] = Array.from({ length: COUNT }, (_, i) => ({
        source: i % 2 ? 'stripe' : 'conekta',
        externalId: `pay_${run}_${i}`,
        amount: `${50 + (i % 400)}.${String((i * 7) % 100).padStart(2, '0')}`,
        method: (['card_credit', 'card_debit', 'cash', 'transfer'] as const)[i % 4],
        customer:
          i % 3 === 0
            ? { email: `sin-datos-${i}@example.com` }
            : { ...CARLOS, email: `carlos-${i % 25}@example.com`, externalId: `cus_${i % 25}` },
      }));
      const merchant = h.merchant.id;
      let redelivered = 0;
      await pool(inputs, 16, async (input) => {
        const i = Number(input.externalId.split('_').pop());
        if (i % 10 === 0) {
          redelivered++;
          await Promise.all([h.af.recordPayment(merchant, input), h.af.recordPayment(merchant, input)]);
        } else {
          await h.af.recordPayment(merchant, input);
          if (i % 10 === 1) {
            redelivered++;
            await h.af.recordPayment(merchant, input);
          }
        }
      });
      await Promise.all([h.af.workJobs({ workerId: 'w1' }), h.af.workJobs({ workerId: 'w2' })]);
      const late = inputs.filter((input) => Number(input.externalId.split('_').pop()) % 10 === 2);
      await pool(late, 16, async (input) => {
        redelivered++;
        const again = await h.af.recordPayment(merchant, input);
        assert.equal(again.created, false);
      });
      await Promise.all([h.af.workJobs({ workerId: 'w1' }), h.af.workJobs({ workerId: 'w2' })]);
      assert.equal(redelivered, 300);

      const payments = (
        await everything<Payment>((cursor) =>
          h.store.payments.list(merchant, { limit: 500, ...(cursor ? { cursor } : {}) }),
        )
      ).filter((p) => p.externalId.startsWith(`pay_${run}_`));
      assert.equal(payments.length, COUNT, 'one payment per delivery key');
      const invoices = await everything<Invoice>((cursor) =>
        h.store.invoices.list(merchant, { limit: 500, ...(cursor ? { cursor } : {}) }),
      );
      const live = invoices.filter((i) => i.status === 'stamped');
      const byPayment = new Map<string, number>();
      for (const invoice of live)
        for (const id of invoice.paymentIds) byPayment.set(id, (byPayment.get(id) ?? 0) + 1);
      const folios = live.map((i) => `${i.series}-${i.folio}`);
      assert.equal(new Set(folios).size, folios.length, 'no folio twice');
      assert.equal(new Set(live.map((i) => i.uuid)).size, live.length, 'no UUID twice');

      let invoiced = 0;
      let awaiting = 0;
      for (const payment of payments) {
        const i = Number(payment.externalId.split('_').pop());
        const receipt = await h.store.receipts.findByPayment(merchant, payment.id);
        if (i % 3 === 0) {
          assert.equal(payment.status, 'awaiting_customer', payment.externalId);
          assert.ok(receipt && receipt.status === 'open', `${payment.externalId} has its open receipt`);
          assert.equal(byPayment.get(payment.id) ?? 0, 0);
          awaiting++;
        } else {
          assert.equal(
            payment.status,
            'invoiced',
            `${payment.externalId}: ${JSON.stringify(payment.failure)}`,
          );
          assert.equal(byPayment.get(payment.id), 1, `${payment.externalId} has one live invoice`);
          assert.equal(receipt, null, `${payment.externalId} invoiced and without a receipt`);
          invoiced++;
        }
      }
      assert.equal(invoiced + awaiting, COUNT);
      await pool(
        payments.filter((p) => Number(p.externalId.split('_').pop()) % 10 < 3),
        16,
        async (payment) => {
          const events = await h.store.events.listByPayment(merchant, payment.id);
          assert.equal(events.filter((e) => e.type === 'payment.received').length, 1);
          assert.equal(
            events.filter((e) => e.type === 'payment.duplicate_ignored').length,
            1,
            payment.externalId,
          );
        },
      );
    });
  });
}
