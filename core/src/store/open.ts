/**
 * openStore: the store the environment asks for — PostgreSQL when DATABASE_URL is set (DESIGN.md, Scale),
 * otherwise the embedded lowdb store in the data directory. Each adapter is imported only when chosen,
 * so the embedded default never loads `pg` and a PostgreSQL deployment never touches the data folder.
 */
import type { Store } from './types.js';

export interface OpenStoreOptions {
  env?: NodeJS.ProcessEnv;
  /** autofactura's data directory (AUTOFACTURA_DATA_DIR, default ./data): lowdb keeps its files there. */
  dataDir: string;
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const url = (options.env ?? process.env).DATABASE_URL?.trim();
  if (url) {
    const { openPostgresStore } = await import('./postgres/index.js');
    return openPostgresStore({ connectionString: url });
  }
  const { openLowdbStore } = await import('./lowdb/index.js');
  return openLowdbStore({ dataDir: options.dataDir });
}
