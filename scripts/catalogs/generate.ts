/**
 * Regenerates the bundled SAT catalogs (core/data/catalogs) from SAT's CSVs and rewrites its SOURCE.md.
 *   npm run catalogs:generate [-- SRC_DIR]      (default SRC_DIR: ../shared/sat/catalogs/csv from the repo root)
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importCatalogs } from '../../core/src/catalogs/import.js';
import { writeSourceMd } from './source-md.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const srcDir = resolve(root, process.argv[2] ?? '../shared/sat/catalogs/csv');
const outDir = resolve(root, 'core/data/catalogs');

export const REVISION =
  'cfdi_40_*: phpcfdi/resources-sat-catalogs database 10.14.20260806; ' +
  'c_ClaveProdServ: SAT catCFDI Versión 2 Revisión 2 (vigencia 2019-01-07); ' +
  'c_CodigoPostal: SAT catCFDI_V_40_18012022 (enero 2022)';

const meta = importCatalogs(srcDir, outDir, {
  source: 'SAT catálogos CFDI 4.0 (copias públicas en CSV; ver SOURCE.md)',
  revision: REVISION,
  onProgress: (line) => console.log(line),
});

console.log('Midiendo tiempos de carga');
const measured = execFileSync(
  process.execPath,
  ['--expose-gc', '--import', 'tsx', resolve(root, 'scripts/catalogs/measure.ts'), outDir],
  {
    encoding: 'utf8',
  },
);
writeSourceMd(outDir, meta, JSON.parse(measured));
console.log(`Escrito ${outDir}`);
