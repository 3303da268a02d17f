/**
 * A notification's authenticity: OpenPay signs nothing; it sends the user and password configured on
 * the webhook as HTTP Basic auth. Both are compared in constant time (over SHA-256 digests, so neither
 * the length nor the content leaks), and only then is the body read. Pure.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { openpayError } from './errors.js';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

function same(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

export function verifyBasicAuth(
  authorization: string | undefined,
  expected: { user: string; password: string },
): void {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
  if (!match) {
    throw openpayError(
      'OPENPAY_AUTH_MISSING',
      'Falta la autenticación básica: en el panel de OpenPay, edita el webhook y activa usuario y contraseña con los que diste a "autofactura connect openpay".',
      'Basic authentication is missing: in OpenPay\'s panel, edit the webhook and set the user and password you gave "autofactura connect openpay".',
      401,
    );
  }
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = colon < 0 ? decoded : decoded.slice(0, colon);
  const password = colon < 0 ? '' : decoded.slice(colon + 1);
  // Both compared every time: no early exit tells which one was wrong.
  const userOk = same(user, expected.user);
  const passwordOk = same(password, expected.password);
  if (!(userOk && passwordOk)) {
    throw openpayError(
      'OPENPAY_AUTH_INVALID',
      'El usuario o la contraseña del webhook no coinciden con los guardados: usa en OpenPay los mismos que en "autofactura connect openpay".',
      'The webhook user or password does not match the stored ones: use in OpenPay the same ones given to "autofactura connect openpay".',
      401,
    );
  }
}

export function parseBody(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch (error) {
    throw openpayError(
      'OPENPAY_EVENT_MALFORMED',
      'El cuerpo de la notificación no es JSON válido.',
      'The notification body is not valid JSON.',
      400,
      error,
    );
  }
}

/** The Authorization header OpenPay sends for `user` and `password` (tests and local tools). */
export function basicAuthHeader(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}
