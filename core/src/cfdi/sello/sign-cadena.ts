/**
 * The Sello: RSA PKCS#1 v1.5 with SHA-256 over the UTF-8 bytes of the cadena original, in base64
 * (Anexo 20). The signature runs in node:crypto through the Csd's KeyObject.
 */
import type { Csd } from '../../fiscal/csd/csd.js';

export function signCadena(cadena: string, csd: Csd): string {
  return csd.sign(Buffer.from(cadena, 'utf8')).toString('base64');
}
