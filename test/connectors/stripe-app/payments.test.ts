import assert from 'node:assert/strict';
import { CARLOS } from '../../core/automation/harness.js';
import { BERENICE, type Caller, KEMPER, OTRO, type StripeAppHarness, stripeAppHarness } from './harness.js';

const NOBODY: Caller = { user_id: 'usr_Nadie1', account_id: 'acct_1SinVincular' };

describe('Stripe App backend: a payment page shows its CFDI and acts on it (#6)', () => {
  let h: StripeAppHarness;
  before(async () => {
    h = await stripeAppHarness();
    assert.equal((await h.post('/link', KEMPER, { api_key: h.keys.a })).status, 200);
    assert.equal((await h.post('/link', OTRO, { api_key: h.keys.b })).status, 200);
  });
  after(() => h.close());

  const invoiced = async (pi: string) => {
    const { payment } = await h.af.recordPayment(
      h.merchantIds.a,
      {
        source: 'stripe',
        externalId: pi,
        amount: '1160.00',
        method: 'card_credit',
        customer: { email: 'carlos@example.com', externalId: `cus_${pi}`, ...CARLOS },
      },
      { wait: true },
    );
    // Whatever a busy machine left queued is worked before the page is looked at.
    await h.af.workJobs();
    return (await h.store.payments.get(h.merchantIds.a, payment.id))!;
  };

  it('shows an invoiced payment: status, UUID, and XML/PDF links that download the stamped CFDI', async () => {
    await invoiced('pi_3Invoiced');
    const res = await h.post('/payments/pi_3Invoiced', KEMPER);
    assert.equal(res.status, 200, JSON.stringify(res.json));
    assert.equal(res.json.payment.status, 'invoiced');
    assert.equal(res.json.payment.external_id, 'pi_3Invoiced');
    assert.equal(res.json.invoice.status, 'stamped');
    assert.match(res.json.invoice.uuid, /^[0-9A-F-]{36}$/);
    assert.equal(res.json.invoice.receiver_rfc, CARLOS.rfc);
    assert.deepEqual(res.json.actions, { issue: false, portal_link: false, cancel: true });

    const xml = await h.get(res.json.invoice.xml_url);
    assert.equal(xml.status, 200);
    assert.match(xml.headers.get('content-type') ?? '', /xml/);
    const verdict = h.verify(xml.bytes);
    assert.ok(verdict.ok, JSON.stringify(verdict.problems));
    assert.ok(xml.bytes.toString().includes(res.json.invoice.uuid));
    const pdf = await h.get(res.json.invoice.pdf_url);
    assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');

    // A link whose signature or merchant was changed downloads nothing.
    const tampered = new URL(res.json.invoice.xml_url);
    tampered.searchParams.set('m', h.merchantIds.b);
    assert.equal((await h.get(tampered.toString())).status, 403);
    const forged = new URL(res.json.invoice.pdf_url);
    forged.searchParams.set('s', '0'.repeat(64));
    assert.equal((await h.get(forged.toString())).status, 403);
    const expired = new URL(res.json.invoice.pdf_url);
    expired.searchParams.set('e', String(Math.floor(Date.now() / 1000) - 1));
    assert.equal((await h.get(expired.toString())).status, 403);
  });

  it("refuses another account's payment (not found) and an unlinked account (403); nothing changes", async () => {
    const payment = await invoiced('pi_3Private');
    const seen = await h.post('/payments/pi_3Private', OTRO);
    assert.equal(seen.status, 404);
    assert.equal(seen.json.error.code, 'PAYMENT_NOT_FOUND');
    const cancel = await h.post('/payments/pi_3Private/cancel', OTRO, { motive: '02' });
    assert.equal(cancel.status, 404);
    const stranger = await h.post('/payments/pi_3Private', NOBODY);
    assert.equal(stranger.status, 403);
    assert.equal(stranger.json.error.code, 'STRIPE_ACCOUNT_NOT_LINKED');
    const forged = await h.post(
      '/payments/pi_3Private/cancel',
      KEMPER,
      { motive: '02' },
      { signature: h.sign(OTRO) },
    );
    assert.equal(forged.status, 401);
    const after = (await h.store.invoices.get(h.merchantIds.a, payment.invoiceId!))!;
    assert.equal(after.status, 'stamped');
  });

  it('cancels the stamped CFDI with motive 02', async () => {
    await invoiced('pi_3Cancel');
    const res = await h.post('/payments/pi_3Cancel/cancel', KEMPER, { motive: '02' });
    assert.equal(res.status, 200, JSON.stringify(res.json));
    assert.equal(res.json.invoice.status, 'cancelled');
    assert.equal(res.json.actions.cancel, false);
    const again = await h.post('/payments/pi_3Cancel/cancel', KEMPER, { motive: '02' });
    assert.equal(again.status, 409);
    assert.equal(again.json.error.code, 'INVOICE_NOT_CANCELLABLE');
  });

  it('gives the portal link of a receipt, refuses to issue without fiscal data, then issues once the customer has it', async () => {
    await h.af.recordPayment(
      h.merchantIds.a,
      {
        source: 'stripe',
        externalId: 'pi_3Receipt',
        amount: '580.00',
        method: 'card_debit',
        customer: { email: 'ana@example.com', externalId: 'cus_Ana' },
      },
      { wait: true },
    );
    await h.af.workJobs();
    const view = await h.post('/payments/pi_3Receipt', KEMPER);
    assert.equal(view.json.payment.status, 'awaiting_customer');
    assert.equal(view.json.receipt.status, 'open');
    assert.deepEqual(view.json.actions, { issue: false, portal_link: true, cancel: false });
    assert.match(view.json.portal_link, /^http:\/\/127\.0\.0\.1\/.+/);

    const link = await h.post('/payments/pi_3Receipt/portal-link', KEMPER);
    assert.equal(link.json.url, view.json.portal_link);
    // Sent again to the customer by email, as a job of its own.
    assert.deepEqual(link.json.emailed_to, ['ana@example.com']);
    const resends = (await h.store.jobs.list(h.merchantIds.a, { type: 'send_email', limit: 1000 })).filter(
      (job) => typeof job.payload.resend === 'string',
    );
    assert.equal(resends.length, 1, 'one resend job was queued');

    const early = await h.post('/payments/pi_3Receipt/issue', KEMPER);
    assert.equal(early.status, 409);
    assert.equal(early.json.error.code, 'PAYMENT_NOT_ISSUABLE');

    const saved = await h.post('/customers/cus_Ana/update', KEMPER, {
      fiscal: BERENICE,
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.json));

    const ready = await h.post('/payments/pi_3Receipt', KEMPER);
    assert.equal(ready.json.actions.issue, true);
    const issued = await h.post('/payments/pi_3Receipt/issue', KEMPER);
    assert.equal(issued.status, 200, JSON.stringify(issued.json));
    await h.af.workJobs();
    const done = await h.post('/payments/pi_3Receipt', KEMPER);
    assert.equal(done.json.payment.status, 'invoiced');
    assert.equal(done.json.invoice.status, 'stamped');
    assert.equal(done.json.invoice.receiver_rfc, BERENICE.rfc);
    assert.equal(done.json.receipt.status, 'invoiced');
    assert.equal(done.json.actions.portal_link, false);
  });

  it('retries a payment the PAC refused, and shows why it failed until then', async () => {
    h.pac.rejectWith('CFDI40102', 1);
    const failed = await invoiced('pi_3Refused');
    assert.equal(failed.status, 'failed', JSON.stringify(failed));
    const view = await h.post('/payments/pi_3Refused', KEMPER);
    assert.equal(view.json.payment.status, 'failed');
    assert.ok(view.json.payment.failure.code);
    assert.deepEqual(view.json.actions, { issue: true, portal_link: false, cancel: false });

    const retried = await h.post('/payments/pi_3Refused/issue', KEMPER);
    assert.equal(retried.status, 200, JSON.stringify(retried.json));
    await h.af.workJobs();
    const done = await h.post('/payments/pi_3Refused', KEMPER);
    assert.equal(done.json.payment.status, 'invoiced');
    assert.equal(done.json.payment.failure, null);
    assert.match(done.json.invoice.uuid, /^[0-9A-F-]{36}$/);
  });

  it('says when autofactura has not received the payment yet', async () => {
    const res = await h.post('/payments/pi_3Unknown', KEMPER, {}, { lang: 'en' });
    assert.equal(res.status, 404);
    assert.match(res.json.error.message, /webhook/);
  });
});
