import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { META_FILE } from './data-format.js';
import { loadCatalogs } from './load.js';
import type { Catalogs } from './types.js';

export { generateCatCfdiXsd } from './cat-cfdi-xsd.js';
export { type ImportCatalogsOptions, importCatalogs } from './import.js';
export { loadCatalogs } from './load.js';
export type * from './types.js';

/** The catalogs shipped with autofactura (core/data/catalogs). */
export const BUNDLED_CATALOGS_DIR = fileURLToPath(new URL('../../data/catalogs/', import.meta.url));

let cached: Catalogs | undefined;

/**
 * Where the catalogs are read from: `AUTOFACTURA_CATALOGS_DIR` when set; otherwise the set imported with
 * `autofactura catalogs import` into `${AUTOFACTURA_DATA_DIR:-./data}/catalogs` when there is one (it has
 * meta.json); otherwise the bundled set.
 */
export function catalogsDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.AUTOFACTURA_CATALOGS_DIR) return resolve(env.AUTOFACTURA_CATALOGS_DIR);
  const imported = resolve(env.AUTOFACTURA_DATA_DIR || './data', 'catalogs');
  if (existsSync(join(imported, META_FILE))) return imported;
  return BUNDLED_CATALOGS_DIR;
}

/** The SAT catalogs, loaded once per process (big catalogs on first lookup). */
export function getCatalogs(): Catalogs {
  cached ??= loadCatalogs(catalogsDir());
  return cached;
}

/** Forgets the loaded catalogs, so the next getCatalogs() reads them again (after an import, in tests). */
export function resetCatalogs(): void {
  cached = undefined;
}
