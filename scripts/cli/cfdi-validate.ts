/** `autofactura cfdi validate FILE.xml`: SAT's XSD plus the matrix rules; exit 1 with `CODE message` lines. */
import { readFile } from 'node:fs/promises';
import { validateCfdiXml } from '../../core/src/cfdi/validate-xml.js';
import { onePositional, parse } from './args.js';
import { detailLine, type Io } from './output.js';

export async function cfdiValidate(args: string[], io: Io): Promise<number> {
  const { positionals } = parse(args);
  const file = onePositional(positionals, 'archivo XML', 'XML file');
  const report = await validateCfdiXml(await readFile(file, 'utf8'));
  for (const warning of report.warnings) io.err(detailLine(warning, io.lang));
  if (!report.valid) {
    for (const error of report.errors) io.err(detailLine(error, io.lang));
    return 1;
  }
  io.out(io.lang === 'en' ? 'Valid CFDI 4.0\n' : 'CFDI 4.0 válido\n');
  return 0;
}
