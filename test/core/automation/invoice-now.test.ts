import assert from 'node:assert/strict';
import { CARLOS, type Harness, harness, nextId } from './harness.js';

describe('automation: a payment with complete fiscal data is invoiced at once (#4)', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());

  it('stamps the invoice, stores XML and PDF, and emails both to the customer', async () => {
    const externalId = nextId();
    const recorded = await h.af.recordPayment(h.merchant.id, {
      source: 'stripe',
      externalId,
      amount: '1160.00',
      method: 'card_credit',
      customer: { email: 'Carlos@Example.com', externalId: 'cus_1', ...CARLOS },
    });
    assert.equal(recorded.created, true);
    assert.equal(recorded.payment.status, 'issuing');
    assert.equal(recorded.payment.paymentForm, '04');

    const work = await h.af.workJobs();
    assert.equal(work.dead, 0);
    assert.ok(work.done >= 2, 'issue + email');

    const { payment, events } = (await h.af.getPayment(h.merchant.id, recorded.payment.id))!;
    assert.equal(payment.status, 'invoiced');
    const invoice = (await h.af.getInvoice(h.merchant.id, payment.invoiceId!))!;
    assert.equal(invoice.status, 'stamped');
    assert.equal(invoice.series, 'A');
    assert.equal(invoice.folio, 1);
    assert.equal(invoice.total, '1160.00');
    assert.equal(invoice.receiverRfc, CARLOS.rfc);
    assert.match(invoice.uuid!, /^[0-9A-F-]{36}$/);

    const xml = (await h.af.invoiceXml(h.merchant.id, invoice.id))!;
    const verdict = h.verify(xml);
    assert.ok(verdict.ok, JSON.stringify(verdict.problems));
    assert.equal(verdict.tfd?.selloSat, 'valid');
    const pdf = (await h.af.invoicePdf(h.merchant.id, invoice.id))!;
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');

    const mails = await h.mails();
    assert.equal(mails.length, 1);
    const mail = mails[0]!;
    assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : '', 'carlos@example.com');
    const names = mail.attachments.map((a) => a.filename).sort();
    assert.deepEqual(names, [`${invoice.uuid}.pdf`, `${invoice.uuid}.xml`]);
    assert.equal(
      mail.attachments.find((a) => a.filename?.endsWith('.xml'))!.content.toString(),
      xml.toString(),
    );

    assert.deepEqual(
      events.map((e) => e.type),
      [
        'payment.received',
        'payment.decided',
        'invoice.sealed',
        'invoice.stamped',
        'invoice.issued',
        'email.sent',
      ],
    );
    assert.equal(events[1]!.data.action, 'invoice');
  });

  it('with wait, returns the stamped invoice in the same call', async () => {
    const result = await h.af.recordPayment(
      h.merchant.id,
      { source: 'api', externalId: nextId(), amount: '580.00', method: 'transfer', customer: CARLOS },
      { wait: true },
    );
    assert.equal(result.payment.status, 'invoiced');
    assert.equal(result.invoice?.status, 'stamped');
    assert.equal(result.invoice?.folio, 2, 'folios follow one another per series');
  });

  it('builds a backfilled payment (paid 5 days ago) with Fecha = now, inside the 72-hour window', async () => {
    const paidAt = new Date(Date.now() - 5 * 86_400_000).toISOString();
    const result = await h.af.recordPayment(
      h.merchant.id,
      { source: 'api', externalId: nextId(), amount: '100.00', paidAt, customer: CARLOS },
      { wait: true },
    );
    assert.equal(result.invoice?.status, 'stamped');
    assert.equal(result.payment.paidAt, paidAt);
    const fechaAsUtc = Date.parse(`${result.invoice!.fecha}-06:00`);
    assert.ok(
      Math.abs(fechaAsUtc - Date.now()) < 5 * 60_000,
      `Fecha ${result.invoice!.fecha} is now in CDMX`,
    );
  });

  it('is issued by the long-running worker, which stops when its signal aborts', async () => {
    const controller = new AbortController();
    const worker = h.af.runWorker({ signal: controller.signal, pollMs: 20 });
    const recorded = await h.af.recordPayment(h.merchant.id, {
      source: 'api',
      externalId: nextId(),
      amount: '64.00',
      customer: CARLOS,
    });
    let status = recorded.payment.status;
    for (let i = 0; i < 200 && status !== 'invoiced'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      status = (await h.af.getPayment(h.merchant.id, recorded.payment.id))!.payment.status;
    }
    controller.abort();
    await worker;
    assert.equal(status, 'invoiced');
  });

  it('refuses a malformed payment with coded es-MX/English errors and stores nothing', async () => {
    const before = await h.store.payments.count(h.merchant.id);
    await assert.rejects(
      h.af.recordPayment(h.merchant.id, {
        source: 'api',
        externalId: nextId(),
        amount: '10.005',
        currency: 'USD',
        method: 'bitcoin' as never,
      }),
      (error: { code: string; details: { code: string; path?: string; messageEn?: string }[] }) => {
        const codes = error.details.map((d) => `${d.code}@${d.path}`).sort();
        assert.deepEqual(codes, [
          'PAYMENT_EXCHANGE_RATE_REQUIRED@exchangeRate',
          'PAYMENT_INVALID_AMOUNT@amount',
          'PAYMENT_INVALID_METHOD@method',
        ]);
        assert.ok(error.details.every((d) => d.messageEn));
        return true;
      },
    );
    assert.equal(await h.store.payments.count(h.merchant.id), before);
  });

  it('refuses items that do not add up to the amount paid, storing nothing, and invoices items that do', async () => {
    const before = await h.store.payments.count(h.merchant.id);
    const items = [
      {
        productKey: '43232408',
        unitKey: 'H87',
        description: 'Licencia',
        quantity: '2',
        unitPrice: '58.00',
        taxIncluded: true,
      },
      {
        productKey: '86121700',
        unitKey: 'E48',
        description: 'Curso',
        quantity: '1',
        unitPrice: '100.00',
        taxIncluded: false,
      },
    ];
    // 2 × 58.00 with IVA included + 100.00 plus 16% IVA = 116.00 + 116.00 = 232.00
    await assert.rejects(
      h.af.recordPayment(h.merchant.id, {
        source: 'api',
        externalId: nextId(),
        amount: '230.00',
        items,
        customer: CARLOS,
      }),
      (error: { code: string; message: string; messageEn: string }) => {
        assert.equal(error.code, 'PAYMENT_ITEMS_TOTAL_MISMATCH');
        assert.match(error.message, /suman 232\.00 MXN .* 230\.00/);
        assert.match(error.messageEn, /add up to 232\.00 MXN/);
        return true;
      },
    );
    assert.equal(await h.store.payments.count(h.merchant.id), before);
    const ok = await h.af.recordPayment(
      h.merchant.id,
      { source: 'api', externalId: nextId(), amount: '232.00', items, customer: CARLOS },
      { wait: true },
    );
    assert.equal(ok.invoice?.status, 'stamped');
    assert.equal(ok.invoice?.total, '232.00');
    const xml = (await h.af.invoiceXml(h.merchant.id, ok.invoice!.id))!.toString();
    assert.match(xml, /Descripcion="Licencia"/);
    assert.match(xml, /Descripcion="Curso"/);
  });
});
