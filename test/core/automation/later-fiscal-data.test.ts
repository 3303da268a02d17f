import assert from 'node:assert/strict';
import { CARLOS, type Harness, harness, nextId } from './harness.js';

describe('automation: fiscal data that arrives with a later event of the same payment (#6)', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());

  it('completes the open receipt with it: the payment is invoiced with no human step', async () => {
    const externalId = nextId();
    const first = await h.af.recordPayment(h.merchant.id, {
      source: 'stripe',
      externalId,
      amount: '899.00',
      method: 'card_credit',
      customer: { email: 'carlos@example.com', externalId: 'cus_later' },
    });
    assert.equal(first.payment.status, 'awaiting_customer');
    const later = await h.af.recordPayment(
      h.merchant.id,
      { source: 'stripe', externalId, amount: '899.00', customer: { ...CARLOS, externalId: 'cus_later' } },
      { wait: true },
    );
    assert.equal(later.created, false);
    assert.equal(later.payment.status, 'invoiced');
    assert.equal(later.invoice?.receiverRfc, CARLOS.rfc);
    const receipt = (await h.store.receipts.get(h.merchant.id, first.payment.receiptId!))!;
    assert.equal(receipt.status, 'invoiced');
    const events = (await h.af.getPayment(h.merchant.id, first.payment.id))!.events.map((e) => e.type);
    assert.ok(events.includes('payment.fiscal_data_arrived'));
  });

  it('changes nothing when the later data is incomplete or does not validate', async () => {
    const externalId = nextId();
    const first = await h.af.recordPayment(h.merchant.id, {
      source: 'stripe',
      externalId,
      amount: '120.00',
      customer: { email: 'ana@example.com' },
    });
    for (const customer of [
      { rfc: CARLOS.rfc, name: CARLOS.name },
      { ...CARLOS, taxRegime: '999' },
    ]) {
      const again = await h.af.recordPayment(h.merchant.id, {
        source: 'stripe',
        externalId,
        amount: '120.00',
        customer,
      });
      assert.equal(again.payment.status, 'awaiting_customer');
    }
    const receipt = (await h.store.receipts.get(h.merchant.id, first.payment.receiptId!))!;
    assert.equal(receipt.status, 'open');
  });
});
