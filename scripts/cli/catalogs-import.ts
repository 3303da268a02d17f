/** `autofactura catalogs import DIR`: regenerates the catalog data from newer SAT CSVs. */
import { importCatalogs } from '../../core/src/catalogs/import.js';
import { onePositional, parse } from './args.js';
import type { Io } from './output.js';

export async function catalogsImport(args: string[], io: Io): Promise<number> {
  const { positionals, values } = parse(args, { out: { type: 'string' } });
  const dir = onePositional(positionals, 'directorio de CSV', 'CSV directory');
  const outDir = (values as { out?: string }).out ?? defaultOutDir();
  await importCatalogs(dir, outDir, {
    onProgress: (step: string) => io.err(`${step}\n`),
  });
  io.out(
    io.lang === 'en'
      ? `Catalogs imported into ${outDir}. autofactura will use them from now on.\n`
      : `Catálogos importados en ${outDir}. autofactura los usará a partir de ahora.\n`,
  );
  return 0;
}

function defaultOutDir(): string {
  return `${process.env.AUTOFACTURA_DATA_DIR ?? './data'}/catalogs`;
}
