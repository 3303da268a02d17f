/**
 * `autofactura cfdi cancel FILE.xml --motive 02 --cer F.cer --key F.key --password P [--replacement UUID]`:
 * asks the PAC to cancel the stamped CFDI in FILE.xml with the issuer's CSD and prints the resulting
 * status (e.g. "Cancelado sin aceptación", or "En proceso" while the receptor decides).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AutofacturaError } from '../../core/src/errors.js';
import { loadCsd } from '../../core/src/fiscal/csd/index.js';
import { pacFromEnv } from '../../core/src/pac/from-env.js';
import type { CancellationMotive } from '../../core/src/pac/port.js';
import { parseXml } from '../../core/src/xml/parse.js';
import { firstChild, NS } from '../../core/src/xml/tree.js';
import { onePositional, parse, usageError } from './args.js';
import type { Io } from './output.js';

const MOTIVES = ['01', '02', '03', '04'];

interface StampedFacts {
  uuid: string;
  issuerRfc: string;
  total: string;
  receiverRfc: string;
}

export function stampedFacts(xml: Buffer, file: string): StampedFacts {
  const root = parseXml(xml);
  const emisor = firstChild(root, NS.cfdi, 'Emisor');
  const receptor = firstChild(root, NS.cfdi, 'Receptor');
  const complementos = root.children.filter((c) => c.ns === NS.cfdi && c.local === 'Complemento');
  const tfd = complementos.map((c) => firstChild(c, NS.tfd, 'TimbreFiscalDigital')).find(Boolean);
  if (
    root.ns !== NS.cfdi ||
    root.local !== 'Comprobante' ||
    tfd === undefined ||
    receptor === undefined ||
    emisor === undefined
  ) {
    throw new AutofacturaError({
      code: 'CFDI_NOT_STAMPED',
      message: `${file} no es un CFDI timbrado (no tiene TimbreFiscalDigital). Indica el XML que devolvió el PAC.`,
      messageEn: `${file} is not a stamped CFDI (it has no TimbreFiscalDigital). Give the XML the PAC returned.`,
    });
  }
  return {
    uuid: tfd.attrs.UUID ?? '',
    issuerRfc: emisor.attrs.Rfc ?? '',
    total: root.attrs.Total ?? '',
    receiverRfc: receptor.attrs.Rfc ?? '',
  };
}

export async function cfdiCancel(args: string[], io: Io): Promise<number> {
  const { positionals, values } = parse(args, {
    motive: { type: 'string' },
    cer: { type: 'string' },
    key: { type: 'string' },
    password: { type: 'string' },
    replacement: { type: 'string' },
  });
  const file = onePositional(positionals, 'archivo XML timbrado', 'stamped XML file');
  const { motive, cer, key, password, replacement } = values as Record<string, string | undefined>;
  if (!motive || !MOTIVES.includes(motive)) {
    throw usageError(
      'Indica --motive 01, 02, 03 o 04 (01 con errores con relación y --replacement UUID; 02 con errores sin relación; 03 no se llevó a cabo la operación; 04 operación nominativa en una factura global).',
      'Give --motive 01, 02, 03 or 04 (01 errors with a replacement and --replacement UUID; 02 errors without one; 03 the operation did not happen; 04 nominative operation in a factura global).',
    );
  }
  if (!cer || !key || password === undefined) {
    throw usageError(
      'Faltan --cer, --key y --password: la cancelación se firma con el CSD del emisor.',
      "Missing --cer, --key and --password: the cancellation is signed with the issuer's CSD.",
    );
  }
  const facts = stampedFacts(await readFile(file), file);
  const credential = loadCsd({ certificate: await readFile(cer), privateKey: await readFile(key), password });
  const dataDir = resolve(process.env.AUTOFACTURA_DATA_DIR || './data');
  const pac = pacFromEnv(process.env, { dataDir });
  const result = await pac.cancel({
    uuid: facts.uuid,
    motive: motive as CancellationMotive,
    ...(replacement ? { replacementUuid: replacement } : {}),
    credential,
    total: facts.total,
    receiverRfc: facts.receiverRfc,
  });
  io.out(`${result.status}\n`);
  return 0;
}

/**
 * `autofactura cfdi status FILE.xml [--json]`: SAT's status of a stamped CFDI through the PAC — Estado,
 * EsCancelable and EstatusCancelacion, one per line (or as JSON).
 */
export async function cfdiStatus(args: string[], io: Io): Promise<number> {
  const { positionals, values } = parse(args, { json: { type: 'boolean' } });
  const file = onePositional(positionals, 'archivo XML timbrado', 'stamped XML file');
  const facts = stampedFacts(await readFile(file), file);
  const dataDir = resolve(process.env.AUTOFACTURA_DATA_DIR || './data');
  const pac = pacFromEnv(process.env, { dataDir });
  const status = await pac.status({
    uuid: facts.uuid,
    issuerRfc: facts.issuerRfc,
    receiverRfc: facts.receiverRfc,
    total: facts.total,
  });
  if (values.json) {
    io.out(`${JSON.stringify({ uuid: facts.uuid, ...status })}\n`);
    return 0;
  }
  const none = io.lang === 'en' ? '(none)' : '(ninguno)';
  io.out(
    [
      `UUID: ${facts.uuid}`,
      `Estado: ${status.estado}`,
      `EsCancelable: ${status.esCancelable || none}`,
      `EstatusCancelacion: ${status.estatusCancelacion || none}`,
      '',
    ].join('\n'),
  );
  return 0;
}
