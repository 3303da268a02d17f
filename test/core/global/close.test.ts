import assert from 'node:assert/strict';
import type { Receipt } from '../../../core/src/store/types.js';
import { CARLOS, type Harness, harness, nextId } from '../automation/harness.js';
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

describe('factura global: period close (#7)', function () {
  this.timeout(120_000);
  let h: Harness;
  const sold: Record<string, { receipt: Receipt; token: string }> = {};

  before(async () => {
    h = await harness({ settings: { globalPeriodicity: 'monthly', receiptDays: 7 } });
    const m = h.merchant.id;
    // November 2026, recorded as backfills (the period has closed): the receipts nobody claims.
    sold.plain = await sale(h, m, '116.00', local('2026-11-03T10:15:00'));
    sold.mixed = await sale(h, m, '75.00', local('2026-11-14T19:40:00'), {
      method: 'card_debit',
      items: [
        {
          productKey: '43232408',
          unitKey: 'H87',
          description: 'Licencia',
          quantity: '2',
          unitPrice: '20.00',
          taxIncluded: true,
        },
        {
          productKey: '86121700',
          unitKey: 'E48',
          description: 'Curso exento',
          quantity: '1',
          unitPrice: '35.00',
          taxes: [{ type: 'IVA', factor: 'Exento' }],
        },
      ],
    });
    sold.lastSecond = await sale(h, m, '58.00', local('2026-11-30T23:59:59'));
    sold.december = await sale(h, m, '99.00', local('2026-12-01T00:00:00'));
    sold.test = await sale(h, m, '232.00', local('2026-11-20T12:00:00'), { mode: 'test' });
    // Claimed by its customer in time: invoiced in their name, never in the global.
    sold.claimed = await sale(h, m, '500.00', local('2026-11-21T09:00:00'));
    await h.af.completeReceipt(
      sold.claimed.token,
      { ...CARLOS, email: 'carlos@example.com' },
      { wait: true },
    );
    // Refunded before anyone invoiced it: voided.
    sold.refunded = await sale(h, m, '80.00', local('2026-11-22T09:00:00'));
    await h.af.recordRefund(m, {
      source: 'api',
      paymentExternalId: (await h.store.payments.get(m, sold.refunded.receipt.paymentId))!.externalId,
      refundExternalId: nextId('re'),
      amount: '80.00',
    });
    await h.af.workJobs();
    h.advance(8 * DAY); // every receipt link above has expired
  });
  after(() => h.close());

  it('previews in a dry run what would go in, writing nothing', async () => {
    const preview = await h.af.closeGlobal(h.merchant.id, { period: '2026-11', dryRun: true });
    assert.equal(preview.dryRun, true);
    assert.deepEqual(
      preview.invoices.map((i) => [i.status, i.mode, [...i.tickets].sort()]),
      [
        [
          'preview',
          'live',
          [sold.plain!.receipt.ticket, sold.mixed!.receipt.ticket, sold.lastSecond!.receipt.ticket].sort(),
        ],
        ['preview', 'test', [sold.test!.receipt.ticket]],
      ],
    );
    assert.equal(preview.invoices[0]!.total, '249.00');
    assert.equal(preview.invoices[0]!.iva, '29.52'); // 16.00 + 5.52 (2 × 20.00 with IVA) + 8.00; the course is exempt
    assert.equal((await globalsOf(h, h.merchant.id)).length, 0);
    const receipt = (await h.store.receipts.get(h.merchant.id, sold.plain!.receipt.id))!;
    assert.equal(receipt.status, 'open');
  });

  it('issues the globals of the month: exactly the expired unclaimed receipts, XSD-valid, verified, to the cent', async () => {
    const result = await h.af.closeGlobal(h.merchant.id, { period: '2026-11' });
    assert.equal(result.invoices.length, 2);
    const [live, test] = result.invoices;
    assert.equal(live!.status, 'stamped');
    assert.equal(live!.series, 'G');
    assert.equal(test!.series, 'G-PRUEBA');
    assert.match(live!.uuid!, /^[0-9A-F-]{36}$/);

    const xml = (await h.af.invoiceXml(h.merchant.id, live!.id!))!;
    await assertXsdValid([xml, (await h.af.invoiceXml(h.merchant.id, test!.id!))!]);
    const verdict = h.verify(xml);
    assert.ok(verdict.ok, JSON.stringify(verdict.problems));
    assert.equal(verdict.tfd?.selloSat, 'valid');

    const cfdi = readCfdi(xml.toString());
    assert.equal(cfdi.attrs('TipoDeComprobante'), 'I');
    assert.equal(cfdi.attrs('MetodoPago'), 'PUE');
    assert.equal(cfdi.attrs('Exportacion'), '01');
    assert.equal(cfdi.attrs('FormaPago'), '01', 'cash paid the most');
    assert.equal(cfdi.global?.('Periodicidad'), '04');
    assert.equal(cfdi.global?.('Meses'), '11');
    assert.equal(cfdi.global?.('Año'), '2026');
    assert.equal(cfdi.receptor('Rfc'), 'XAXX010101000');
    assert.equal(cfdi.receptor('Nombre'), 'PUBLICO EN GENERAL');
    assert.equal(cfdi.receptor('RegimenFiscalReceptor'), '616');
    assert.equal(cfdi.receptor('UsoCFDI'), 'S01');
    assert.equal(cfdi.receptor('DomicilioFiscalReceptor'), cfdi.attrs('LugarExpedicion'));
    for (const c of cfdi.conceptos) {
      assert.deepEqual(
        [c.claveProdServ, c.claveUnidad, c.descripcion, c.cantidad],
        ['01010101', 'ACT', 'Venta', '1'],
      );
    }
    // One Concepto per ticket, except the one whose lines carry different taxes (16% and exempt): two.
    assert.equal(cfdi.conceptos.filter((c) => c.noIdentificacion === sold.mixed!.receipt.ticket).length, 2);
    const totals = ticketTotals(cfdi.conceptos);
    assert.deepEqual(
      [...totals.entries()].sort(),
      [
        [sold.plain!.receipt.ticket, cents('116.00')],
        [sold.mixed!.receipt.ticket, cents('75.00')],
        [sold.lastSecond!.receipt.ticket, cents('58.00')],
      ].sort(),
    );
    assert.equal(cents(cfdi.attrs('Total')!), cents('249.00'));

    const stored = (await h.af.getInvoice(h.merchant.id, live!.id!))!;
    assert.equal(stored.kind, 'global');
    assert.deepEqual(stored.globalPeriod?.months, '11');
    for (const key of ['plain', 'mixed', 'lastSecond'] as const) {
      const receipt = (await h.store.receipts.get(h.merchant.id, sold[key]!.receipt.id))!;
      assert.equal(receipt.status, 'in_global');
      assert.equal(receipt.invoiceId, live!.id);
      const payment = (await h.store.payments.get(h.merchant.id, receipt.paymentId))!;
      assert.equal(payment.status, 'in_global');
      assert.equal(payment.globalInvoiceId, live!.id);
      const story = (await h.af.getPayment(h.merchant.id, payment.id))!.events.map((e) => e.type);
      assert.ok(story.includes('receipt.in_global'), story.join(', '));
    }
    // December's first second, the claimed and the refunded receipts stay out.
    assert.equal((await h.store.receipts.get(h.merchant.id, sold.december!.receipt.id))!.status, 'open');
    assert.equal((await h.store.receipts.get(h.merchant.id, sold.claimed!.receipt.id))!.status, 'invoiced');
    assert.equal((await h.store.receipts.get(h.merchant.id, sold.refunded!.receipt.id))!.status, 'voided');
  });

  it('closing again issues nothing new', async () => {
    const before = await globalsOf(h, h.merchant.id);
    const again = await h.af.closeGlobal(h.merchant.id, { period: '2026-11' });
    assert.deepEqual(again.invoices, []);
    assert.deepEqual(
      (await globalsOf(h, h.merchant.id)).map((g) => g.id).sort(),
      before.map((g) => g.id).sort(),
    );
    const day = await h.af.closeGlobal(h.merchant.id, { period: '2026-11-14' });
    assert.deepEqual(day.invoices, []);
  });

  it('refuses a period that has not ended, and one that is not a period, saying what to write', async () => {
    await assert.rejects(
      h.af.closeGlobal(h.merchant.id, { period: '2026-12' }),
      (error: { code: string; message: string }) => {
        assert.equal(error.code, 'GLOBAL_PERIOD_OPEN');
        assert.match(error.message, /aún no termina/);
        return true;
      },
    );
    await assert.rejects(
      h.af.closeGlobal(h.merchant.id, { period: 'noviembre' }),
      (error: { code: string; message: string }) => {
        assert.equal(error.code, 'GLOBAL_INVALID_PERIOD');
        assert.match(error.message, /2026-11/);
        return true;
      },
    );
  });

  it("splits a period into several globals when one would pass the merchant's maximum of conceptos", async () => {
    const merchant = await h.newMerchant({ globalPeriodicity: 'daily', receiptDays: 1, globalMaxItems: 2 });
    const receipts: Receipt[] = [];
    for (let i = 0; i < 5; i++) {
      receipts.push((await sale(h, merchant.id, `${100 + i}.00`, local(`2026-12-03T1${i}:00:00`))).receipt);
    }
    await h.af.workJobs();
    h.advance(2 * DAY);
    const result = await h.af.closeGlobal(merchant.id, { period: '2026-12-03' });
    assert.deepEqual(
      result.invoices.map((i) => i.tickets.length),
      [2, 2, 1],
    );
    const xmls = await Promise.all(
      result.invoices.map(async (i) => (await h.af.invoiceXml(merchant.id, i.id!))!),
    );
    await assertXsdValid(xmls);
    const tickets = xmls.flatMap((xml) => readCfdi(xml.toString()).conceptos.map((c) => c.noIdentificacion));
    assert.deepEqual(tickets.sort(), receipts.map((r) => r.ticket).sort());
    for (const xml of xmls) assert.equal(readCfdi(xml.toString()).global?.('Periodicidad'), '01');
  });

  it('keeps a global sealed through a PAC outage and stamps it later, never twice', async () => {
    const merchant = await h.newMerchant({ globalPeriodicity: 'daily', receiptDays: 1 });
    const one = await sale(h, merchant.id, '300.00', local('2026-12-05T10:00:00'));
    const two = await sale(h, merchant.id, '200.00', local('2026-12-05T11:00:00'));
    await h.af.workJobs();
    h.advance(2 * DAY);
    h.pac.outage = 'error';
    const first = await h.af.closeGlobal(merchant.id, { period: '2026-12-05' });
    assert.equal(first.invoices.length, 1);
    assert.equal(first.invoices[0]!.status, 'sealed');
    const second = await h.af.closeGlobal(merchant.id, { period: '2026-12-05' });
    assert.deepEqual(
      second.invoices.map((i) => i.id),
      [first.invoices[0]!.id],
      'the same sealed global, not a new one',
    );
    h.pac.outage = false;
    await h.af.workJobs();
    const globals = await globalsOf(h, merchant.id);
    assert.equal(globals.length, 1);
    assert.equal(globals[0]!.status, 'stamped');
    for (const s of [one, two]) {
      const payment = (await h.store.payments.get(merchant.id, s.receipt.paymentId))!;
      assert.equal(payment.status, 'in_global');
    }
  });

  it('credits a refund of a ticket in the global with an egreso to público en general related to it', async () => {
    const m = h.merchant.id;
    const payment = (await h.store.payments.get(m, sold.plain!.receipt.paymentId))!;
    const global = (await h.af.getInvoice(m, payment.globalInvoiceId!))!;
    await h.af.recordRefund(
      m,
      {
        source: 'api',
        paymentExternalId: payment.externalId,
        refundExternalId: nextId('re'),
        amount: '116.00',
      },
      { wait: true },
    );
    await h.af.workJobs();
    const after = (await h.store.payments.get(m, payment.id))!;
    assert.equal(after.refunds[0]!.outcome, 'credit_note');
    assert.equal(after.status, 'refunded');
    const note = (await h.af.getInvoice(m, after.refunds[0]!.invoiceId!))!;
    assert.equal(note.kind, 'credit_note');
    assert.equal(note.status, 'stamped');
    assert.deepEqual(note.related, { relationship: '01', uuids: [global.uuid] });
    const xml = (await h.af.invoiceXml(m, note.id))!;
    await assertXsdValid([xml]);
    assert.ok(h.verify(xml).ok);
    const cfdi = readCfdi(xml.toString());
    assert.equal(cfdi.attrs('TipoDeComprobante'), 'E');
    assert.equal(cfdi.receptor('Rfc'), 'XAXX010101000');
    assert.equal(cfdi.receptor('UsoCFDI'), 'G02', "as in SAT's example of a return from a global");
    assert.equal(cfdi.conceptos[0]!.noIdentificacion, sold.plain!.receipt.ticket);
    assert.equal(cfdi.attrs('Total'), '116.00');
  });
});
