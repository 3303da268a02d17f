import assert from 'node:assert/strict';
import { comprobanteFromTree } from '../../../core/src/cfdi/xml/from-tree.js';
import { parseXml } from '../../../core/src/xml/parse.js';
import { CARLOS, type Harness, harness, nextId } from './harness.js';

describe('automation: refunds (#4)', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());

  async function invoiced(amount: string, merchantId = h.merchant.id) {
    const externalId = nextId();
    const result = await h.af.recordPayment(
      merchantId,
      { source: 'stripe', externalId, amount, customer: { ...CARLOS, email: 'carlos@example.com' } },
      { wait: true },
    );
    assert.equal(result.payment.status, 'invoiced');
    return { externalId, payment: result.payment, invoice: result.invoice! };
  }

  it('issues a credit note (egreso, TipoRelacion 01) for a full refund of an invoiced payment', async () => {
    const { externalId, payment, invoice } = await invoiced('1160.00');
    const refunded = await h.af.recordRefund(
      h.merchant.id,
      { source: 'stripe', paymentExternalId: externalId, refundExternalId: 're_full', amount: '1160.00' },
      { wait: true },
    );
    assert.equal(refunded.status, 'refunded');
    const refund = refunded.refunds[0]!;
    assert.equal(refund.outcome, 'credit_note');
    const note = (await h.af.getInvoice(h.merchant.id, refund.invoiceId!))!;
    assert.equal(note.kind, 'credit_note');
    assert.equal(note.type, 'E');
    assert.equal(note.series, 'NC');
    assert.equal(note.status, 'stamped');
    assert.equal(note.total, '1160.00');
    assert.deepEqual(note.related, { relationship: '01', uuids: [invoice.uuid] });
    const xml = (await h.af.invoiceXml(h.merchant.id, note.id))!;
    assert.ok(h.verify(xml).ok);
    const cfdi = comprobanteFromTree(parseXml(xml));
    assert.equal(cfdi.TipoDeComprobante, 'E');
    assert.equal(cfdi.CfdiRelacionados?.[0]?.TipoRelacion, '01');
    assert.equal(cfdi.CfdiRelacionados?.[0]?.uuids[0], invoice.uuid);
    assert.equal(cfdi.Receptor.Rfc, CARLOS.rfc);
    assert.equal(cfdi.Receptor.UsoCFDI, 'G02');
    assert.equal(
      (await h.af.getInvoice(h.merchant.id, invoice.id))!.status,
      'stamped',
      'the invoice stays valid',
    );
    await h.af.workJobs();
    const mail = (await h.mails()).find((m) => m.attachments.some((a) => a.filename === `${note.uuid}.xml`));
    assert.ok(mail, "the credit note is emailed, although its XML names the invoice's UUID first");
    assert.match(mail.subject ?? '', /Nota de crédito NC-/i);
    assert.equal((await h.af.getPayment(h.merchant.id, payment.id))!.payment.invoiceId, invoice.id);
  });

  it('issues a credit note for the refunded amount only on a partial refund, and is idempotent', async () => {
    const { externalId, payment } = await invoiced('500.00');
    const refund = {
      source: 'stripe',
      paymentExternalId: externalId,
      refundExternalId: 're_part',
      amount: '100.00',
    };
    const first = await h.af.recordRefund(h.merchant.id, refund);
    const again = await h.af.recordRefund(h.merchant.id, refund);
    assert.equal(again.refunds.length, 1);
    await Promise.all([h.af.recordRefund(h.merchant.id, refund), h.af.workJobs()]);
    await h.af.workJobs();
    const { payment: after, events } = (await h.af.getPayment(h.merchant.id, payment.id))!;
    assert.equal(first.refunds[0]!.outcome, 'pending');
    assert.equal(after.status, 'invoiced', 'still invoiced: 400.00 remain');
    assert.equal(after.refunds.length, 1);
    const note = (await h.af.getInvoice(h.merchant.id, after.refunds[0]!.invoiceId!))!;
    assert.equal(note.total, '100.00');
    const notes = await h.store.invoices.list(h.merchant.id, { kind: 'credit_note', paymentId: payment.id });
    assert.equal(notes.items.length, 1);
    assert.equal(events.filter((e) => e.type === 'refund.duplicate_ignored').length, 2);
    await assert.rejects(
      h.af.recordRefund(h.merchant.id, { ...refund, refundExternalId: 're_more', amount: '400.01' }),
      { code: 'REFUND_EXCEEDS_PAYMENT' },
    );
  });

  it('cancels the invoice instead when the policy says so and the month is still open', async () => {
    const merchant = await h.newMerchant({ refundPolicy: 'cancel_if_same_month' });
    const { externalId, invoice } = await invoiced('300.00', merchant.id);
    const refunded = await h.af.recordRefund(
      merchant.id,
      { source: 'stripe', paymentExternalId: externalId, refundExternalId: 're_cancel', amount: '300.00' },
      { wait: true },
    );
    assert.equal(refunded.status, 'refunded');
    assert.equal(refunded.refunds[0]!.outcome, 'cancelled');
    assert.equal(refunded.invoiceId, undefined, 'no live invoice any more');
    const cancelled = (await h.af.getInvoice(merchant.id, invoice.id))!;
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.cancellation?.motive, '03');
    await h.af.workJobs();
    const notice = (await h.mails()).find(
      (m) => m.text?.includes(invoice.uuid!) && /cancel/i.test(m.subject ?? ''),
    );
    assert.ok(notice, 'the customer is told the invoice was cancelled');
  });

  it('voids the receipt of an un-invoiced payment, or reduces it on a partial refund', async () => {
    const open = async (amount: string) => {
      const externalId = nextId();
      const result = await h.af.recordPayment(h.merchant.id, {
        source: 'stripe',
        externalId,
        amount,
        customer: { email: 'sin.datos@example.com' },
      });
      return { externalId, result };
    };
    const full = await open('250.00');
    const voided = await h.af.recordRefund(h.merchant.id, {
      source: 'stripe',
      paymentExternalId: full.externalId,
      refundExternalId: 're_rcpt',
      amount: '250.00',
    });
    assert.equal(voided.status, 'refunded');
    assert.equal(voided.refunds[0]!.outcome, 'receipt_voided');
    assert.equal((await h.store.receipts.get(h.merchant.id, full.result.receipt!.id))?.status, 'voided');
    const token = full.result.receipt!.url.split('/').pop()!;
    await assert.rejects(h.af.completeReceipt(token, CARLOS), { code: 'RECEIPT_VOIDED' });

    const partial = await open('250.00');
    const reduced = await h.af.recordRefund(h.merchant.id, {
      source: 'stripe',
      paymentExternalId: partial.externalId,
      refundExternalId: 're_rcpt_part',
      amount: '50.00',
    });
    assert.equal(reduced.status, 'awaiting_customer');
    assert.equal((await h.store.receipts.get(h.merchant.id, partial.result.receipt!.id))?.amount, '200.00');
    const { invoice } = await h.af.completeReceipt(partial.result.receipt!.url.split('/').pop()!, CARLOS, {
      wait: true,
    });
    assert.equal(invoice.total, '200.00', 'the invoice is for what was kept');
  });

  it('documents a refund that arrives while the invoice is being issued with a credit note', async () => {
    const externalId = nextId();
    const recorded = await h.af.recordPayment(h.merchant.id, {
      source: 'stripe',
      externalId,
      amount: '200.00',
      customer: CARLOS,
    });
    assert.equal(recorded.payment.status, 'issuing');
    const refunded = await h.af.recordRefund(h.merchant.id, {
      source: 'stripe',
      paymentExternalId: externalId,
      refundExternalId: 're_early',
      amount: '50.00',
    });
    assert.equal(refunded.refunds[0]!.outcome, 'pending');
    for (let i = 0; i < 4; i++) {
      await h.af.workJobs();
      await new Promise((resolve) => setTimeout(resolve, 350));
    }
    const { payment } = (await h.af.getPayment(h.merchant.id, recorded.payment.id))!;
    assert.equal(payment.status, 'invoiced');
    assert.equal((await h.af.getInvoice(h.merchant.id, payment.invoiceId!))!.total, '200.00');
    assert.equal(payment.refunds[0]!.outcome, 'credit_note');
    assert.equal((await h.af.getInvoice(h.merchant.id, payment.refunds[0]!.invoiceId!))!.total, '50.00');
  });

  it('refuses a refund of an unknown payment', async () => {
    await assert.rejects(
      h.af.recordRefund(h.merchant.id, {
        source: 'stripe',
        paymentExternalId: 'nope',
        refundExternalId: 're_x',
        amount: '1.00',
      }),
      { code: 'PAYMENT_NOT_FOUND' },
    );
  });
});
