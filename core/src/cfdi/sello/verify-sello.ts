/**
 * Checks a Sello against its cadena original with the public key of the certificate that signed it
 * (the Certificado attribute: base64 DER). Whitespace inside either base64 value is ignored, as some
 * PACs wrap long attributes. Returns false for any signature, certificate or encoding that does not verify.
 */
import { verify, X509Certificate } from 'node:crypto';

export function verifySello(cadena: string, selloBase64: string, certificateBase64: string): boolean {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(Buffer.from(certificateBase64.replace(/\s+/g, ''), 'base64'));
  } catch {
    return false;
  }
  return verifySelloWithCertificate(cadena, selloBase64, certificate);
}

export function verifySelloWithCertificate(
  cadena: string,
  selloBase64: string,
  certificate: X509Certificate,
): boolean {
  const signature = Buffer.from(selloBase64.replace(/\s+/g, ''), 'base64');
  if (signature.length === 0) return false;
  try {
    return verify('sha256', Buffer.from(cadena, 'utf8'), certificate.publicKey, signature);
  } catch {
    return false;
  }
}
