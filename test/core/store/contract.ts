/**
 * The store contract: one suite every adapter of the storage port (core/src/store/types.ts) passes.
 * It uses only the port, so it runs unchanged against lowdb and PostgreSQL. Every test creates its own
 * merchants with fresh random ids and never assumes empty tables (a PostgreSQL run may share its
 * database with earlier runs), so nothing is truncated and tests do not depend on each other.
 *
 * Usage, in an adapter's test file:
 *   storeContract('lowdb', async () => ({ store, cleanup }));
 */
import type { Store } from '../../../core/src/store/types.js';
import { dashboardContract } from './contract/dashboard.js';
import { blobContract, eventContract } from './contract/events-blobs.js';
import { folioContract, invoiceContract } from './contract/invoices-folios.js';
import { isolationContract } from './contract/isolation.js';
import { jobContract } from './contract/jobs.js';
import { customerContract, merchantContract } from './contract/merchants-customers.js';
import { newestFirstContract } from './contract/newest-first.js';
import { paymentContract, receiptContract } from './contract/payments-receipts.js';
import { webhookContract } from './contract/webhooks.js';

export function storeContract(
  name: string,
  open: () => Promise<{ store: Store; cleanup: () => Promise<void> }>,
): void {
  describe(`store contract: ${name}`, () => {
    let opened: { store: Store; cleanup: () => Promise<void> } | undefined;
    const store = (): Store => {
      if (!opened) throw new Error(`the ${name} store was not opened`);
      return opened.store;
    };

    before(async () => {
      opened = await open();
    });
    after(async () => {
      await opened?.cleanup();
    });

    it('names its kind', () => {
      const kind = store().kind;
      if (typeof kind !== 'string' || kind.length === 0) throw new Error('store.kind must be set');
    });

    merchantContract(store);
    customerContract(store);
    paymentContract(store);
    receiptContract(store);
    newestFirstContract(store);
    invoiceContract(store);
    folioContract(store);
    jobContract(store);
    eventContract(store);
    blobContract(store);
    isolationContract(store);
    webhookContract(store);
    dashboardContract(store);
  });
}
