/**
 * Sealed CFDI for the PAC adapter tests: test/fixtures/requests/iva16.json built and sealed with
 * EKU9003173C9's CSD (SAT's test credential), at a fixed Fecha, and the clock the fakes use (45 minutes
 * after that Fecha), so no test depends on the real time.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildComprobante, sealComprobante } from '../../../core/src/cfdi/build.js';
import { type Csd, loadCsd } from '../../../core/src/fiscal/csd/index.js';
import { EKU, FIXTURES, opensslVerifies, XSLT_TFD, xsltprocCadena } from '../oracles.js';

/** iva16.json's Fecha, local time of LugarExpedicion 06600 (Mexico City, UTC-6). */
export const FECHA = '2026-11-28T10:15:00';
/** The fakes' clock: 45 minutes after FECHA. */
export const FAKE_NOW = new Date('2026-11-28T17:00:00Z');
export const fakeClock = () => FAKE_NOW;

export const ekuCsd: Csd = loadCsd({
  certificate: readFileSync(EKU.cer),
  privateKey: readFileSync(EKU.key),
  password: EKU.password,
});

export interface Sealed {
  xml: string;
  total: string;
  receiverRfc: string;
}

/** iva16.json with `date` (default FECHA) and any change, built and sealed with EKU9003173C9's CSD. */
// biome-ignore lint/suspicious/noExplicitAny: tests reshape arbitrary request JSON
export function sealedCfdi(date = FECHA, change: (request: Record<string, any>) => void = () => {}): Sealed {
  const request = JSON.parse(readFileSync(join(FIXTURES, 'requests/iva16.json'), 'utf8'));
  request.date = date;
  change(request);
  const { comprobante } = buildComprobante(request, { now: new Date(`${date}-06:00`) });
  const sealed = sealComprobante(comprobante, ekuCsd);
  return {
    xml: sealed.xml,
    total: sealed.comprobante.Total,
    receiverRfc: sealed.comprobante.Receptor.Rfc,
  };
}

/** Writes a file in a new temporary directory. */
export async function tempFile(name: string, content: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'autofactura-pac-')), name);
  await writeFile(file, content);
  return file;
}

/**
 * openssl's verdicts on a stamped CFDI: the Sello over SAT's cadena original (xsltproc, SAT's XSLT) with
 * the CFDI's certificate, and the SelloSAT over SAT's TFD cadena with the PAC's certificate (DER base64).
 */
export async function opensslVerdicts(stampedXml: string, pacCertificateBase64: string) {
  const file = await tempFile('stamped.xml', stampedXml);
  const cadena = await xsltprocCadena(file);
  const attr = (xml: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(xml)?.[1] ?? '';
  const tfd = /<tfd:TimbreFiscalDigital\b[^>]*\/>/.exec(stampedXml)?.[0] ?? '';
  const tfdFile = await tempFile('tfd.xml', `<?xml version="1.0" encoding="UTF-8"?>${tfd}`);
  const tfdCadena = await xsltprocCadena(tfdFile, XSLT_TFD);
  return {
    sello: await opensslVerifies(attr(stampedXml, 'Certificado'), cadena, attr(stampedXml, 'Sello')),
    selloSat: await opensslVerifies(pacCertificateBase64, tfdCadena, attr(tfd, 'SelloSAT')),
    tfdCadena,
  };
}
