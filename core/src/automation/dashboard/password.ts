/**
 * Dashboard passwords, hashed with scrypt from node:crypto (OpenSSL): memory-hard like argon2id, and
 * it ships with Node, so there is no native add-on to build (npm install scripts are blocked here) and
 * nothing extra to audit. Parameters follow OWASP's Password Storage Cheat Sheet scrypt row
 * N=2^15, r=8, p=3 (32 MiB per hash, ~0.3 s on one core of the project's machines); they are written
 * into each hash (`scrypt$N$r$p$salt$hash`), so raising them later keeps old hashes verifiable and
 * `needsRehash` tells the login to upgrade them. Hashing runs on libuv's thread pool, never blocking
 * the event loop.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 3, keyLength: 32, saltLength: 16 } as const;

const FORMAT = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

function derive(
  password: string,
  salt: Buffer,
  N: number,
  r: number,
  p: number,
  length: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem: 128 * N * r * p bytes plus headroom (OpenSSL checks 128 * N * r).
    scrypt(
      password.normalize('NFC'),
      salt,
      length,
      { N, r, p, maxmem: 256 * N * r + 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const { N, r, p, keyLength, saltLength } = SCRYPT_PARAMS;
  const salt = randomBytes(saltLength);
  const hash = await derive(password, salt, N, r, p, keyLength);
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** true when `password` matches `stored`; a malformed hash never matches. Timing-safe compare. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = FORMAT.exec(stored);
  if (!match) return false;
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const expected = Buffer.from(match[5]!, 'base64');
  if (expected.length < 16 || N > 2 ** 20 || r > 32 || p > 16) return false;
  const actual = await derive(password, Buffer.from(match[4]!, 'base64'), N, r, p, expected.length);
  return timingSafeEqual(actual, expected);
}

/** A hash made with weaker parameters than today's: re-hash it after a successful login. */
export function needsRehash(stored: string): boolean {
  const match = FORMAT.exec(stored);
  if (!match) return true;
  const { N, r, p } = SCRYPT_PARAMS;
  return Number(match[1]) < N || Number(match[2]) < r || Number(match[3]) < p;
}

/** A hash of a random password, computed once: checked against when the email is unknown, so a login
 * for a missing account takes as long as one for a real account (no timing oracle for enumeration). */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}
