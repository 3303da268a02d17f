/**
 * openPostgresStore: the PostgreSQL adapter of the storage port (DESIGN.md, store and Scale). Opening
 * applies pending migrations; every repository is safe to use from several processes at once.
 */
import type { Store } from '../types.js';
import { blobStore } from './blobs.js';
import { customerRepo } from './customers.js';
import { dashboardSessionRepo, dashboardUserRepo, loginThrottleRepo } from './dashboard.js';
import { Db } from './db.js';
import { eventRepo } from './events.js';
import { folioRepo } from './folios.js';
import { invoiceRepo } from './invoices.js';
import { jobRepo } from './jobs.js';
import { merchantRepo } from './merchants.js';
import { migrate } from './migrate.js';
import { paymentRepo } from './payments.js';
import { receiptRepo } from './receipts.js';
import { webhookAttemptRepo, webhookEndpointRepo } from './webhooks.js';

export interface PostgresStoreOptions {
  /** postgres://user:password@host:port/database (DATABASE_URL). */
  connectionString: string;
  /** PostgreSQL schema holding the tables, created if absent; default "public". */
  schema?: string;
  /** Connections in the pool; default 10. */
  poolSize?: number;
}

export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const db = new Db({
    connectionString: options.connectionString,
    schema: options.schema ?? 'public',
    ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }),
  });
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  let closed: Promise<void> | undefined;
  return {
    kind: 'postgres',
    merchants: merchantRepo(db),
    customers: customerRepo(db),
    payments: paymentRepo(db),
    receipts: receiptRepo(db),
    invoices: invoiceRepo(db),
    folios: folioRepo(db),
    jobs: jobRepo(db),
    events: eventRepo(db),
    webhookEndpoints: webhookEndpointRepo(db),
    webhookAttempts: webhookAttemptRepo(db),
    blobs: blobStore(db),
    dashboardUsers: dashboardUserRepo(db),
    dashboardSessions: dashboardSessionRepo(db),
    loginThrottle: loginThrottleRepo(db),
    close() {
      closed ??= db.close();
      return closed;
    },
  };
}
