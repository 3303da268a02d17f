/**
 * The CredentialError each CSD check raises: a stable code, what to fix in Spanish (Mexico), the same in
 * English. One factory per code so the wording lives in one place.
 */
import { CredentialError } from '../../errors.js';

function credentialError(code: string, message: string, messageEn: string, cause?: unknown): CredentialError {
  return new CredentialError({ code, message, messageEn, status: 422, cause });
}

export function certificateInvalid(reason: string, cause?: unknown): CredentialError {
  return credentialError(
    'CSD_CERT_INVALID',
    `No se pudo leer el certificado (.cer): ${reason}. Sube el archivo .cer del Certificado de Sello Digital que descargaste del SAT (formato DER o PEM).`,
    `The certificate (.cer) could not be read: ${reason}. Upload the .cer file of the Certificado de Sello Digital downloaded from SAT (DER or PEM).`,
    cause,
  );
}

export function keyInvalid(reason: string, cause?: unknown): CredentialError {
  return credentialError(
    'CSD_KEY_INVALID',
    `No se pudo leer la llave privada (.key): ${reason}. Sube el archivo .key que se generó junto con tu CSD (PKCS#8 cifrado, DER o PEM).`,
    `The private key (.key) could not be read: ${reason}. Upload the .key file generated with your CSD (encrypted PKCS#8, DER or PEM).`,
    cause,
  );
}

export function keyPassword(cause?: unknown): CredentialError {
  return credentialError(
    'CSD_KEY_PASSWORD',
    'La contraseña de la llave privada (.key) es incorrecta. Escribe la contraseña que elegiste al generar el CSD (distingue mayúsculas y minúsculas).',
    'The private key (.key) password is wrong. Enter the password chosen when the CSD was generated (case sensitive).',
    cause,
  );
}

export function keyMismatch(noCertificado: string): CredentialError {
  return credentialError(
    'CSD_KEY_MISMATCH',
    `La llave privada (.key) no corresponde al certificado ${noCertificado}. Sube el .key y el .cer del mismo CSD (se generan juntos).`,
    `The private key (.key) does not belong to certificate ${noCertificado}. Upload the .key and .cer of the same CSD (they are generated together).`,
  );
}

export function isFiel(rfc: string, noCertificado: string): CredentialError {
  return credentialError(
    'CSD_IS_FIEL',
    `El certificado ${noCertificado} (${rfc}) es de e.firma (FIEL), no un Certificado de Sello Digital. Las facturas se sellan con un CSD: solicítalo en el portal del SAT con la aplicación Certifica y sube ese .cer y su .key.`,
    `Certificate ${noCertificado} (${rfc}) is an e.firma (FIEL), not a Certificado de Sello Digital. Invoices are sealed with a CSD: request one on SAT's portal (Certifica) and upload that .cer and its .key.`,
  );
}

export function expired(
  noCertificado: string,
  fecha: string,
  validFrom: Date,
  validTo: Date,
  notYet: boolean,
): CredentialError {
  const from = validFrom.toISOString();
  const to = validTo.toISOString();
  return credentialError(
    'CSD_EXPIRED',
    notYet
      ? `El CSD ${noCertificado} aún no es vigente en la fecha del comprobante (${fecha}): vale del ${from} al ${to} (UTC). Usa un CSD vigente o corrige la Fecha.`
      : `El CSD ${noCertificado} no estaba vigente en la fecha del comprobante (${fecha}): solo es válido del ${from} al ${to} (UTC). Renueva tu CSD en el portal del SAT y sube el nuevo .cer y .key.`,
    notYet
      ? `CSD ${noCertificado} is not yet valid at the invoice date (${fecha}): valid from ${from} to ${to} (UTC). Use a current CSD or fix the Fecha.`
      : `CSD ${noCertificado} was not valid at the invoice date (${fecha}): valid from ${from} to ${to} (UTC). Renew your CSD on SAT's portal and upload the new .cer and .key.`,
  );
}
