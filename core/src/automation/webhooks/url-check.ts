/**
 * What a webhook endpoint URL must be: absolute http(s), no credentials, at most 2,048 characters. With a
 * live API key it must be https and not a loopback or private address (test keys may point at a
 * developer's machine).
 */
import { isIP } from 'node:net';
import type { ErrorDetail } from '../../errors.js';
import { detail } from '../errors.js';

const PRIVATE_V4 = [/^10\./, /^127\./, /^169\.254\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^0\./];

function isLocalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return PRIVATE_V4.some((range) => range.test(host));
  if (isIP(host) === 6) return host === '::1' || host === '::' || /^(fc|fd|fe80)/.test(host);
  return false;
}

export function urlProblem(value: unknown, mode: 'test' | 'live'): ErrorDetail | null {
  const bad = (code: string, es: string, en: string) => detail(code, 'url', es, en);
  if (typeof value !== 'string' || value.trim() === '') {
    return bad(
      'WEBHOOK_URL_REQUIRED',
      'Indica la URL que recibirá los eventos, p. ej. https://hooks.zapier.com/…',
      'Give the URL that will receive the events, e.g. https://hooks.zapier.com/…',
    );
  }
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    url = new URL('invalid:');
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.hostname === '' || value.length > 2048) {
    return bad(
      'WEBHOOK_URL_INVALID',
      `"${value.slice(0, 100)}" no es una URL http(s) válida; escríbela completa, p. ej. https://ejemplo.com/webhooks.`,
      `"${value.slice(0, 100)}" is not a valid http(s) URL; write it in full, e.g. https://example.com/webhooks.`,
    );
  }
  if (url.username || url.password) {
    return bad(
      'WEBHOOK_URL_CREDENTIALS',
      'La URL no debe llevar usuario ni contraseña; verifica la firma webhook-signature en su lugar.',
      'The URL must not carry a user or password; verify the webhook-signature instead.',
    );
  }
  if (mode === 'live' && (url.protocol !== 'https:' || isLocalHost(url.hostname))) {
    return bad(
      'WEBHOOK_URL_NOT_PUBLIC',
      'Con una llave live la URL debe ser https y pública (no localhost ni una red privada). Usa una llave de prueba para probar en tu equipo.',
      'With a live key the URL must be https and public (not localhost or a private network). Use a test key to try it on your machine.',
    );
  }
  return null;
}
