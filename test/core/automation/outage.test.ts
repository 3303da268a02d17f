/**
 * #4: the PAC fails for a stretch — first with errors, then with timeouts after which the PAC had in
 * fact stamped — while 30 payments arrive. They wait (issuing, sealed XML stored) and are all invoiced
 * once it recovers, each exactly once, with the UUID the PAC gave the first time.
 */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CARLOS, type Harness, harness, nextId } from './harness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('automation: the PAC down for a stretch (#4)', function () {
  this.timeout(300_000);
  let h: Harness;
  before(async () => {
    h = await harness({ maxAttempts: 50 });
  });
  after(() => h.close());

  it('keeps 30 payments waiting through errors and timeouts, then invoices each once', async () => {
    h.pac.outage = 'error';
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      if (i === 15) {
        h.pac.outage = 'timeout';
        h.pac.reachesPac = true;
      }
      const { payment } = await h.af.recordPayment(h.merchant.id, {
        source: 'stripe',
        externalId: nextId('pi_outage'),
        amount: `${200 + i}.50`,
        customer: { ...CARLOS, email: `outage${i}@example.com` },
      });
      ids.push(payment.id);
      await h.af.workJobs();
    }
    for (let round = 0; round < 3; round++) {
      await sleep(350);
      await h.af.workJobs();
    }
    for (const id of ids) {
      const { payment } = (await h.af.getPayment(h.merchant.id, id))!;
      assert.equal(
        payment.status,
        'issuing',
        `waits for the PAC, neither failed nor lost: ${JSON.stringify(payment.failure)}`,
      );
    }
    assert.ok(h.pac.calls.failed >= 30);

    h.pac.outage = false;
    h.pac.reachesPac = false;
    for (let round = 0; round < 10; round++) {
      await sleep(350);
      await h.af.workJobs();
      const statuses = await Promise.all(
        ids.map(async (id) => (await h.af.getPayment(h.merchant.id, id))!.payment.status),
      );
      if (statuses.every((status) => status === 'invoiced')) break;
    }
    const uuids = new Set<string>();
    for (const id of ids) {
      const { payment, events } = (await h.af.getPayment(h.merchant.id, id))!;
      assert.equal(payment.status, 'invoiced');
      const invoices = await h.store.invoices.list(h.merchant.id, { paymentId: id });
      assert.equal(invoices.items.length, 1, 'one CFDI per payment');
      uuids.add(invoices.items[0]!.uuid as string);
      assert.ok(events.some((e) => e.type === 'job.retried'));
    }
    assert.equal(uuids.size, 30);
    // What the PAC stamped during the timeouts is exactly what we stored: nothing issued twice.
    const atPac = (await readdir(join(h.dir, 'pac', 'pac-sandbox', 'cfdi'))).filter((f) =>
      f.endsWith('.xml'),
    );
    const mine = atPac.map((f) => f.slice(0, -4)).filter((uuid) => uuids.has(uuid));
    assert.equal(mine.length, 30);
  });
});
