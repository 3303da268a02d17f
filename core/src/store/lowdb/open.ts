/**
 * The embedded store: lowdb JSON files in `<dataDir>/db/`, blobs in `<dataDir>/blobs/`. One process per
 * data folder (db/LOCK). Layout:
 *
 *   db/LOCK                                  pid of the process using the folder
 *   db/merchants/00000000.json               merchants, in chunks of 256
 *   db/m/<merchantId>/folios.json            series -> next folio
 *   db/m/<merchantId>/<collection>/NNNNNNNN.json
 *                                            customers, payments, receipts, invoices, jobs, events:
 *                                            chunks of 256 records in insertion order
 *
 * A write rewrites one chunk (bounded size) durably before it is acknowledged; everything is read into
 * memory with its indexes when the store opens.
 */
import { join, resolve } from 'node:path';
import { ensureDir } from '../durable-file.js';
import { StoreError } from '../errors.js';
import type { Store } from '../types.js';
import { blobStore } from './blobs.js';
import { customerRepo } from './customers.js';
import { dashboardSessionRepo, loginThrottleRepo } from './dashboard-sessions.js';
import { dashboardUserRepo } from './dashboard-users.js';
import { eventRepo } from './events.js';
import { folioRepo } from './folios.js';
import { invoiceRepo } from './invoices.js';
import { jobRepo } from './jobs.js';
import { acquireLock } from './lock.js';
import { merchantRepo } from './merchants.js';
import { Mutex } from './mutex.js';
import { paymentRepo } from './payments.js';
import { receiptRepo } from './receipts.js';
import { webhookAttemptRepo, webhookEndpointRepo } from './webhooks.js';

function closedError(): StoreError {
  return new StoreError({
    code: 'STORE_UNAVAILABLE',
    message: 'La base de datos lowdb ya se cerró; abre el almacén de nuevo para escribir.',
    messageEn: 'The lowdb store is closed; open it again to write.',
    status: 503,
  });
}

export interface LowdbStoreOptions {
  /** autofactura's data directory (AUTOFACTURA_DATA_DIR). */
  dataDir: string;
}

export async function openLowdbStore(options: LowdbStoreOptions): Promise<Store> {
  const dataDir = resolve(options.dataDir);
  const dbDir = join(dataDir, 'db');
  await ensureDir(dbDir);
  const unlock = await acquireLock(dbDir);
  try {
    const mutex = new Mutex();
    const [merchants, customers, payments, receipts, invoices, jobs, events] = await Promise.all([
      merchantRepo(dbDir, mutex),
      customerRepo(dbDir, mutex),
      paymentRepo(dbDir, mutex),
      receiptRepo(dbDir, mutex),
      invoiceRepo(dbDir, mutex),
      jobRepo(dbDir, mutex),
      eventRepo(dbDir, mutex),
    ]);
    const [webhookEndpoints, webhookAttempts] = await Promise.all([
      webhookEndpointRepo(dbDir, mutex),
      webhookAttemptRepo(dbDir, mutex),
    ]);
    const [dashboardUsers, dashboardSessions, loginThrottle] = await Promise.all([
      dashboardUserRepo(dbDir, mutex),
      dashboardSessionRepo(dbDir, mutex),
      loginThrottleRepo(dbDir, mutex),
    ]);
    return {
      kind: 'lowdb',
      merchants,
      customers,
      payments,
      receipts,
      invoices,
      folios: folioRepo(dbDir, mutex, invoices.maxFolio),
      jobs,
      events,
      webhookEndpoints,
      webhookAttempts,
      blobs: blobStore(join(dataDir, 'blobs')),
      dashboardUsers,
      dashboardSessions,
      loginThrottle,
      async close() {
        // Writes already queued finish before the folder is released; later ones are refused.
        await mutex.close(closedError);
        await unlock();
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}
