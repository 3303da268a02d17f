/**
 * The master key that encrypts secrets at rest. From AUTOFACTURA_SECRET when set — 32 bytes as hex
 * (64 characters) or base64, or any passphrase, stretched with scrypt under a fixed application salt —
 * otherwise from `<dataDir>/secret.key`, generated there on first run (mode 0600) with a warning: the
 * data folder then holds both the data and its key, which is fine for a trial, not for production.
 */
import { randomBytes, scrypt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createFileDurable, ensureDir } from './durable-file.js';
import { SecretError } from './secret-error.js';

export const MASTER_KEY_FILE = 'secret.key';

/** Fixed salt: the same passphrase must give the same key on every machine. */
const PASSPHRASE_SALT = 'autofactura/master-key/v1';
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export interface LoadMasterKeyOptions {
  env?: NodeJS.ProcessEnv | Record<string, string | undefined>;
  dataDir: string;
  /** Told once when a key is generated into the data folder (default: console.warn). */
  warn?: (message: string) => void;
}

function invalidKey(message: string, messageEn: string): SecretError {
  return new SecretError({ code: 'SECRET_KEY_INVALID', message, messageEn, status: 500 });
}

/** 32 bytes written as hex or base64 (standard or url-safe), or undefined when it is neither. */
function decodeRawKey(text: string): Buffer | undefined {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(text)) {
    const bytes = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (bytes.length === 32) return bytes;
  }
  return undefined;
}

function stretch(passphrase: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), PASSPHRASE_SALT, 32, SCRYPT, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

async function readKeyFile(path: string): Promise<Buffer | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const key = decodeRawKey(text.trim());
  if (!key) {
    throw invalidKey(
      `El archivo ${path} no contiene una clave maestra válida (32 bytes en base64). Restáuralo desde tu respaldo o define AUTOFACTURA_SECRET con la clave original; sin ella no se pueden descifrar los secretos guardados.`,
      `${path} does not hold a valid master key (32 bytes, base64). Restore it from your backup or set AUTOFACTURA_SECRET to the original key; without it stored secrets cannot be decrypted.`,
    );
  }
  return key;
}

function generatedWarning(path: string): string {
  return (
    `AUTOFACTURA_SECRET no está definida: se generó una clave maestra nueva en ${path}. ` +
    'Respáldala: sin ella no se pueden descifrar los CSD ni los secretos guardados. En producción define ' +
    'AUTOFACTURA_SECRET (32 bytes en base64 o hex) y guárdala fuera de la carpeta de datos. / ' +
    `AUTOFACTURA_SECRET is not set: a new master key was generated in ${path}. Back it up: without it ` +
    'the stored CSDs and secrets cannot be decrypted. In production set AUTOFACTURA_SECRET (32 bytes, ' +
    'base64 or hex) and keep it outside the data folder.'
  );
}

/** The 32-byte master key (see the module comment for where it comes from). */
export async function loadMasterKey(options: LoadMasterKeyOptions): Promise<Buffer> {
  const env = options.env ?? process.env;
  const configured = env.AUTOFACTURA_SECRET?.trim();
  if (configured) return decodeRawKey(configured) ?? stretch(configured);

  const path = join(options.dataDir, MASTER_KEY_FILE);
  const existing = await readKeyFile(path);
  if (existing) return existing;

  await ensureDir(options.dataDir);
  const created = await createFileDurable(path, `${randomBytes(32).toString('base64')}\n`, 0o600);
  const key = await readKeyFile(path);
  if (!key) throw invalidKey(`No se pudo leer ${path}.`, `${path} could not be read.`);
  if (created) (options.warn ?? console.warn)(generatedWarning(path));
  return key;
}
