/** `autofactura pac certificate`: the sandbox PAC's certificate (PEM), created in the data dir on first use. */
import { resolve } from 'node:path';
import { sandboxCertificatePem } from '../../core/src/pac/sandbox/index.js';
import { parse, usageError } from './args.js';
import type { Io } from './output.js';

export async function pacCertificate(args: string[], io: Io): Promise<number> {
  const { positionals } = parse(args);
  if (positionals.length > 0) {
    throw usageError('pac certificate no recibe argumentos.', 'pac certificate takes no arguments.');
  }
  io.out(sandboxCertificatePem(resolve(process.env.AUTOFACTURA_DATA_DIR || './data')));
  return 0;
}
