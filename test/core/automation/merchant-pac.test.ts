import assert from 'node:assert/strict';
import { verifyCfdi } from '../../../core/src/cfdi/verify/verify-cfdi.js';
import { type FakeFinkok, startFakeFinkok } from '../../support/fakes/finkok.js';
import { CARLOS, type Harness, harness, nextId } from './harness.js';

/**
 * A merchant who chose their own PAC account in the dashboard (#5): their invoices are stamped by that
 * PAC (here a fake Finkok on 127.0.0.1 that checks the credentials, the XSD, the Sello and Fecha), not
 * by the server's sandbox; the credentials are stored encrypted; wrong ones fail the payment with the
 * PAC's reason instead of stamping elsewhere.
 */
describe('automation: the merchant’s own PAC (Finkok/SW credentials from the dashboard)', () => {
  let h: Harness;
  let finkok: FakeFinkok;
  before(async () => {
    finkok = await startFakeFinkok({ clock: () => new Date() });
    h = await harness({ ownPacUrls: { finkok: finkok.url }, maxAttempts: 1 });
  });
  after(async () => {
    await h.close();
    await finkok.close();
  });

  const pay = (merchantId: string) =>
    h.af.recordPayment(
      merchantId,
      {
        source: 'api',
        externalId: nextId(),
        amount: '580.00',
        method: 'transfer',
        customer: { email: 'carlos@example.com', ...CARLOS },
      },
      { wait: true },
    );

  it('stamps through the chosen Finkok account and keeps its password encrypted', async () => {
    const merchant = await h.newMerchant();
    const chosen = await h.af.setMerchantPac(merchant.id, 'finkok', {
      user: finkok.username,
      password: finkok.password,
    });
    assert.equal(chosen.settings.pac, 'finkok');
    const stored = JSON.stringify(await h.store.merchants.get(merchant.id));
    assert.ok(!stored.includes(finkok.password), 'the PAC password is not stored in clear');

    const before = finkok.requests.length;
    const { payment } = await pay(merchant.id);
    assert.equal(payment.status, 'invoiced');
    assert.ok(
      finkok.requests.slice(before).some((r) => r.operation === 'stamp'),
      'the fake Finkok received the stamp request',
    );
    const invoice = (await h.af.getInvoice(merchant.id, payment.invoiceId!))!;
    const xml = (await h.af.invoiceXml(merchant.id, invoice.id))!;
    // Its SelloSAT is the fake Finkok's, not the sandbox's: only Finkok's certificates verify it.
    const byFinkok = verifyCfdi(xml, { pacCertificates: finkok.stamper.pacCertificates });
    assert.equal(byFinkok.tfd?.selloSat, 'valid', JSON.stringify(byFinkok.problems));
    assert.notEqual(h.verify(xml).tfd?.selloSat, 'valid');
  });

  it('refuses the choice without credentials, and back on the sandbox stamps there again', async () => {
    const merchant = await h.newMerchant();
    await assert.rejects(h.af.setMerchantPac(merchant.id, 'sw'), { code: 'PAC_CREDENTIALS_REQUIRED' });
    await h.af.setMerchantPac(merchant.id, 'finkok', { user: finkok.username, password: finkok.password });
    await h.af.setMerchantPac(merchant.id, 'sandbox');
    const before = finkok.requests.length;
    const { payment } = await pay(merchant.id);
    assert.equal(payment.status, 'invoiced');
    assert.equal(finkok.requests.length, before, 'Finkok was not called');
    const xml = (await h.af.invoiceXml(merchant.id, payment.invoiceId!))!;
    assert.equal(h.verify(xml).tfd?.selloSat, 'valid');
  });

  it('stamps a test-mode payment with the sandbox in its own series, never with the chosen real PAC', async () => {
    const merchant = await h.newMerchant();
    await h.af.setMerchantPac(merchant.id, 'finkok', { user: finkok.username, password: finkok.password });
    const before = finkok.requests.length;
    const { payment } = await h.af.recordPayment(
      merchant.id,
      {
        source: 'api_test',
        externalId: nextId(),
        mode: 'test',
        amount: '580.00',
        method: 'transfer',
        customer: { email: 'carlos@example.com', ...CARLOS },
      },
      { wait: true },
    );
    assert.equal(payment.status, 'invoiced');
    assert.equal(finkok.requests.length, before, 'the real PAC was not called');
    const invoice = (await h.af.getInvoice(merchant.id, payment.invoiceId!))!;
    assert.equal(invoice.mode, 'test');
    assert.equal(invoice.series, 'A-PRUEBA');
    const xml = (await h.af.invoiceXml(merchant.id, invoice.id))!;
    assert.equal(h.verify(xml).tfd?.selloSat, 'valid', 'stamped by the sandbox');
    assert.match(xml.toString(), /Serie="A-PRUEBA" Folio="1"/);
  });

  it('fails the payment with the PAC’s reason when the account’s password is wrong', async () => {
    const merchant = await h.newMerchant();
    await h.af.setMerchantPac(merchant.id, 'finkok', { user: finkok.username, password: 'not-the-password' });
    const { payment } = await pay(merchant.id);
    assert.equal(payment.status, 'failed');
    assert.equal(
      payment.invoiceId && (await h.af.getInvoice(merchant.id, payment.invoiceId))?.uuid,
      undefined,
    );
    const { events } = (await h.af.getPayment(merchant.id, payment.id))!;
    const failed = events.find((e) => e.type === 'invoice.failed' || e.type === 'payment.failed');
    assert.ok(failed, events.map((e) => e.type).join(', '));
    assert.match(JSON.stringify(failed.data), /finkok/i);
  });
});
