import assert from 'node:assert/strict';
import { globalPeriod } from '../../../core/src/automation/periods.js';
import { type Harness, harness, nextId } from '../automation/harness.js';
import { DAY, globalsOf } from './global-harness.js';

describe('factura global: the server closes ended periods on its own (#7)', function () {
  this.timeout(120_000);
  let h: Harness;
  before(async () => {
    h = await harness({ settings: { globalPeriodicity: 'daily', receiptDays: 1 } });
  });
  after(() => h.close());

  async function sale(merchantId: string, amount: string) {
    const { receipt } = await h.af.recordPayment(merchantId, {
      source: 'api',
      externalId: nextId('pos'),
      amount,
      method: 'cash',
      customer: { email: 'mostrador@example.com' },
    });
    return receipt!;
  }

  it("marks expired receipts and issues the day's global from the worker, once", async () => {
    const monthly = await h.newMerchant({ globalPeriodicity: 'monthly', receiptDays: 1 });
    const today = await sale(h.merchant.id, '150.00');
    const thisMonth = await sale(monthly.id, '90.00');
    await h.af.workJobs();
    h.advance(2 * DAY);

    const controller = new AbortController();
    const worker = h.af.runWorker({ signal: controller.signal, pollMs: 50, closeEveryMs: 100 });
    let globals = await globalsOf(h, h.merchant.id);
    for (let i = 0; i < 200 && !globals.some((g) => g.status === 'stamped'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      globals = await globalsOf(h, h.merchant.id);
    }
    // Several more sweeps run while the worker keeps going: still one global.
    await new Promise((resolve) => setTimeout(resolve, 400));
    controller.abort();
    await worker;

    globals = await globalsOf(h, h.merchant.id);
    assert.equal(globals.length, 1);
    assert.equal(globals[0]!.status, 'stamped');
    assert.deepEqual(globals[0]!.receiptIds, [today.id]);
    assert.equal(globals[0]!.globalPeriod?.periodicity, 'daily');
    const story = (await h.af.getPayment(h.merchant.id, today.paymentId))!.events.map((e) => e.type);
    assert.ok(
      story.indexOf('receipt.expired') >= 0 &&
        story.indexOf('receipt.expired') < story.indexOf('receipt.in_global'),
      story.join(', '),
    );

    // The monthly merchant's receipt expired too, but its month has not ended: no global yet.
    const expired = (await h.store.receipts.get(monthly.id, thisMonth.id))!;
    assert.equal(expired.status, 'expired');
    const periodEnd = globalPeriod(new Date(thisMonth.paidAt), 'monthly').to.getTime();
    if (periodEnd > Date.now() + 2 * DAY) assert.equal((await globalsOf(h, monthly.id)).length, 0);

    const again = await h.af.closeDueGlobals();
    assert.ok(again.every((r) => r.merchantId !== h.merchant.id || r.invoices.length === 0));
  });

  it("emails last month's report from the worker on the 1st, once", async () => {
    const merchant = await h.newMerchant({ bcc: ['contador@example.com'] });
    // 1 December 2026, 00:10 in Mexico City: November's report is due.
    h.advance(
      Date.parse('2026-12-01T00:10:00-06:00') -
        Date.parse((await h.store.merchants.get(merchant.id))!.updatedAt),
    );
    const controller = new AbortController();
    const worker = h.af.runWorker({ signal: controller.signal, pollMs: 50, closeEveryMs: 100 });
    const sent = async () =>
      (await h.mails()).filter((mail) =>
        (mail.to && !Array.isArray(mail.to) ? mail.to.text : '').includes('contador@example.com'),
      );
    for (let i = 0; i < 200 && (await sent()).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((resolve) => setTimeout(resolve, 400));
    controller.abort();
    await worker;
    const mails = await sent();
    assert.equal(mails.length, 1, 'sent once although the worker looked several times');
    assert.ok(mails[0]!.attachments.some((a) => a.filename?.endsWith('.xlsx')));
    assert.match(mails[0]!.subject ?? '', /noviembre de 2026/i);
  });
});
