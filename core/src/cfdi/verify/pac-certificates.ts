/**
 * Certificates of PACs and SAT, found by NoCertificadoSAT to check a timbre's SelloSAT. Read lazily, one
 * file per number (`<NoCertificado>.cer`, DER or PEM) from `AUTOFACTURA_PAC_CERTS_DIR` (operators' own,
 * searched first), then `core/data/pac-certs` (see its SOURCE.md), then the sandbox PAC's own
 * certificates in `$AUTOFACTURA_DATA_DIR/pac-sandbox/certs` (default data dir: ./data). A file whose
 * serial is not the number in its name is ignored.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isNoCertificado, noCertificadoFromSerialHex } from '../../fiscal/csd/no-certificado.js';

export interface PacCertificates {
  /** The certificate with this NoCertificado, or undefined when none is known. */
  find(noCertificado: string): X509Certificate | undefined;
}

export const BUILT_IN_PAC_CERTS_DIR = fileURLToPath(new URL('../../../data/pac-certs/', import.meta.url));

export function pacCertificatesFrom(directories: readonly string[]): PacCertificates {
  const cache = new Map<string, X509Certificate | undefined>();
  return {
    find(noCertificado) {
      if (!isNoCertificado(noCertificado)) return undefined;
      if (!cache.has(noCertificado)) cache.set(noCertificado, load(directories, noCertificado));
      return cache.get(noCertificado);
    },
  };
}

function load(directories: readonly string[], noCertificado: string): X509Certificate | undefined {
  for (const directory of directories) {
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(readFileSync(join(directory, `${noCertificado}.cer`)));
    } catch {
      continue;
    }
    if (noCertificadoFromSerialHex(certificate.serialNumber) === noCertificado) return certificate;
  }
  return undefined;
}

/** Where the sandbox PAC (core/src/pac/sandbox) keeps the certificates it signs SelloSAT with. */
export function sandboxPacCertsDir(dataDir: string): string {
  return join(resolve(dataDir), 'pac-sandbox', 'certs');
}

let defaults: { key: string; certificates: PacCertificates } | undefined;

/**
 * Operators' folder (`AUTOFACTURA_PAC_CERTS_DIR`) first, then the built-in ones, then the sandbox's.
 * Read on first use; built again when those variables change.
 */
export function defaultPacCertificates(): PacCertificates {
  const extra = process.env.AUTOFACTURA_PAC_CERTS_DIR;
  const sandbox = sandboxPacCertsDir(process.env.AUTOFACTURA_DATA_DIR || './data');
  const key = `${extra ?? ''}\n${sandbox}`;
  if (defaults?.key !== key) {
    const directories = [...(extra ? [extra] : []), BUILT_IN_PAC_CERTS_DIR, sandbox];
    defaults = { key, certificates: pacCertificatesFrom(directories) };
  }
  return defaults.certificates;
}
