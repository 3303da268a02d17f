/**
 * Helpers for the sandbox PAC tests: sealed CFDI built from the request fixtures (EKU9003173C9, the SAT
 * test CSD, or hand-sealed with credentials sealComprobante refuses), temporary data dirs, and SAT's own
 * tools as oracles (xmllint with SAT's XSD incl. the TFD schema, xsltproc with cadenaoriginal_TFD_1_1.xslt,
 * openssl).
 */
import { execFile } from 'node:child_process';
import { createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildComprobante, sealComprobante } from '../../../../core/src/cfdi/build.js';
import { cadenaOriginal } from '../../../../core/src/cfdi/cadena/index.js';
import type { Comprobante } from '../../../../core/src/cfdi/model.js';
import { comprobanteToTree } from '../../../../core/src/cfdi/xml/to-tree.js';
import { type Csd, loadCsd, readCertificate } from '../../../../core/src/fiscal/csd/index.js';
import { serializeXml } from '../../../../core/src/xml/serialize.js';
import { EKU, FIXTURES, satSchemaTree, XSLT_TFD } from '../../../support/oracles.js';

const run = promisify(execFile);

export const CERTS = join(FIXTURES, 'sat/certs');
export const PASSWORD = '12345678a';

export const ekuCsd: Csd = loadCsd({
  certificate: readFileSync(EKU.cer),
  privateKey: readFileSync(EKU.key),
  password: EKU.password,
});

/** SAT's 2019 test pack: EKU9003173C9's CSD valid 2019-06-17 to 2023-06-17, and its e.firma. */
export const ekuExpiredCsd = {
  cer: join(CERTS, 'sat-test-pack/Personas Morales/eku9003173c9_csd.cer'),
  key: join(CERTS, 'sat-test-pack/Personas Morales/eku9003173c9_csd.key'),
};
export const ekuFiel = {
  cer: join(CERTS, 'sat-test-pack/Personas Morales/eku9003173c9.cer'),
  key: join(CERTS, 'sat-test-pack/Personas Morales/eku9003173c9.key'),
};
/** CSD of another RFC (AAA010101AAA), valid 2017-05-18 to 2021-05-18. */
export const otherRfcCsd = {
  cer: join(CERTS, 'phpcfdi-credentials/CSD01_AAA010101AAA/certificate.cer'),
  key: join(CERTS, 'phpcfdi-credentials/CSD01_AAA010101AAA/private_key.key'),
};

export function loadCsdFiles(files: { cer: string; key: string }): Csd {
  return loadCsd({
    certificate: readFileSync(files.cer),
    privateKey: readFileSync(files.key),
    password: PASSWORD,
  });
}

// biome-ignore lint/suspicious/noExplicitAny: tests reshape arbitrary request JSON
export type Request = Record<string, any>;

export function request(name = 'iva16', change: (r: Request) => void = () => {}): Request {
  const parsed = JSON.parse(readFileSync(join(FIXTURES, `requests/${name}.json`), 'utf8')) as Request;
  change(parsed);
  return parsed;
}

/** Build + seal with EKU9003173C9's current CSD. `date` is the local Fecha (issuer zip 06600: UTC-6). */
export function sealedWith(
  date: string,
  change: (r: Request) => void = () => {},
): { xml: string; comprobante: Comprobante } {
  const req = request('iva16', (r) => {
    r.date = date;
    change(r);
  });
  const { comprobante } = buildComprobante(req, { now: new Date(`${date}Z`) });
  const sealed = sealComprobante(comprobante, ekuCsd);
  return { xml: sealed.xml, comprobante: sealed.comprobante };
}

/**
 * Seals by hand (node:crypto), for credentials sealComprobante refuses: an e.firma, an expired CSD, a CSD
 * of another RFC.
 */
export function handSealed(comprobante: Comprobante, files: { cer: string; key: string }): string {
  const certificate = readCertificate(readFileSync(files.cer));
  const key = createPrivateKey({
    key: readFileSync(files.key),
    format: 'der',
    type: 'pkcs8',
    passphrase: PASSWORD,
  });
  const tree = comprobanteToTree({
    ...comprobante,
    Sello: '',
    NoCertificado: certificate.noCertificado,
    Certificado: certificate.der.toString('base64'),
  });
  tree.attrs.Sello = sign('sha256', Buffer.from(cadenaOriginal(tree), 'utf8'), key).toString('base64');
  return serializeXml(tree);
}

/** A Comprobante built (not sealed) for a Fecha, to hand-seal. */
export function built(date: string, change: (r: Request) => void = () => {}): Comprobante {
  const req = request('iva16', (r) => {
    r.date = date;
    change(r);
  });
  return buildComprobante(req, { now: new Date(`${date}Z`) }).comprobante;
}

export async function tempDir(prefix = 'autofactura-sandbox-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function tempFile(name: string, content: string): Promise<string> {
  const file = join(await tempDir('autofactura-file-'), name);
  await writeFile(file, content);
  return file;
}

/** xmllint against SAT's cfdv40.xsd, TimbreFiscalDigitalv11.xsd and Pagos20.xsd together; '' when the file validates. */
export async function xmllintErrors(file: string): Promise<string> {
  const cfd = await satSchemaTree();
  const bundle = join(cfd, 'bundle-cfdi-tfd.xsd');
  await writeFile(
    bundle,
    `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:autofactura:test-bundle">
  <xs:import namespace="http://www.sat.gob.mx/cfd/4" schemaLocation="4/cfdv40.xsd"/>
  <xs:import namespace="http://www.sat.gob.mx/TimbreFiscalDigital" schemaLocation="TimbreFiscalDigital/TimbreFiscalDigitalv11.xsd"/>
  <xs:import namespace="http://www.sat.gob.mx/Pagos20" schemaLocation="Pagos/Pagos20.xsd"/>
</xs:schema>
`,
  );
  try {
    const { stderr } = await run('xmllint', ['--noout', '--schema', bundle, file]);
    return stderr.trim().endsWith('validates') ? '' : stderr;
  } catch (error) {
    return (error as { stderr: string }).stderr || String(error);
  }
}

/** The tfd:TimbreFiscalDigital element as written in a stamped XML (text, not re-serialized). */
export function timbreText(xml: string): string {
  const match = /<tfd:TimbreFiscalDigital\b[^>]*\/>/.exec(xml);
  if (match === null) throw new Error('no TimbreFiscalDigital in the XML');
  return match[0];
}

/** SAT's TFD cadena: xsltproc with cadenaoriginal_TFD_1_1.xslt over the timbre as its own document. */
export async function satTfdCadena(xml: string): Promise<string> {
  const file = await tempFile('tfd.xml', `<?xml version="1.0" encoding="UTF-8"?>${timbreText(xml)}`);
  const { stdout } = await run('xsltproc', [XSLT_TFD, file]);
  return stdout;
}

export function attribute(xml: string, name: string): string {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(xml);
  if (match === null) throw new Error(`no ${name} attribute`);
  return match[1]!;
}

export async function openssl(args: string[], input?: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile('openssl', args, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stdout, stderr }));
      else resolve({ stdout, stderr });
    });
    if (input !== undefined) child.stdin!.end(input);
  });
}

export function pemBody(pem: string): string {
  return pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
}

/** Instant of a local Fecha in Mexico City (UTC-6 all year since 2022). */
export function cdmx(local: string): Date {
  return new Date(`${local}-06:00`);
}
