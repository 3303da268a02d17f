/** `autofactura cfdi cadena FILE.xml`: prints the cadena original and nothing else (no final newline). */
import { readFile } from 'node:fs/promises';
import { cadenaOriginal } from '../../core/src/cfdi/cadena/index.js';
import { parseXml } from '../../core/src/xml/parse.js';
import { onePositional, parse } from './args.js';
import type { Io } from './output.js';

export async function cfdiCadena(args: string[], io: Io): Promise<number> {
  const { positionals } = parse(args);
  const file = onePositional(positionals, 'archivo XML', 'XML file');
  const tree = parseXml(await readFile(file));
  io.out(cadenaOriginal(tree));
  return 0;
}
