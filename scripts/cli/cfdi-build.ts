/** `autofactura cfdi build REQUEST.json --cer F.cer --key F.key --password P [-o OUT.xml]`. */
import { readFile, writeFile } from 'node:fs/promises';
import { buildComprobante, sealComprobante } from '../../core/src/cfdi/build.js';
import { AutofacturaError } from '../../core/src/errors.js';
import { loadCsd } from '../../core/src/fiscal/csd/index.js';
import { onePositional, parse, usageError } from './args.js';
import { detailLine, type Io } from './output.js';

export async function cfdiBuild(args: string[], io: Io): Promise<number> {
  const { positionals, values } = parse(args, {
    cer: { type: 'string' },
    key: { type: 'string' },
    password: { type: 'string' },
    output: { type: 'string', short: 'o' },
  });
  const file = onePositional(positionals, 'archivo de solicitud JSON', 'JSON request file');
  const { cer, key, password } = values as { cer?: string; key?: string; password?: string; output?: string };
  if (!cer || !key || password === undefined) {
    throw usageError(
      'Faltan --cer, --key y --password: indica el certificado (.cer), la llave privada (.key) y la contraseña del CSD.',
      'Missing --cer, --key and --password: give the CSD certificate (.cer), private key (.key) and password.',
    );
  }
  const request = parseJson(await readFile(file, 'utf8'), file);
  const csd = loadCsd({ certificate: await readFile(cer), privateKey: await readFile(key), password });
  const built = buildComprobante(request);
  for (const warning of built.warnings) io.err(detailLine(warning, io.lang));
  const sealed = sealComprobante(built.comprobante, csd);
  const output = (values as { output?: string }).output;
  if (output) await writeFile(output, sealed.xml);
  else io.out(sealed.xml);
  return 0;
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new AutofacturaError({
      code: 'REQUEST_JSON',
      message: `${file} no es JSON válido (${detail}). Revisa comas, comillas y llaves.`,
      messageEn: `${file} is not valid JSON (${detail}). Check commas, quotes and braces.`,
    });
  }
}
