/**
 * Reads a SAT certificate (.cer) given as DER bytes, PEM text or base64 DER (the CFDI Certificado attribute)
 * with node:crypto's X509Certificate: structure, serial, dates, subject and Extended Key Usage.
 *
 * @nodecfdi/credentials is not used here: its Certificate throws "URI malformed" on an RFC with Ñ
 * (e.g. IAÑL750210963, SAT's own test pack), and it costs ~200 ms to import plus 2-8 ms per certificate
 * against ~0.6 ms for X509Certificate.
 */
import { X509Certificate } from 'node:crypto';
import { type CertificateKind, certificateKind } from './certificate-kind.js';
import { certificateInvalid } from './csd-errors.js';
import { isNoCertificado, noCertificadoFromSerialHex } from './no-certificado.js';
import { subjectFields } from './subject-fields.js';

export interface SatCertificate {
  x509: X509Certificate;
  /** DER bytes. */
  der: Buffer;
  /** RFC of the holder (the first RFC of x500UniqueIdentifier "RFC / RFC of the legal representative"). */
  rfc: string;
  /** Holder's name as registered with SAT (subject `name`). */
  legalName: string;
  noCertificado: string;
  validFrom: Date;
  validTo: Date;
  kind: CertificateKind;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/;

/** DER bytes from a Buffer (DER or PEM) or a string (PEM or base64 DER). */
export function certificateDer(input: Buffer | string): Buffer {
  const head = typeof input === 'string' ? input : input.subarray(0, 64).toString('latin1');
  if (head.includes('-----BEGIN')) {
    const whole = typeof input === 'string' ? input : input.toString('latin1');
    const match = PEM_CERTIFICATE.exec(whole);
    if (match === null) throw certificateInvalid('el PEM no contiene un bloque CERTIFICATE');
    return Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64');
  }
  return typeof input === 'string' ? Buffer.from(input.replace(/\s+/g, ''), 'base64') : input;
}

export function readCertificate(input: Buffer | string): SatCertificate {
  const der = certificateDer(input);
  if (der.length === 0) throw certificateInvalid('el archivo está vacío');
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(der);
  } catch (error) {
    throw certificateInvalid('no es un certificado X.509', error);
  }
  const noCertificado = noCertificadoFromSerialHex(x509.serialNumber);
  if (!isNoCertificado(noCertificado)) {
    throw certificateInvalid(`su número de serie no es un NoCertificado del SAT (${x509.serialNumber})`);
  }
  const { rfc, legalName } = subjectFields(x509.subject);
  if (rfc === '') throw certificateInvalid('no contiene el RFC del titular (x500UniqueIdentifier)');
  return {
    x509,
    der: Buffer.from(x509.raw),
    rfc,
    legalName,
    noCertificado,
    validFrom: new Date(x509.validFrom),
    validTo: new Date(x509.validTo),
    kind: certificateKind(x509),
  };
}
