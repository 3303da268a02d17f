import assert from 'node:assert/strict';
import { CARLOS, type Harness, harness, nextId } from './harness.js';

describe('automation: tenants and the event log (#4)', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());

  it("never lets merchant B read or change merchant A's payments, invoices or receipts", async () => {
    const b = await h.newMerchant();
    const invoiced = await h.af.recordPayment(
      h.merchant.id,
      { source: 'stripe', externalId: 'shared_id', amount: '100.00', customer: CARLOS },
      { wait: true },
    );
    const receipt = await h.af.recordPayment(h.merchant.id, {
      source: 'stripe',
      externalId: nextId(),
      amount: '50.00',
      customer: { email: 'ana@example.com' },
    });
    const paymentId = invoiced.payment.id;
    const invoiceId = invoiced.invoice!.id;
    assert.equal(await h.af.getPayment(b.id, paymentId), null);
    assert.equal(await h.af.getInvoice(b.id, invoiceId), null);
    assert.equal(await h.af.invoiceXml(b.id, invoiceId), null);
    assert.equal(await h.af.invoicePdf(b.id, invoiceId), null);
    assert.equal(await h.store.receipts.get(b.id, receipt.receipt!.id), null);
    await assert.rejects(h.af.retryPayment(b.id, paymentId), { code: 'PAYMENT_NOT_FOUND' });
    await assert.rejects(
      h.af.recordRefund(b.id, {
        source: 'stripe',
        paymentExternalId: 'shared_id',
        refundExternalId: 'r',
        amount: '1',
      }),
      { code: 'PAYMENT_NOT_FOUND' },
    );
    // The same external id at B is B's own payment, not a duplicate of A's.
    const own = await h.af.recordPayment(b.id, {
      source: 'stripe',
      externalId: 'shared_id',
      amount: '10.00',
    });
    assert.equal(own.created, true);
    assert.notEqual(own.payment.id, paymentId);
    // B's customers know nothing of A's fiscal data for the same email.
    assert.equal(await h.store.customers.findByRfc(b.id, CARLOS.rfc), null);
  });

  it('authenticates API keys to their merchant and mode, and refuses anything else', async () => {
    const created = await h.af.createMerchant({
      certificate: await (await import('node:fs/promises')).readFile(
        (await import('../../support/oracles.js')).EKU.cer,
      ),
      privateKey: await (await import('node:fs/promises')).readFile(
        (await import('../../support/oracles.js')).EKU.key,
      ),
      password: '12345678a',
      regime: '601',
      zip: '06600',
    });
    assert.match(created.apiKeys.test, /^af_test_/);
    assert.equal(created.merchant.name, 'ESCUELA KEMPER URGATE', 'legal name without the capital regime');
    assert.ok(!JSON.stringify(created.merchant).includes(created.apiKeys.live), 'keys are stored hashed');
    assert.ok(!JSON.stringify(created.merchant).includes('12345678a'), 'the password is stored encrypted');
    const live = await h.af.authenticate(created.apiKeys.live);
    assert.equal(live?.merchant.id, created.merchant.id);
    assert.equal(live?.mode, 'live');
    assert.equal((await h.af.authenticate(created.apiKeys.test))?.mode, 'test');
    assert.equal(await h.af.authenticate(`${created.apiKeys.live.slice(0, -1)}x`), null);
    assert.equal(await h.af.authenticate('af_live_nothing'), null);
  });

  it('refuses a merchant whose CSD password is wrong, or whose regime or zip is not valid', async () => {
    const { readFile } = await import('node:fs/promises');
    const { EKU } = await import('../../support/oracles.js');
    const files = { certificate: await readFile(EKU.cer), privateKey: await readFile(EKU.key) };
    await assert.rejects(h.af.createMerchant({ ...files, password: 'wrong', regime: '601', zip: '42501' }), {
      code: 'CSD_KEY_PASSWORD',
    });
    await assert.rejects(
      h.af.createMerchant({ ...files, password: EKU.password, regime: '612', zip: '00000' }),
      (error: { details: { code: string }[] }) => {
        assert.deepEqual(
          error.details.map((d) => d.code),
          ['MERCHANT_REGIME', 'MERCHANT_ZIP'],
        );
        return true;
      },
    );
  });

  it('tells the story of a payment from receipt to invoice to refund', async () => {
    const externalId = nextId();
    const recorded = await h.af.recordPayment(h.merchant.id, {
      source: 'conekta',
      externalId,
      amount: '232.00',
      method: 'cash',
      customer: { email: 'historia@example.com' },
    });
    await h.af.workJobs();
    await h.af.completeReceipt(recorded.receipt!.url.split('/').pop()!, CARLOS, { wait: true });
    await h.af.workJobs();
    await h.af.recordRefund(
      h.merchant.id,
      { source: 'conekta', paymentExternalId: externalId, refundExternalId: 're_story', amount: '32.00' },
      { wait: true },
    );
    await h.af.workJobs();
    const { events } = (await h.af.getPayment(h.merchant.id, recorded.payment.id))!;
    assert.deepEqual(
      events.map((e) => e.type),
      [
        'payment.received',
        'receipt.created',
        'payment.decided',
        'email.sent',
        'receipt.sent',
        'customer.fiscal_saved',
        'receipt.completed',
        'invoice.sealed',
        'invoice.stamped',
        'invoice.issued',
        'email.sent',
        'payment.refunded',
        'invoice.sealed',
        'invoice.stamped',
        'credit_note.issued',
        'email.sent',
      ],
    );
    assert.ok(
      events.every((e, i) => i === 0 || e.seq > events[i - 1]!.seq),
      'in order',
    );
  });
});
