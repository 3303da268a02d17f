/**
 * What a merchant's Conekta connection holds: the public key of the webhook key pair created with
 * `POST /webhook_keys` (Conekta keeps the private half and signs every delivery with it). It is stored in
 * merchant.secrets like every connection credential, so the handler reads it through the facade.
 */
import { createPublicKey } from 'node:crypto';
import { z } from 'zod';

/** merchant.secrets key of the webhook public key (PEM). */
export const PUBLIC_KEY_SECRET = 'conekta.webhook_public_key';

/** True when `pem` is an RSA public key in PEM form. */
export function isRsaPublicKey(pem: string): boolean {
  try {
    return createPublicKey(pem).asymmetricKeyType === 'rsa';
  } catch {
    return false;
  }
}

export const conektaConnectionSchema = z.object({
  publicKey: z
    .string()
    .refine(
      isRsaPublicKey,
      'La llave pública debe ser el PEM RSA ("-----BEGIN PUBLIC KEY-----") que Conekta devolvió al crear la llave de webhook / ' +
        'The public key must be the RSA PEM ("-----BEGIN PUBLIC KEY-----") Conekta returned when the webhook key was created',
    ),
});

export type ConektaConnection = z.infer<typeof conektaConnectionSchema>;
