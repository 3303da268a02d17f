import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildClaveProdServ, buildCodigoPostal } from './build-big.js';
import { buildSmallCatalogs } from './build-small.js';
import {
  type CatalogsMeta,
  CLAVE_PROD_SERV_FILE,
  CODIGO_POSTAL_FILE,
  DATA_FORMAT,
  META_FILE,
  SMALL_FILE,
  type SmallCatalogsData,
} from './data-format.js';

export interface ImportCatalogsOptions {
  /** Where the CSVs came from, for meta.json (default: the source folder's name). */
  source?: string;
  /** Revision of the catalogs, for meta.json. */
  revision?: string;
  /** Generation time (default: now). */
  now?: Date;
  /** Called with a short es-MX progress line per step. */
  onProgress?: (message: string) => void;
}

/**
 * Turns SAT's catalog CSVs in `srcDir` (cfdi_40_*.csv, c_ClaveProdServ.csv, c_CodigoPostal.csv) into the
 * compact data set `getCatalogs()` reads, in `outDir`. Every CSV is read and checked before anything is
 * written; the new set is written to a sibling temporary folder and then renamed over `outDir`, so a
 * failed or interrupted import leaves the previous data in place.
 */
export function importCatalogs(
  srcDir: string,
  outDir: string,
  options: ImportCatalogsOptions = {},
): CatalogsMeta {
  const progress = options.onProgress ?? (() => {});
  progress('Leyendo catálogos pequeños (cfdi_40_*.csv)');
  const small = buildSmallCatalogs(srcDir);
  progress('Leyendo c_ClaveProdServ.csv');
  const claveProdServ = buildClaveProdServ(srcDir);
  progress('Leyendo c_CodigoPostal.csv');
  const codigoPostal = buildCodigoPostal(srcDir);

  const data: SmallCatalogsData = { ...small, timeZones: codigoPostal.timeZones };
  const counts: Record<string, number> = {};
  for (const [name, rows] of Object.entries(data)) counts[name] = rows.length;
  counts.claveProdServ = claveProdServ.count;
  counts.codigoPostal = codigoPostal.count;
  const meta: CatalogsMeta = {
    format: DATA_FORMAT,
    source: options.source ?? basename(srcDir),
    revision: options.revision ?? 'desconocida',
    generatedAt: (options.now ?? new Date()).toISOString(),
    counts,
  };

  const parent = dirname(outDir);
  mkdirSync(parent, { recursive: true });
  const stamp = `${process.pid}-${Date.now()}`;
  const tmp = join(parent, `.${basename(outDir)}.import-${stamp}`);
  const old = join(parent, `.${basename(outDir)}.old-${stamp}`);
  try {
    mkdirSync(tmp);
    progress('Escribiendo datos');
    writeFileSync(join(tmp, SMALL_FILE), `${JSON.stringify(data, null, 1)}\n`);
    writeFileSync(join(tmp, CLAVE_PROD_SERV_FILE), gzipSync(claveProdServ.text, { level: 9 }));
    writeFileSync(join(tmp, CODIGO_POSTAL_FILE), gzipSync(codigoPostal.text, { level: 9 }));
    // meta.json last: a folder without it is never taken for a complete set.
    writeFileSync(join(tmp, META_FILE), `${JSON.stringify(meta, null, 2)}\n`);
    keepOtherFiles(outDir, tmp);
    if (existsSync(outDir)) renameSync(outDir, old);
    renameSync(tmp, outDir);
  } catch (error) {
    if (!existsSync(outDir) && existsSync(old)) renameSync(old, outDir);
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
  rmSync(old, { recursive: true, force: true });
  progress(`Listo: ${counts.claveProdServ} claves de producto, ${counts.codigoPostal} códigos postales`);
  return meta;
}

/** Files in the target folder that the import does not produce (e.g. SOURCE.md) survive it. */
function keepOtherFiles(outDir: string, tmp: string): void {
  const ours = new Set([META_FILE, SMALL_FILE, CLAVE_PROD_SERV_FILE, CODIGO_POSTAL_FILE]);
  if (!existsSync(outDir)) return;
  for (const name of readdirSync(outDir)) {
    if (!ours.has(name)) cpSync(join(outDir, name), join(tmp, name), { recursive: true });
  }
}
