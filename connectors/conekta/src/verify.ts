/**
 * A Conekta delivery's authenticity: the `DIGEST` header is the body's SHA-256 signed with Conekta's
 * private webhook key (RSA PKCS#1 v1.5, base64); it is checked over the RAW bytes with the merchant's
 * public key before anything is read from the body. Pure: no storage, no network, no clock (Conekta's
 * signature carries no timestamp; a replay of an authentic event is a duplicate and changes nothing).
 */
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { conektaError } from './errors.js';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function verifyConektaDigest(
  rawBody: Buffer,
  digest: string | undefined,
  publicKeyPem: string,
): unknown {
  if (!digest?.trim()) {
    throw conektaError(
      'CONEKTA_DIGEST_MISSING',
      'Falta el encabezado DIGEST: solo se aceptan eventos firmados por Conekta. Crea la llave de webhook (POST /webhook_keys) en tu cuenta de Conekta.',
      'The DIGEST header is missing: only events signed by Conekta are accepted. Create the webhook key (POST /webhook_keys) in your Conekta account.',
    );
  }
  const text = digest.trim();
  const signature = BASE64.test(text) ? Buffer.from(text, 'base64') : Buffer.alloc(0);
  let ok = false;
  try {
    ok = signature.length > 0 && verify('sha256', rawBody, createPublicKey(publicKeyPem), signature);
  } catch {
    ok = false;
  }
  if (!ok) {
    throw conektaError(
      'CONEKTA_DIGEST_INVALID',
      'La firma DIGEST no corresponde a la llave pública guardada: vuelve a conectar Conekta con la llave pública de tu llave de webhook activa ("autofactura connect conekta --public-key").',
      'The DIGEST signature does not match the stored public key: connect Conekta again with the public key of your active webhook key ("autofactura connect conekta --public-key").',
    );
  }
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch (error) {
    throw conektaError(
      'CONEKTA_EVENT_MALFORMED',
      'El cuerpo del evento no es JSON válido.',
      'The event body is not valid JSON.',
      400,
      error,
    );
  }
}

/** The DIGEST Conekta would send for `rawBody` signed with `privateKeyPem` (tests and local tools). */
export function conektaTestDigest(rawBody: Buffer | string, privateKeyPem: string): string {
  return sign('sha256', Buffer.from(rawBody), createPrivateKey(privateKeyPem)).toString('base64');
}
