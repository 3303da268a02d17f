import assert from 'node:assert/strict';
import { CARLOS, type Harness, harness } from '../automation/harness.js';
import {
  assertXsdValid,
  cents,
  DAY,
  globalsOf,
  local,
  readCfdi,
  sale,
  ticketTotals,
} from './global-harness.js';

const ANA = {
  rfc: 'PEGA800101AB1',
  name: 'ANA PEREZ GARCIA',
  taxRegime: '612',
  zip: '06600',
  cfdiUse: 'G03',
};

describe('factura global: a named invoice asked for after the global, motive 04 (#7)', function () {
  this.timeout(120_000);
  let h: Harness;
  before(async () => {
    h = await harness({ settings: { globalPeriodicity: 'monthly', receiptDays: 7, reinvoiceDays: 30 } });
  });
  after(() => h.close());

  it('cancels the global with motive 04, re-issues it without the ticket related by 04, then the named invoice', async () => {
    const m = h.merchant.id;
    const kept = await sale(h, m, '116.00', local('2026-11-05T10:00:00'));
    const asked = await sale(h, m, '232.00', local('2026-11-06T11:00:00'), { email: 'carlos@example.com' });
    const other = await sale(h, m, '58.00', local('2026-11-07T12:00:00'));
    await h.af.workJobs();
    h.advance(8 * DAY);
    const [first] = (await h.af.closeGlobal(m, { period: '2026-11' })).invoices;
    assert.equal(first!.status, 'stamped');
    assert.equal(first!.tickets.length, 3);

    // The customer comes back with their link, two weeks after the global: still within 30 days.
    h.advance(14 * DAY);
    const { invoice } = await h.af.completeReceipt(
      asked.token,
      { ...CARLOS, email: 'carlos@example.com' },
      { wait: true },
    );
    assert.equal(invoice.kind, 'invoice');
    assert.equal(invoice.status, 'stamped');
    assert.equal(invoice.receiverRfc, CARLOS.rfc);
    assert.equal(invoice.total, '232.00');

    const old = (await h.af.getInvoice(m, first!.id!))!;
    assert.equal(old.status, 'cancelled');
    assert.equal(old.cancellation?.motive, '04');
    const replacement = (await h.af.getInvoice(m, old.reissue!.replacementId))!;
    assert.equal(replacement.kind, 'global');
    assert.equal(replacement.status, 'stamped');
    assert.deepEqual(replacement.related, { relationship: '04', uuids: [old.uuid] });

    const xml = (await h.af.invoiceXml(m, replacement.id))!;
    await assertXsdValid([xml, (await h.af.invoiceXml(m, invoice.id))!]);
    assert.ok(h.verify(xml).ok);
    const cfdi = readCfdi(xml.toString());
    assert.deepEqual(cfdi.related, [{ tipo: '04', uuids: [old.uuid] }]);
    assert.equal(cfdi.global?.('Meses'), '11', 'the same period as the global it replaces');
    assert.deepEqual(
      [...ticketTotals(cfdi.conceptos).entries()].sort(),
      [
        [kept.receipt.ticket, cents('116.00')],
        [other.receipt.ticket, cents('58.00')],
      ].sort(),
    );

    const receipt = (await h.store.receipts.get(m, asked.receipt.id))!;
    assert.equal(receipt.status, 'invoiced');
    assert.equal(receipt.invoiceId, invoice.id);
    const payment = (await h.store.payments.get(m, asked.receipt.paymentId))!;
    assert.equal(payment.status, 'invoiced');
    assert.equal(payment.invoiceId, invoice.id);
    assert.equal(payment.globalInvoiceId, undefined);
    for (const s of [kept, other]) {
      const p = (await h.store.payments.get(m, s.receipt.paymentId))!;
      assert.equal(p.status, 'in_global');
      assert.equal(p.globalInvoiceId, replacement.id);
      assert.equal((await h.store.receipts.get(m, s.receipt.id))!.invoiceId, replacement.id);
    }

    // The payment's story tells it, in order.
    const story = (await h.af.getPayment(m, payment.id))!.events.map((e) => e.type);
    const at = (type: string) => story.indexOf(type);
    for (const type of [
      'receipt.in_global',
      'receipt.reinvoice_requested',
      'receipt.removed_from_global',
      'invoice.issued',
    ]) {
      assert.ok(at(type) >= 0, `${type} in ${story.join(', ')}`);
    }
    assert.ok(at('receipt.in_global') < at('receipt.reinvoice_requested'));
    assert.ok(at('receipt.reinvoice_requested') < at('receipt.removed_from_global'));
    assert.ok(at('receipt.removed_from_global') < at('invoice.issued'));
    const globalStory = (
      await h.store.events.list(m, {
        types: ['global.reissue_started', 'invoice.cancelled', 'global.reissued'],
      })
    )
      .filter((e) => e.invoiceId === old.id)
      .map((e) => e.type);
    assert.deepEqual(globalStory, ['global.reissue_started', 'invoice.cancelled', 'global.reissued']);

    // Asking again changes nothing; the period's globals are the cancelled one and its replacement.
    const again = await h.af.completeReceipt(
      asked.token,
      { ...CARLOS, email: 'carlos@example.com' },
      { wait: true },
    );
    assert.equal(again.invoice.id, invoice.id);
    assert.deepEqual((await globalsOf(h, m)).map((g) => g.status).sort(), ['cancelled', 'stamped']);
    const closedAgain = await h.af.closeGlobal(m, { period: '2026-11' });
    assert.deepEqual(closedAgain.invoices, []);
  });

  it('refuses once the re-invoice window has passed, leaving the global as it was', async () => {
    const merchant = await h.newMerchant({ globalPeriodicity: 'daily', receiptDays: 1, reinvoiceDays: 3 });
    const late = await sale(h, merchant.id, '100.00', local('2026-12-08T10:00:00'));
    await h.af.workJobs();
    h.advance(2 * DAY);
    const [global] = (await h.af.closeGlobal(merchant.id, { period: '2026-12-08' })).invoices;
    h.advance(4 * DAY);
    await assert.rejects(
      h.af.completeReceipt(late.token, { ...ANA, email: 'ana@example.com' }, { wait: true }),
      (error: { code: string; message: string }) => {
        assert.equal(error.code, 'RECEIPT_IN_GLOBAL');
        assert.match(error.message, /plazo de 3 días/);
        return true;
      },
    );
    assert.equal((await h.af.getInvoice(merchant.id, global!.id!))!.status, 'stamped');
    assert.equal((await h.store.receipts.get(merchant.id, late.receipt.id))!.reinvoice, undefined);
  });

  it('takes the only ticket out: the global is cancelled with no replacement', async () => {
    const merchant = await h.newMerchant({ globalPeriodicity: 'daily', receiptDays: 1, reinvoiceDays: 30 });
    const only = await sale(h, merchant.id, '150.00', local('2026-12-09T10:00:00'));
    await h.af.workJobs();
    h.advance(2 * DAY);
    const [global] = (await h.af.closeGlobal(merchant.id, { period: '2026-12-09' })).invoices;
    const { invoice } = await h.af.completeReceipt(
      only.token,
      { ...ANA, email: 'ana@example.com' },
      { wait: true },
    );
    assert.equal(invoice.status, 'stamped');
    const old = (await h.af.getInvoice(merchant.id, global!.id!))!;
    assert.equal(old.status, 'cancelled');
    assert.equal(await h.af.getInvoice(merchant.id, old.reissue!.replacementId), null);
  });
});
