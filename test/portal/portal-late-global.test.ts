/**
 * The self-invoice portal for a purchase that already went into the factura global: within the merchant's
 * re-invoice window the customer still gets the form, told what will happen, and their invoice (#7).
 */
import assert from 'node:assert/strict';
import { lastMonth } from '../core/global/global-harness.js';
import { CARLOS_FORM, type PortalHarness, portalHarness } from './portal-harness.js';

describe('portal: asking for an invoice after the factura global (#7)', function () {
  this.timeout(120_000);
  let h: PortalHarness;
  before(async () => {
    h = await portalHarness();
  });
  after(() => h.close());

  it('shows the form with the deadline, then re-issues the global with motive 04 and invoices the customer', async () => {
    const month = lastMonth();
    const open = await h.openReceipt('348.00', { paid_at: month.at(10, 12) });
    // Its link ran out (the precondition of a global), without waiting days for it.
    const receipt = (await h.store.receipts.get(h.merchantIds.a, open.receipt.id))!;
    await h.store.receipts.update(
      {
        ...receipt,
        expiresAt: new Date(Date.now() - 60_000).toISOString(),
        updatedAt: new Date().toISOString(),
      },
      receipt.updatedAt,
    );
    const [global] = (await h.af.closeGlobal(h.merchantIds.a, { period: month.key })).invoices;
    assert.equal(global?.status, 'stamped');

    const b = h.browser();
    const page = await b.get(open.path);
    assert.equal(page.status, 200);
    assert.match(page.text, /ya se incluyó en la factura global del periodo\. Si pides tu factura antes del/);
    assert.match(page.text, /name="rfc"/);

    const done = await b.post(open.path, CARLOS_FORM);
    assert.equal(done.status, 303, done.text.slice(0, 2000));
    const after = (await h.store.receipts.get(h.merchantIds.a, open.receipt.id))!;
    assert.equal(after.status, 'invoiced');
    const invoice = (await h.af.getInvoice(h.merchantIds.a, after.invoiceId!))!;
    assert.equal(invoice.receiverRfc, CARLOS_FORM.rfc);
    assert.equal(invoice.status, 'stamped');
    assert.equal((await h.af.getInvoice(h.merchantIds.a, global!.id!))!.status, 'cancelled');

    const shown = await b.get(open.path);
    assert.equal(shown.status, 200);
    assert.match(shown.text, new RegExp(invoice.uuid!));
  });
});
