import assert from 'node:assert/strict';
import { CARLOS, type Harness, harness, nextId } from './harness.js';

describe('automation: duplicates, PAC failures and retries (#4)', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());

  it('records a payment delivered twice once, and invoices it once', async () => {
    const input = { source: 'stripe', externalId: nextId(), amount: '200.00', customer: CARLOS };
    const first = await h.af.recordPayment(h.merchant.id, input);
    const second = await h.af.recordPayment(h.merchant.id, input);
    assert.equal(second.created, false);
    assert.equal(second.payment.id, first.payment.id);
    await h.af.workJobs();
    const third = await h.af.recordPayment(h.merchant.id, input, { wait: true });
    assert.equal(third.payment.status, 'invoiced');
    const invoices = await h.store.invoices.list(h.merchant.id, { paymentId: first.payment.id });
    assert.equal(invoices.items.length, 1);
    const { events } = (await h.af.getPayment(h.merchant.id, first.payment.id))!;
    assert.equal(events.filter((e) => e.type === 'payment.duplicate_ignored').length, 2);
  });

  it('records 20 concurrent deliveries of one payment as one payment with one invoice', async () => {
    const customer = { ...CARLOS, email: 'carlos@example.com' };
    const input = { source: 'stripe', externalId: nextId(), amount: '300.00', customer };
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => h.af.recordPayment(h.merchant.id, input, { wait: i % 2 === 0 })),
    );
    assert.equal(results.filter((r) => r.created).length, 1);
    assert.equal(new Set(results.map((r) => r.payment.id)).size, 1);
    await Promise.all([h.af.workJobs(), h.af.workJobs()]);
    const id = results[0]!.payment.id;
    const { payment, events } = (await h.af.getPayment(h.merchant.id, id))!;
    assert.equal(payment.status, 'invoiced');
    const invoices = await h.store.invoices.list(h.merchant.id, { paymentId: id });
    assert.equal(invoices.items.length, 1, 'one CFDI for the payment');
    assert.equal(events.filter((e) => e.type === 'payment.decided').length, 1);
    assert.equal(events.filter((e) => e.type === 'email.sent').length, 1);
  });

  it('leaves a payment the PAC rejects for good visibly failed, then retryPayment invoices it', async () => {
    h.pac.rejectWith('CFDI40161');
    const recorded = await h.af.recordPayment(h.merchant.id, {
      source: 'api',
      externalId: nextId(),
      amount: '410.00',
      customer: CARLOS,
    });
    const work = await h.af.workJobs();
    assert.equal(work.dead, 1);
    const failed = (await h.af.getPayment(h.merchant.id, recorded.payment.id))!;
    assert.equal(failed.payment.status, 'failed');
    assert.equal(failed.payment.failure?.code, 'CFDI40161');
    assert.match(failed.payment.failure!.message, /rechazó/);
    assert.equal(failed.payment.invoiceId, undefined, 'the rejected CFDI does not count as its invoice');
    assert.ok(failed.events.some((e) => e.type === 'payment.failed' && e.data.code === 'CFDI40161'));
    const rejected = await h.store.invoices.list(h.merchant.id, { paymentId: recorded.payment.id });
    assert.equal(rejected.items[0]?.status, 'failed');

    const retried = await h.af.retryPayment(h.merchant.id, recorded.payment.id, {
      customer: { cfdiUse: 'G01' },
    });
    assert.equal(retried.status, 'issuing');
    await h.af.workJobs();
    const { payment, events } = (await h.af.getPayment(h.merchant.id, recorded.payment.id))!;
    assert.equal(payment.status, 'invoiced');
    assert.equal(payment.failure, undefined);
    const invoice = (await h.af.getInvoice(h.merchant.id, payment.invoiceId!))!;
    assert.equal(invoice.status, 'stamped');
    assert.notEqual(invoice.folio, rejected.items[0]!.folio, 'a new folio for the new CFDI');
    assert.ok(events.some((e) => e.type === 'payment.retried'));
    const xml = (await h.af.invoiceXml(h.merchant.id, invoice.id))!.toString();
    assert.match(xml, /UsoCFDI="G01"/, 'the fix was used');
    await assert.rejects(h.af.retryPayment(h.merchant.id, payment.id), { code: 'PAYMENT_NOT_FAILED' });
  });

  it('retries through a PAC outage with backoff and gets the same UUID for the same sealed XML', async () => {
    h.pac.outage = 'timeout';
    h.pac.reachesPac = true;
    const recorded = await h.af.recordPayment(h.merchant.id, {
      source: 'api',
      externalId: nextId(),
      amount: '99.00',
      customer: CARLOS,
    });
    const first = await h.af.workJobs();
    assert.equal(first.retried, 1);
    const sealed = (await h.af.getPayment(h.merchant.id, recorded.payment.id))!;
    assert.equal(sealed.payment.status, 'issuing');
    const sealedInvoice = (await h.af.getInvoice(h.merchant.id, sealed.payment.invoiceId!))!;
    assert.equal(sealedInvoice.status, 'sealed');
    const sealedXml = await h.store.blobs.get(sealedInvoice.blobs.sealedXml);
    h.pac.outage = false;
    h.pac.reachesPac = false;
    await new Promise((resolve) => setTimeout(resolve, 400));
    await h.af.workJobs();
    const { payment, events } = (await h.af.getPayment(h.merchant.id, recorded.payment.id))!;
    assert.equal(payment.status, 'invoiced');
    assert.equal(payment.invoiceId, sealedInvoice.id);
    assert.ok(events.some((e) => e.type === 'job.retried' && e.data.code === 'PAC_TIMEOUT'));
    assert.ok(
      events.some((e) => e.type === 'invoice.stamped' && e.data.duplicate === true),
      'the PAC had stamped it',
    );
    const xml = (await h.af.invoiceXml(h.merchant.id, payment.invoiceId!))!.toString();
    assert.ok(
      xml.includes(/Sello="([^"]+)"/.exec(sealedXml!.toString())![1]!),
      'the same sealed XML was sent',
    );
  });

  it('gives up after maxAttempts of an outage and marks the payment failed with the reason', async () => {
    h.pac.outage = 'error';
    const recorded = await h.af.recordPayment(h.merchant.id, {
      source: 'api',
      externalId: nextId(),
      amount: '77.00',
      customer: CARLOS,
    });
    let dead = 0;
    for (let i = 0; i < 10 && dead === 0; i++) {
      dead += (await h.af.workJobs()).dead;
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    h.pac.outage = false;
    assert.equal(dead, 1);
    const failed = (await h.af.getPayment(h.merchant.id, recorded.payment.id))!.payment;
    assert.equal(failed.status, 'failed');
    assert.equal(failed.failure?.code, 'PAC_UNAVAILABLE');
    await h.af.retryPayment(h.merchant.id, failed.id);
    await h.af.workJobs();
    assert.equal((await h.af.getPayment(h.merchant.id, failed.id))!.payment.status, 'invoiced');
  });

  it('rebuilds with Fecha = now when the PAC comes back after the 72-hour window (401)', async () => {
    h.pac.outage = 'error';
    const recorded = await h.af.recordPayment(h.merchant.id, {
      source: 'api',
      externalId: nextId(),
      amount: '58.00',
      customer: CARLOS,
    });
    await h.af.workJobs();
    const stale = (await h.af.getPayment(h.merchant.id, recorded.payment.id))!.payment.invoiceId!;
    h.pac.outage = false;
    h.advance(73 * 3_600_000);
    await h.af.workJobs();
    const { payment, events } = (await h.af.getPayment(h.merchant.id, recorded.payment.id))!;
    assert.equal(payment.status, 'invoiced');
    assert.notEqual(payment.invoiceId, stale);
    const old = (await h.af.getInvoice(h.merchant.id, stale))!;
    assert.equal(old.status, 'failed');
    assert.equal(old.history.at(-1)?.code, '401');
    const fresh = (await h.af.getInvoice(h.merchant.id, payment.invoiceId!))!;
    assert.equal(fresh.status, 'stamped');
    assert.ok(fresh.fecha > old.fecha, `${fresh.fecha} is three days after ${old.fecha}`);
    assert.ok(events.some((e) => e.type === 'invoice.rebuilt'));
  });

  it('decides payments a crash left recorded when the worker runs', async () => {
    const at = new Date().toISOString();
    const stored = await h.store.payments.createIfAbsent({
      id: 'pay_crashed',
      merchantId: h.merchant.id,
      source: 'api',
      externalId: nextId(),
      mode: 'live',
      amount: '10.00',
      currency: 'MXN',
      paidAt: at,
      method: 'cash',
      paymentForm: '01',
      customerInput: { ...CARLOS },
      automation: 'auto',
      metadata: {},
      status: 'recorded',
      refunds: [],
      createdAt: at,
      updatedAt: at,
    });
    assert.ok(stored.created);
    await h.af.workJobs();
    await h.af.workJobs();
    assert.equal((await h.af.getPayment(h.merchant.id, 'pay_crashed'))!.payment.status, 'invoiced');
  });
});
