/**
 * Secrets at rest (invariant 7): AES-256-GCM under the master key (AUTOFACTURA_SECRET, see
 * master-key.ts), sha256 for API keys and link tokens, and unguessable tokens. Ciphertext format:
 * `v1:<iv b64>:<tag b64>:<data b64>` with a random 12-byte IV per value.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { SecretError } from './secret-error.js';
import type { Encrypted } from './types.js';

export { type LoadMasterKeyOptions, loadMasterKey, MASTER_KEY_FILE } from './master-key.js';
export { SecretError, type SecretErrorCode } from './secret-error.js';

export interface SecretBox {
  encrypt(plain: string | Buffer): Encrypted;
  decrypt(encrypted: Encrypted): Buffer;
  decryptString(encrypted: Encrypted): string;
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decryptFailed(reason: string, reasonEn: string, cause?: unknown): SecretError {
  return new SecretError({
    code: 'SECRET_DECRYPT_FAILED',
    message: `No se pudo descifrar un secreto guardado (${reason}). ¿Cambió AUTOFACTURA_SECRET? Usa la misma clave maestra con la que se guardaron los datos (o el archivo secret.key de la carpeta de datos).`,
    messageEn: `A stored secret could not be decrypted (${reasonEn}). Did AUTOFACTURA_SECRET change? Use the same master key the data was saved with (or the data folder's secret.key file).`,
    status: 500,
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Encrypts and decrypts with a 32-byte master key. */
export function createSecretBox(key: Buffer): SecretBox {
  if (!Buffer.isBuffer(key) || key.length !== 32) {
    throw new SecretError({
      code: 'SECRET_KEY_INVALID',
      message: 'La clave maestra debe medir 32 bytes (AES-256).',
      messageEn: 'The master key must be 32 bytes long (AES-256).',
      status: 500,
    });
  }
  const master = Buffer.from(key);

  function decrypt(encrypted: Encrypted): Buffer {
    const parts = typeof encrypted === 'string' ? encrypted.split(':') : [];
    if (parts.length !== 4 || parts[0] !== VERSION || !parts.slice(1).every((p) => BASE64.test(p))) {
      throw decryptFailed('formato desconocido', 'unknown format');
    }
    const iv = Buffer.from(parts[1]!, 'base64');
    const tag = Buffer.from(parts[2]!, 'base64');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
      throw decryptFailed('formato desconocido', 'unknown format');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', master, iv, { authTagLength: TAG_BYTES });
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(Buffer.from(parts[3]!, 'base64')), decipher.final()]);
    } catch (error) {
      throw decryptFailed(
        'la clave no corresponde o el dato fue alterado',
        'wrong key or the value was altered',
        error,
      );
    }
  }

  return {
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', master, iv, { authTagLength: TAG_BYTES });
      const data = Buffer.concat([
        cipher.update(typeof plain === 'string' ? Buffer.from(plain, 'utf8') : plain),
        cipher.final(),
      ]);
      return `${VERSION}:${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${data.toString('base64')}`;
    },
    decrypt,
    decryptString(encrypted) {
      return decrypt(encrypted).toString('utf8');
    },
  };
}

function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** sha256 hex of a whole API key: what the store keeps (ApiKeyRecord.hash). */
export function hashApiKey(key: string): string {
  return sha256Hex(key);
}

/** An unguessable token, base64url; `bytes` (default 32) must give at least 128 bits. */
export function generateToken(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < 16) {
    throw new RangeError(`A token needs at least 16 random bytes (128 bits); got ${bytes}.`);
  }
  return randomBytes(bytes).toString('base64url');
}

/** sha256 hex of a link token: what the store keeps (Receipt.tokenHash). */
export function tokenHash(token: string): string {
  return sha256Hex(token);
}
