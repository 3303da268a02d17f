import assert from 'node:assert/strict';
import { createContext } from '../../../core/src/automation/context.js';
import { stampDocument } from '../../../core/src/automation/documents.js';
import { issueInvoice } from '../../../core/src/automation/issue.js';
import { createMailer } from '../../../core/src/notify/mailer.js';
import { CARLOS, type Harness, harness, nextId } from './harness.js';

/**
 * Two workers stamping the same sealed CFDI at once (the inline attempt and its safety-net job): one
 * UUID, one stamped record, and the fact told once in the payment's log.
 */
describe('automation: two concurrent stamps of one sealed CFDI', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());

  it('stamps once and logs invoice.stamped once', async () => {
    const ctx = createContext({
      store: h.store,
      pac: h.pac,
      mailer: createMailer({ outboxDir: h.outbox }),
      secrets: h.secrets,
    });
    const { payment } = await h.af.recordPayment(h.merchant.id, {
      source: 'api',
      externalId: nextId(),
      amount: '116.00',
      method: 'transfer',
      customer: { email: 'carlos@example.com', ...CARLOS },
    });
    const sealed = await issueInvoice(ctx, h.merchant.id, { paymentIds: [payment.id] }, { stamp: false });
    assert.equal(sealed?.status, 'sealed');
    const both = await Promise.all([
      stampDocument(ctx, h.merchant, sealed!),
      stampDocument(ctx, h.merchant, sealed!),
    ]);
    assert.equal(both[0].uuid, both[1].uuid);
    assert.equal((await h.store.invoices.get(h.merchant.id, sealed!.id))?.status, 'stamped');
    const { events } = (await h.af.getPayment(h.merchant.id, payment.id))!;
    assert.equal(events.filter((e) => e.type === 'invoice.stamped').length, 1);
  });
});
