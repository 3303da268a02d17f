import assert from 'node:assert/strict';
import { receiptExpiry } from '../../../core/src/automation/periods.js';
import { CARLOS, type Harness, harness, nextId } from './harness.js';

const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);

describe('automation: receipts and the self-invoice portal (#4)', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());

  it('opens a receipt with an unguessable link and emails it when the fiscal data is missing', async () => {
    const before = Date.now();
    const result = await h.af.recordPayment(h.merchant.id, {
      source: 'stripe',
      externalId: nextId(),
      amount: '349.00',
      method: 'card_debit',
      customer: { email: 'ana@example.com', name: 'Ana', externalId: 'cus_ana' },
    });
    assert.equal(result.payment.status, 'awaiting_customer');
    const receipt = result.receipt!;
    assert.equal(receipt.status, 'open');
    assert.equal(receipt.amount, '349.00');
    const token = tokenOf(receipt.url);
    assert.match(
      receipt.url,
      /^https:\/\/facturas\.example\.com\/escuela-kemper-[0-9a-f]{6}\/r\/[A-Za-z0-9_-]{43}$/,
    );
    assert.ok(Buffer.from(token, 'base64url').length * 8 >= 128, 'at least 128 random bits');
    assert.notEqual(receipt.tokenHash, token);
    assert.ok(
      !JSON.stringify(receipt).replace(receipt.url, '').includes(token),
      'the token is not stored in the clear',
    );

    const expected = receiptExpiry({
      paidAt: new Date(receipt.paidAt),
      now: new Date(before),
      receiptDays: 7,
      periodicity: 'monthly',
    });
    assert.ok(Math.abs(new Date(receipt.expiresAt).getTime() - expected.getTime()) < 60_000);

    await h.af.workJobs();
    const mails = await h.mails();
    assert.equal(mails.length, 1);
    assert.match(mails[0]!.subject ?? '', /Solicita la factura/);
    assert.ok(mails[0]!.text?.includes(receipt.url), 'the email carries the link');
    const found = await h.af.receiptByToken(token);
    assert.equal(found?.receipt.id, receipt.id);
    assert.equal(found?.merchant.id, h.merchant.id);
    assert.equal(await h.af.receiptByToken(`${token.slice(0, -2)}xx`), null);

    const { events } = (await h.af.getPayment(h.merchant.id, result.payment.id))!;
    assert.deepEqual(
      events.map((e) => e.type),
      ['payment.received', 'receipt.created', 'payment.decided', 'email.sent', 'receipt.sent'],
    );
    assert.equal(events[2]!.data.reason, 'fiscal_data_missing');
  });

  it('invoices the receipt once the customer completes their data, and the next payment automatically', async () => {
    const first = await h.af.recordPayment(h.merchant.id, {
      source: 'stripe',
      externalId: nextId(),
      amount: '500.00',
      method: 'cash',
      customer: { email: 'carlos.c@example.com' },
    });
    const token = tokenOf(first.receipt!.url);
    const { invoice, receipts } = await h.af.completeReceipt(
      token,
      { ...CARLOS, name: ' carlos cortes soto ' },
      { wait: true },
    );
    assert.equal(invoice.status, 'stamped');
    assert.equal(invoice.receiverName, 'CARLOS CORTES SOTO');
    assert.equal(invoice.total, '500.00');
    assert.deepEqual(invoice.receiptIds, [first.receipt!.id]);
    assert.equal(receipts[0]!.status, 'invoiced');
    assert.ok(h.verify((await h.af.invoiceXml(h.merchant.id, invoice.id))!).ok);
    const payment = (await h.af.getPayment(h.merchant.id, first.payment.id))!.payment;
    assert.equal(payment.status, 'invoiced');

    const again = await h.af.completeReceipt(token, CARLOS);
    assert.equal(again.invoice.id, invoice.id, 'a second submit returns the same invoice');

    const next = await h.af.recordPayment(
      h.merchant.id,
      { source: 'api', externalId: nextId(), amount: '120.00', customer: { email: 'CARLOS.C@example.com' } },
      { wait: true },
    );
    assert.equal(next.payment.status, 'invoiced', 'matched by email, fiscal data kept');
    assert.equal(next.invoice?.receiverRfc, CARLOS.rfc);
  });

  it('sends the invoice to the email the customer typed on the portal, not the one the payment brought', async () => {
    const paid = await h.af.recordPayment(h.merchant.id, {
      source: 'stripe',
      externalId: nextId(),
      amount: '230.00',
      method: 'cash',
      customer: { email: 'old.inbox@example.com', externalId: 'cus_moved' },
    });
    await h.af.workJobs();
    const before = (await h.mails()).length;
    const { invoice } = await h.af.completeReceipt(
      tokenOf(paid.receipt!.url),
      { ...CARLOS, rfc: 'XIQB891116QE4', name: 'BERENICE XIMO QUEZADA', email: 'Facturas@Nuevo.example.com' },
      { wait: true },
    );
    await h.af.workJobs();
    const mail = (await h.mails())
      .slice(before)
      .find((m) => m.attachments.some((a) => a.filename === `${invoice.uuid}.xml`));
    assert.ok(mail, 'the invoice was emailed');
    assert.equal(
      mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : '',
      'facturas@nuevo.example.com',
    );
    const customer = (await h.store.customers.get(h.merchant.id, invoice.customerId!))!;
    assert.equal(customer.email, 'facturas@nuevo.example.com', 'kept for the next purchase');
  });

  it('invoices several open receipts of one customer together', async () => {
    const customer = { email: 'lupita@example.com', externalId: 'cus_lupita' };
    const a = await h.af.recordPayment(h.merchant.id, {
      source: 'stripe',
      externalId: nextId(),
      amount: '100.00',
      customer,
    });
    const b = await h.af.recordPayment(h.merchant.id, {
      source: 'stripe',
      externalId: nextId(),
      amount: '50.50',
      customer,
    });
    const { invoice } = await h.af.completeReceipt(
      tokenOf(a.receipt!.url),
      { rfc: 'XIQB891116QE4', name: 'BERENICE XIMO QUEZADA', taxRegime: '612', zip: '06300', cfdiUse: 'G03' },
      { alsoReceiptIds: [b.receipt!.id], wait: true },
    );
    assert.equal(invoice.total, '150.50');
    assert.deepEqual([...invoice.paymentIds].sort(), [a.payment.id, b.payment.id].sort());
    assert.equal((await h.af.getPayment(h.merchant.id, b.payment.id))!.payment.status, 'invoiced');
  });

  it('refuses invalid fiscal data with coded errors and writes nothing', async () => {
    const result = await h.af.recordPayment(h.merchant.id, {
      source: 'api',
      externalId: nextId(),
      amount: '80.00',
      customer: { email: 'typo@example.com' },
    });
    const before = await h.af.getPayment(h.merchant.id, result.payment.id);
    const customerBefore = await h.store.customers.get(h.merchant.id, result.payment.customerId!);
    await assert.rejects(
      h.af.completeReceipt(tokenOf(result.receipt!.url), {
        rfc: 'COSC8001137NA',
        name: 'CARLOS CORTES SOTO S.A. DE C.V.',
        taxRegime: '601',
        zip: '00000',
        cfdiUse: 'D01',
      }),
      (error: {
        code: string;
        status: number;
        details: { code: string; path?: string; messageEn?: string }[];
      }) => {
        assert.equal(error.status, 422);
        const codes = error.details.map((d) => `${d.code}@${d.path}`);
        assert.ok(codes.includes('RECEPTOR_NOMBRE_REGIMEN_CAPITAL@name'), codes.join());
        assert.ok(codes.includes('RECEPTOR_CODIGO_POSTAL@zip'), codes.join());
        assert.ok(codes.includes('CFDI40158@taxRegime'), codes.join());
        assert.ok(error.details.every((d) => d.messageEn));
        return true;
      },
    );
    assert.deepEqual(await h.af.getPayment(h.merchant.id, result.payment.id), before);
    assert.deepEqual(await h.store.customers.get(h.merchant.id, result.payment.customerId!), customerBefore);
    assert.equal((await h.store.receipts.get(h.merchant.id, result.receipt!.id))?.status, 'open');
  });

  it('answers an unknown token with RECEIPT_NOT_FOUND', async () => {
    await assert.rejects(h.af.completeReceipt('x'.repeat(43), CARLOS), { code: 'RECEIPT_NOT_FOUND' });
  });
});
