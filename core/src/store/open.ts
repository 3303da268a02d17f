/**
 * openStore: the store the environment asks for — PostgreSQL when DATABASE_URL is set (DESIGN.md, Scale),
 * (tables in DATABASE_SCHEMA, default public), otherwise the embedded lowdb store in the data directory. Each adapter is imported only when chosen,
 * so the embedded default never loads `pg` and a PostgreSQL deployment never touches the data folder.
 */
import type { Store } from './types.js';

export interface OpenStoreOptions {
  env?: NodeJS.ProcessEnv;
  /** autofactura's data directory (AUTOFACTURA_DATA_DIR, default ./data): lowdb keeps its files there. */
  dataDir: string;
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const env = options.env ?? process.env;
  const url = env.DATABASE_URL?.trim();
  if (url) {
    const { openPostgresStore } = await import('./postgres/index.js');
    const schema = env.DATABASE_SCHEMA?.trim();
    return openPostgresStore({ connectionString: url, ...(schema ? { schema } : {}) });
  }
  const { openLowdbStore } = await import('./lowdb/index.js');
  return openLowdbStore({ dataDir: options.dataDir });
}
