/**
 * The store the pipeline tests run on: the embedded lowdb store in the test's temp folder (the default
 * deployment), or PostgreSQL with AUTOFACTURA_TEST_STORE=postgres (a fresh schema per harness).
 */
import { openLowdbStore } from '../../../core/src/store/lowdb/index.js';
import { openPostgresStore } from '../../../core/src/store/postgres/index.js';
import type { Store } from '../../../core/src/store/types.js';
import { freshSchema, postgresUrl } from '../../support/postgres.js';

export async function openTestStore(dataDir: string): Promise<Store> {
  if (process.env.AUTOFACTURA_TEST_STORE === 'postgres') {
    return openPostgresStore({ connectionString: await postgresUrl(), schema: freshSchema() });
  }
  return openLowdbStore({ dataDir });
}
