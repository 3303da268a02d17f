/**
 * The sandbox PAC's signing credential, kept in `<dataDir>/pac-sandbox/`: `certs/<NoCertificado>.cer`
 * (DER; `autofactura cfdi verify` looks there, see cfdi/verify/pac-certificates.ts) and
 * `keys/<NoCertificado>.key` (PKCS#8 PEM, mode 0600, in a 0700 folder). Created on first use; a new one
 * is issued when none is valid at the current time (a real PAC renews its certificate too), and old
 * ones stay so earlier timbres still verify.
 *
 * Two processes that start at once may each issue one; both are valid and kept, and each later call
 * picks the same one (the valid certificate issued last), so nothing depends on who won.
 */
import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sandboxPacCertsDir } from '../../cfdi/verify/pac-certificates.js';
import { noCertificadoFromSerialHex } from '../../fiscal/csd/no-certificado.js';
import { writeFileAtomicSync } from './files.js';
import { issueSandboxCertificate } from './issue-certificate.js';

export interface SandboxCredential {
  noCertificado: string;
  certificate: X509Certificate;
  key: KeyObject;
}

export function sandboxKeysDir(dataDir: string): string {
  return join(resolve(dataDir), 'pac-sandbox', 'keys');
}

function validAt(certificate: X509Certificate, now: Date): boolean {
  return new Date(certificate.validFrom) <= now && now <= new Date(certificate.validTo);
}

function readCredential(dataDir: string, file: string): SandboxCredential | undefined {
  const noCertificado = file.slice(0, -'.cer'.length);
  try {
    const certificate = new X509Certificate(readFileSync(join(sandboxPacCertsDir(dataDir), file)));
    if (noCertificadoFromSerialHex(certificate.serialNumber) !== noCertificado) return undefined;
    const key = createPrivateKey(readFileSync(join(sandboxKeysDir(dataDir), `${noCertificado}.key`)));
    if (!certificate.checkPrivateKey(key)) return undefined;
    return { noCertificado, certificate, key };
  } catch {
    return undefined;
  }
}

/** The valid credential issued last, if any. */
function findCurrent(dataDir: string, now: Date): SandboxCredential | undefined {
  let files: string[];
  try {
    files = readdirSync(sandboxPacCertsDir(dataDir)).filter((f) => /^\d{20}\.cer$/.test(f));
  } catch {
    return undefined;
  }
  let best: SandboxCredential | undefined;
  for (const file of files) {
    const candidate = readCredential(dataDir, file);
    if (candidate === undefined || !validAt(candidate.certificate, now)) continue;
    const from = new Date(candidate.certificate.validFrom).getTime();
    const bestFrom = best ? new Date(best.certificate.validFrom).getTime() : -Infinity;
    if (from > bestFrom || (from === bestFrom && candidate.noCertificado > best!.noCertificado)) {
      best = candidate;
    }
  }
  return best;
}

/** The credential valid at `now`, issuing (and storing) a new one when there is none. */
export function sandboxCredential(dataDir: string, now: Date): SandboxCredential {
  const current = findCurrent(dataDir, now);
  if (current !== undefined) return current;
  const issued = issueSandboxCertificate(now);
  const certs = sandboxPacCertsDir(dataDir);
  const keys = sandboxKeysDir(dataDir);
  mkdirSync(certs, { recursive: true });
  mkdirSync(keys, { recursive: true, mode: 0o700 });
  // Key first: a certificate on disk always has its key.
  writeFileAtomicSync(join(keys, `${issued.noCertificado}.key`), issued.keyPem, 0o600);
  writeFileAtomicSync(join(certs, `${issued.noCertificado}.cer`), issued.der);
  return {
    noCertificado: issued.noCertificado,
    certificate: new X509Certificate(issued.der),
    key: createPrivateKey(issued.keyPem),
  };
}

export function certificateToPem(certificate: X509Certificate): string {
  const base64 = Buffer.from(certificate.raw).toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
}
