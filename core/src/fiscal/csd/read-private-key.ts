/**
 * Opens the CSD private key (.key): SAT hands it out as DER, encrypted PKCS#8; PEM (encrypted PKCS#8,
 * traditional encrypted RSA or unencrypted) is accepted too. The result is a node:crypto KeyObject, so
 * signing runs in OpenSSL. The password is used here and not kept.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { keyInvalid, keyPassword } from './csd-errors.js';

/** OpenSSL error codes that mean "the password does not open this key". */
const WRONG_PASSWORD = new Set([
  'ERR_OSSL_BAD_DECRYPT',
  'ERR_MISSING_PASSPHRASE',
  'ERR_OSSL_CRYPTO_INTERRUPTED_OR_CANCELLED',
]);

export function readPrivateKey(input: Buffer | string, password: string): KeyObject {
  const isPem = (typeof input === 'string' ? input : input.subarray(0, 64).toString('latin1')).includes(
    '-----BEGIN',
  );
  if (input.length === 0) throw keyInvalid('el archivo está vacío');
  if (!isPem && typeof input === 'string')
    throw keyInvalid('se esperaba el archivo .key (binario DER) o texto PEM');
  let key: KeyObject;
  try {
    key = isPem
      ? createPrivateKey({ key: input, format: 'pem', passphrase: password })
      : createPrivateKey({ key: input, format: 'der', type: 'pkcs8', passphrase: password });
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (WRONG_PASSWORD.has(code)) throw keyPassword(error);
    throw keyInvalid('no es una llave privada PKCS#8', error);
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw keyInvalid(`es una llave ${key.asymmetricKeyType ?? 'desconocida'}, el SAT usa RSA`);
  }
  return key;
}
