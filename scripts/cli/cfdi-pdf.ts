/**
 * `autofactura cfdi pdf FILE.xml -o OUT.pdf [--lang en] [--logo F.png] [--color #RRGGBB]
 *  [--trade-name NAME] [--cancelled [--cancelled-at FECHA]]`: the printed representation of a CFDI.
 * The PDF's language follows the general --lang option.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { renderCfdiPdf } from '../../core/src/pdf/index.js';
import { onePositional, parse, usageError } from './args.js';
import type { Io } from './output.js';

export async function cfdiPdf(args: string[], io: Io): Promise<number> {
  const { positionals, values } = parse(args, {
    output: { type: 'string', short: 'o' },
    logo: { type: 'string' },
    color: { type: 'string' },
    'trade-name': { type: 'string' },
    cancelled: { type: 'boolean' },
    'cancelled-at': { type: 'string' },
  });
  const file = onePositional(positionals, 'archivo XML', 'XML file');
  const options = values as {
    output?: string;
    logo?: string;
    color?: string;
    'trade-name'?: string;
    cancelled?: boolean;
    'cancelled-at'?: string;
  };
  if (!options.output) {
    throw usageError(
      'Falta -o SALIDA.pdf: indica dónde escribir el PDF.',
      'Missing -o OUT.pdf: say where to write the PDF.',
    );
  }
  const cancelledAt = options['cancelled-at'];
  const pdf = await renderCfdiPdf(await readFile(file), {
    lang: io.lang,
    branding: {
      ...(options.logo ? { logo: await readFile(options.logo) } : {}),
      ...(options.color ? { color: options.color } : {}),
      ...(options['trade-name'] ? { tradeName: options['trade-name'] } : {}),
    },
    ...(options.cancelled || cancelledAt ? { cancelled: cancelledAt ? { at: cancelledAt } : {} } : {}),
  });
  await writeFile(options.output, pdf);
  return 0;
}
