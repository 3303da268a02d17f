/** `autofactura cfdi verify FILE.xml`: exit 0 when the Sello (and a known SelloSAT) verify. */
import { readFile } from 'node:fs/promises';
import { verifyCfdi } from '../../core/src/cfdi/verify/index.js';
import { onePositional, parse } from './args.js';
import { detailLine, type Io } from './output.js';

export async function cfdiVerify(args: string[], io: Io): Promise<number> {
  const { positionals } = parse(args);
  const file = onePositional(positionals, 'archivo XML', 'XML file');
  const result = verifyCfdi(await readFile(file));
  if (!result.ok) {
    for (const problem of result.problems) io.err(detailLine(problem, io.lang));
    return 1;
  }
  const en = io.lang === 'en';
  const lines = [en ? 'Sello: valid' : 'Sello: válido'];
  if (result.tfd) {
    const sat = result.tfd.selloSat;
    if (sat === 'valid') lines.push(en ? 'SelloSAT: valid' : 'SelloSAT: válido');
    else
      lines.push(
        en
          ? 'SelloSAT: not checked (PAC certificate unknown)'
          : 'SelloSAT: no verificado (certificado del PAC desconocido)',
      );
  }
  io.out(`${lines.join('\n')}\n`);
  return 0;
}
