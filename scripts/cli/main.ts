/** Entry point of the `autofactura` command: dispatches to one module per command. */
import { catalogsImport } from './catalogs-import.js';
import { cfdiBuild } from './cfdi-build.js';
import { cfdiCadena } from './cfdi-cadena.js';
import { cfdiValidate } from './cfdi-validate.js';
import { cfdiVerify } from './cfdi-verify.js';
import { type Io, langFrom, processIo, reportError } from './output.js';

type Command = (args: string[], io: Io) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  'cfdi build': cfdiBuild,
  'cfdi cadena': cfdiCadena,
  'cfdi validate': cfdiValidate,
  'cfdi verify': cfdiVerify,
  'catalogs import': catalogsImport,
};

const USAGE = {
  es: `Uso: autofactura <comando>

  cfdi build SOLICITUD.json --cer F.cer --key F.key --password P [-o SALIDA.xml]
      Construye, valida y sella un CFDI 4.0 a partir de una solicitud (docs/invoice-request.md).
  cfdi cadena ARCHIVO.xml      Imprime la cadena original del CFDI.
  cfdi validate ARCHIVO.xml    Valida contra el XSD del SAT y las reglas de la matriz de errores.
  cfdi verify ARCHIVO.xml      Verifica el Sello (y el SelloSAT del timbre, si se conoce el certificado).
  catalogs import DIR          Regenera los catálogos del SAT a partir de CSV más recientes.

Opciones generales: --lang es|en (o AUTOFACTURA_LANG).
`,
  en: `Usage: autofactura <command>

  cfdi build REQUEST.json --cer F.cer --key F.key --password P [-o OUT.xml]
      Builds, validates and seals a CFDI 4.0 from an invoice request (docs/invoice-request.md).
  cfdi cadena FILE.xml         Prints the CFDI's cadena original.
  cfdi validate FILE.xml       Validates against SAT's XSD and the error-matrix rules.
  cfdi verify FILE.xml         Verifies the Sello (and the stamp's SelloSAT when its certificate is known).
  catalogs import DIR          Regenerates the SAT catalogs from newer CSV files.

General options: --lang es|en (or AUTOFACTURA_LANG).
`,
};

/** Pulls `--lang X` out of argv (any position). */
function extractLang(argv: string[]): { args: string[]; lang: string | undefined } {
  const args: string[] = [];
  let lang: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--lang') lang = argv[++i];
    else if (arg.startsWith('--lang=')) lang = arg.slice('--lang='.length);
    else args.push(arg);
  }
  return { args, lang };
}

export async function main(argv: string[], io?: Io): Promise<number> {
  const { args, lang } = extractLang(argv);
  const sink = io ?? processIo(langFrom(lang));
  const name = args.slice(0, 2).join(' ');
  const command = COMMANDS[name];
  if (!command) {
    const wantsHelp = args.length === 0 || args[0] === 'help' || args[0] === '--help' || args[0] === '-h';
    (wantsHelp ? sink.out : sink.err)(USAGE[sink.lang]);
    return wantsHelp ? 0 : 2;
  }
  try {
    return await command(args.slice(2), sink);
  } catch (error) {
    return reportError(error, sink);
  }
}
