/**
 * A month of synthetic activity (#7), lived day by day on the pipeline's clock through November 2026:
 * invoiced at once, self-invoiced, receipts that expire into the factura global, refunds (credit note,
 * voided receipt), a cancellation, a customer who asks for their invoice after the global (motive 04), and
 * a few anomalies planted on purpose. Then: the global holds exactly the expired unclaimed receipts; the
 * month's and the next month's report totals equal sums over the stored CFDIs read from their XML by the
 * test; reconciliation flags exactly the planted anomalies.
 */
import assert from 'node:assert/strict';
import type { ReconciliationFlag } from '../../../core/src/reports/types.js';
import type { Invoice } from '../../../core/src/store/types.js';
import { CARLOS, type Harness, harness, nextId } from '../automation/harness.js';
import { fromCents, xmlFigures } from '../reports/xml-figures.js';
import { assertXsdValid, globalsOf, local, readCfdi, tokenOf } from './global-harness.js';

const ANA = {
  rfc: 'PEGA800101AB1',
  name: 'ANA PEREZ GARCIA',
  taxRegime: '612',
  zip: '06600',
  cfdiUse: 'G03',
};

describe('factura global and reports over a month of activity (#7)', function () {
  this.timeout(300_000);
  let h: Harness;
  const m = () => h.merchant.id;
  /** Moves the pipeline's (and the PAC's) clock to a local wall time of Mexico City. */
  const at = (wall: string) => h.advance(Date.parse(local(wall)) - now());
  let now: () => number;

  before(async () => {
    h = await harness({
      settings: {
        globalPeriodicity: 'monthly',
        receiptDays: 7,
        reinvoiceDays: 30,
        refundPolicy: 'credit_note',
      },
    });
    let offset = 0;
    const base = h.advance.bind(h);
    h.advance = (ms: number) => {
      offset += ms;
      base(ms);
    };
    now = () => Date.now() + offset;
  });
  after(() => h.close());

  async function pay(amount: string, options: { fiscal?: typeof CARLOS; email?: string } = {}) {
    const result = await h.af.recordPayment(
      m(),
      {
        source: 'stripe',
        externalId: nextId('ch'),
        amount,
        method: 'card_credit',
        customer: {
          email: options.email ?? `${nextId('c')}@example.com`,
          ...(options.fiscal ?? {}),
        },
      },
      { wait: true },
    );
    return result;
  }

  it('lives November 2026 and reconciles it', async () => {
    at('2026-11-02T10:00:00');
    const invoicedAtOnce = await pay('1160.00', { fiscal: CARLOS, email: 'carlos@example.com' });
    assert.equal(invoicedAtOnce.payment.status, 'invoiced');

    at('2026-11-03T11:00:00');
    const selfInvoiced = await pay('580.00', { email: 'ana@example.com' });
    at('2026-11-05T18:00:00');
    await h.af.completeReceipt(
      tokenOf(selfInvoiced.receipt!.url),
      { ...ANA, email: 'ana@example.com' },
      { wait: true },
    );

    at('2026-11-06T12:00:00');
    const expires = await pay('116.00');
    at('2026-11-08T12:00:00');
    const asksLate = await pay('348.00', { email: 'luis@example.com' });

    at('2026-11-10T12:00:00');
    const refunded = await pay('2320.00', { fiscal: CARLOS, email: 'carlos@example.com' });
    at('2026-11-12T12:00:00');
    await h.af.recordRefund(
      m(),
      {
        source: 'stripe',
        paymentExternalId: refunded.payment.externalId,
        refundExternalId: nextId('re'),
        amount: '2320.00',
      },
      { wait: true },
    );

    at('2026-11-14T12:00:00');
    const cancelled = await pay('464.00', { fiscal: CARLOS, email: 'carlos@example.com' });
    await h.af.cancelInvoice(m(), cancelled.invoice!.id, { motive: '02' }, { wait: true });

    at('2026-11-15T12:00:00');
    const voided = await pay('80.00');
    await h.af.recordRefund(
      m(),
      {
        source: 'stripe',
        paymentExternalId: voided.payment.externalId,
        refundExternalId: nextId('re'),
        amount: '80.00',
      },
      { wait: true },
    );

    at('2026-11-20T12:00:00');
    const altered = await pay('232.00', { fiscal: CARLOS, email: 'carlos@example.com' });
    at('2026-11-29T20:00:00');
    const lastDays = await pay('99.00');
    await h.af.workJobs();

    // Planted: what the payment says no longer matches its invoice (a gateway amount changed by hand).
    const p = (await h.store.payments.get(m(), altered.payment.id))!;
    await h.store.payments.update(
      { ...p, amount: '240.00', updatedAt: new Date(now()).toISOString() },
      p.updatedAt,
    );

    // The period closes; the scheduler's job runs the next morning.
    at('2026-12-01T06:30:00');
    const closed = await h.af.closeDueGlobals();
    const globals = closed.flatMap((r) => r.invoices);
    assert.equal(globals.length, 1);
    const global = globals[0]!;
    assert.equal(global.status, 'stamped');
    assert.deepEqual(
      [...global.receipts].sort(),
      [expires.receipt!.id, asksLate.receipt!.id, lastDays.receipt!.id].sort(),
      'exactly the receipts that expired unclaimed',
    );
    const globalXml = (await h.af.invoiceXml(m(), global.id!))!;
    await assertXsdValid([globalXml]);
    assert.ok(h.verify(globalXml).ok);
    assert.equal(readCfdi(globalXml.toString()).global?.('Meses'), '11');

    // A customer comes back for their own invoice after the global.
    at('2026-12-03T10:00:00');
    const late = await h.af.completeReceipt(
      tokenOf(asksLate.receipt!.url),
      { ...CARLOS, email: 'luis@example.com' },
      { wait: true },
    );
    assert.equal(late.invoice.status, 'stamped');

    // Planted: a November sale recorded late (a backfill) whose receipt expired and never reached a global.
    at('2026-12-04T10:00:00');
    const backfill = await h.af.recordPayment(m(), {
      source: 'stripe',
      externalId: nextId('late'),
      amount: '150.00',
      paidAt: local('2026-11-28T12:00:00'),
      method: 'cash',
      customer: { email: 'tarde@example.com' },
    });
    assert.ok(backfill.receipt);
    at('2026-12-15T10:00:00');

    // Reports of November and December: totals equal the sums over the stored CFDIs read from their XML.
    for (const period of ['2026-11', '2026-12']) {
      const report = await h.af.reports.report(m(), period);
      const docs = await documentsStampedIn(report.period.from, report.period.to);
      for (const kind of ['invoice', 'global', 'credit_note'] as const) {
        const live = docs.filter((d) => d.invoice.kind === kind && d.invoice.status !== 'cancelled');
        const sum = (f: keyof ReturnType<typeof xmlFigures>) =>
          fromCents(live.reduce((s, d) => s + (xmlFigures(d.xml)[f] as bigint), 0n));
        assert.equal(report.byKind[kind].count, live.length, `${period} ${kind} count`);
        assert.equal(report.byKind[kind].total, sum('total'), `${period} ${kind} total`);
        assert.equal(report.byKind[kind].subtotal, sum('subtotal'), `${period} ${kind} subtotal`);
        assert.equal(report.byKind[kind].iva, sum('iva'), `${period} ${kind} IVA`);
      }
      const cancelledThere = docs.filter((d) => d.invoice.status === 'cancelled').length;
      assert.equal(report.cancellations.count, cancelledThere, `${period} cancellations`);
    }
    const november = await h.af.reports.report(m(), '2026-11');
    // Invoiced by their customers: the one self-invoiced in time and the one taken out of the global.
    assert.equal(november.receipts.invoicedByCustomer.count, 2);
    assert.equal(november.receipts.inGlobal.count, 2);
    assert.equal(november.receipts.voided.count, 1);

    // Reconciliation of November: exactly the planted anomalies, and the cancelled invoice's payment.
    const reconciliation = await h.af.reports.reconcile(m(), '2026-11');
    const brief = (flags: ReconciliationFlag[]) =>
      flags.map((f) => `${f.kind}:${f.paymentId ?? f.receiptId ?? f.invoiceId}`).sort();
    assert.deepEqual(
      brief(reconciliation.flags),
      [
        `amount_mismatch:${altered.payment.id}`,
        `global_missing:${backfill.payment.id}`,
        `payment_without_document:${cancelled.payment.id}`,
      ].sort(),
      JSON.stringify(reconciliation.flags, null, 1),
    );
    for (const flag of reconciliation.flags)
      assert.ok(flag.message.length > 20 && flag.messageEn.length > 20);
    assert.deepEqual((await globalsOf(h, m())).map((g) => g.status).sort(), ['cancelled', 'stamped']);
  });

  async function documentsStampedIn(from: string, to: string): Promise<{ invoice: Invoice; xml: string }[]> {
    const list: { invoice: Invoice; xml: string }[] = [];
    let cursor: string | undefined;
    do {
      const page = await h.store.invoices.list(m(), { limit: 200, ...(cursor ? { cursor } : {}) });
      for (const invoice of page.items) {
        if (!invoice.stampedAt || invoice.stampedAt < from || invoice.stampedAt >= to) continue;
        list.push({ invoice, xml: (await h.af.invoiceXml(m(), invoice.id))!.toString() });
      }
      cursor = page.next;
    } while (cursor);
    return list;
  }
});
