/**
 * SAT's own artefacts as test oracles: xsltproc with SAT's XSLT for the cadena original, xmllint with
 * SAT's XSD (plus the catCFDI.xsd we generate, since SAT's is not available) and openssl for signatures.
 * Tests only: the product never runs these.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generateCatCfdiXsd } from '../../core/src/catalogs/cat-cfdi-xsd.js';
import { getCatalogs } from '../../core/src/catalogs/index.js';

const run = promisify(execFile);

export const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
export const SAT_CFD = join(FIXTURES, 'sat/xml/www.sat.gob.mx/sitio_internet/cfd');
export const XSLT_CFDI40 = join(SAT_CFD, '4/cadenaoriginal_4_0/cadenaoriginal_4_0.xslt');
export const XSLT_TFD = join(SAT_CFD, 'TimbreFiscalDigital/cadenaoriginal_TFD_1_1.xslt');
export const EKU = {
  cer: join(FIXTURES, 'sat/certs/cfdiutils/EKU9003173C9.cer'),
  key: join(FIXTURES, 'sat/certs/cfdiutils/EKU9003173C9.key'),
  password: '12345678a',
};

/** SAT's cadena original of a file, from SAT's XSLT through xsltproc. */
export async function xsltprocCadena(file: string, xslt = XSLT_CFDI40): Promise<string> {
  const { stdout } = await run('xsltproc', [xslt, file], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

let schemaDir: Promise<string> | undefined;

/** A copy of SAT's XSD tree with the generated catalogos/catCFDI.xsd in place; made once per run. */
export function satSchemaTree(): Promise<string> {
  schemaDir ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'autofactura-xsd-'));
    await cp(SAT_CFD, join(dir, 'cfd'), { recursive: true });
    await writeFile(join(dir, 'cfd/catalogos/catCFDI.xsd'), generateCatCfdiXsd(getCatalogs()));
    return join(dir, 'cfd');
  })();
  return schemaDir;
}

/** xmllint against cfdv40.xsd: the files that do not validate, with xmllint's messages. */
export async function xmllintInvalid(files: string[]): Promise<Map<string, string>> {
  const cfd = await satSchemaTree();
  const failures = new Map<string, string>();
  for (let i = 0; i < files.length; i += 100) {
    const chunk = files.slice(i, i + 100);
    const result = await run('xmllint', ['--noout', '--schema', join(cfd, '4/cfdv40.xsd'), ...chunk], {
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { stderr: string }) => ({ stderr: error.stderr }));
    for (const line of result.stderr.split('\n')) {
      const file = chunk.find((f) => line.startsWith(f));
      if (file && !line.endsWith(' validates')) failures.set(file, `${failures.get(file) ?? ''}${line}\n`);
    }
  }
  return failures;
}

/** openssl's verdict on an RSA-SHA256 signature of `data` with the public key of a DER/PEM certificate. */
export async function opensslVerifies(certificateDerBase64: string, data: string, signatureBase64: string) {
  const dir = await mkdtemp(join(tmpdir(), 'autofactura-sig-'));
  const pem = `-----BEGIN CERTIFICATE-----\n${certificateDerBase64.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
  await writeFile(join(dir, 'cert.pem'), pem);
  await writeFile(join(dir, 'data.txt'), data);
  await writeFile(join(dir, 'sig.bin'), Buffer.from(signatureBase64, 'base64'));
  const { stdout: pub } = await run('openssl', ['x509', '-in', join(dir, 'cert.pem'), '-pubkey', '-noout']);
  await writeFile(join(dir, 'pub.pem'), pub);
  try {
    await run('openssl', [
      'dgst',
      '-sha256',
      '-verify',
      join(dir, 'pub.pem'),
      '-signature',
      join(dir, 'sig.bin'),
      join(dir, 'data.txt'),
    ]);
    return true;
  } catch {
    return false;
  }
}

/** Runs `task` over `items` with at most `limit` in flight. */
export async function pool<T, R>(
  items: T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: limit }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  });
  await Promise.all(workers);
  return results;
}
