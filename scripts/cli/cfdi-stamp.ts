/**
 * `autofactura cfdi stamp FILE.xml [-o OUT.xml]`: sends a sealed CFDI to the PAC (the sandbox unless
 * `PAC` is set) and prints the stamped XML, or writes it to OUT.xml. A rejection exits 1 with the PAC's
 * `CODE message` (e.g. `401 ...`).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pacFromEnv } from '../../core/src/pac/from-env.js';
import { onePositional, parse } from './args.js';
import type { Io } from './output.js';

export async function cfdiStamp(args: string[], io: Io): Promise<number> {
  const { positionals, values } = parse(args, { output: { type: 'string', short: 'o' } });
  const file = onePositional(positionals, 'archivo XML sellado', 'sealed XML file');
  const xml = await readFile(file, 'utf8');
  const dataDir = resolve(process.env.AUTOFACTURA_DATA_DIR || './data');
  const pac = pacFromEnv(process.env, { dataDir });
  const stamped = await pac.stamp(xml);
  if (stamped.duplicate) {
    io.err(
      io.lang === 'en'
        ? `307 The PAC had already stamped this CFDI: it returned the same timbre (UUID ${stamped.uuid}).\n`
        : `307 El PAC ya había timbrado este CFDI: devolvió el mismo timbre (UUID ${stamped.uuid}).\n`,
    );
  }
  const output = (values as { output?: string }).output;
  if (output) await writeFile(output, stamped.xml);
  else io.out(stamped.xml);
  return 0;
}
