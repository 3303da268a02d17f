/** Paths of the SAT test credentials under test/fixtures/sat/certs (see CERTS.md there). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CERTS_DIR = fileURLToPath(new URL('../../fixtures/sat/certs/', import.meta.url));

export function cert(path: string): Buffer {
  return readFileSync(CERTS_DIR + path);
}

export const PASSWORD = '12345678a';

/** EKU9003173C9: SAT's current test CSD (valid 2023-05-18 to 2027-05-18). */
export const eku = {
  certificate: () => cert('cfdiutils/EKU9003173C9.cer'),
  privateKey: () => cert('cfdiutils/EKU9003173C9.key'),
};

export const csd01 = {
  certificate: () => cert('phpcfdi-credentials/CSD01_AAA010101AAA/certificate.cer'),
  privateKey: () => cert('phpcfdi-credentials/CSD01_AAA010101AAA/private_key.key'),
};

export const fiel = {
  certificate: () => cert('phpcfdi-credentials/FIEL_AAA010101AAA/certificate.cer'),
  privateKey: () => cert('phpcfdi-credentials/FIEL_AAA010101AAA/private_key.key'),
};
