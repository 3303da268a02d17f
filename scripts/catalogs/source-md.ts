import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogsMeta } from '../../core/src/catalogs/data-format.js';
import {
  CLAVE_PROD_SERV_FILE,
  CODIGO_POSTAL_FILE,
  META_FILE,
  SMALL_FILE,
} from '../../core/src/catalogs/data-format.js';
import type { Measurement } from './measure.js';

interface Measurements {
  small: Measurement;
  claveProdServ: Measurement;
  codigoPostal: Measurement;
  lookupUs: number;
}

const kb = (dir: string, file: string) => `${Math.round(statSync(join(dir, file)).size / 1024)} KiB`;

/** Writes core/data/catalogs/SOURCE.md from the template next to this script. */
export function writeSourceMd(dir: string, meta: CatalogsMeta, m: Measurements): void {
  const template = readFileSync(new URL('./SOURCE.template.md', import.meta.url), 'utf8');
  const values: Record<string, string> = {
    generatedAt: meta.generatedAt,
    revision: meta.revision,
    counts: Object.entries(meta.counts)
      .map(([name, count]) => `${name} ${count}`)
      .join(', '),
    metaSize: kb(dir, META_FILE),
    smallSize: kb(dir, SMALL_FILE),
    cpsSize: kb(dir, CLAVE_PROD_SERV_FILE),
    cpSize: kb(dir, CODIGO_POSTAL_FILE),
    smallMs: String(m.small.ms),
    smallMb: String(m.small.heapMb),
    cpsMs: String(m.claveProdServ.ms),
    cpsMb: String(m.claveProdServ.heapMb),
    cpsExt: String(m.claveProdServ.externalMb),
    cpExt: String(m.codigoPostal.externalMb),
    cpMs: String(m.codigoPostal.ms),
    cpMb: String(m.codigoPostal.heapMb),
    lookupUs: String(m.lookupUs),
    node: process.version,
  };
  const text = template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? `{{${name}}}`);
  writeFileSync(join(dir, 'SOURCE.md'), text);
}
