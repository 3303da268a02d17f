/**
 * PayPal's signing certificates, fetched from PAYPAL-CERT-URL only over https from a host under
 * paypal.com (a delivery cannot make the server fetch, or trust, anything else) and cached by URL for a
 * day. The origin of the configured PayPal API (PAYPAL_API_URL — a proxy the operator trusts, or the local
 * fake in tests) is allowed too: that is the only way to serve a test certificate, and nothing sets it in
 * production. A certificate that cannot be fetched now is a retriable failure (PayPal delivers again).
 */
import { X509Certificate } from 'node:crypto';
import { paypalError, paypalUnavailable } from './errors.js';

const TTL_MS = 24 * 3600 * 1000;
const MAX_ENTRIES = 32;

export function allowedCertUrl(url: string, apiUrl: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  if (parsed.protocol === 'https:' && parsed.hostname.toLowerCase().endsWith('.paypal.com')) return true;
  return apiUrl !== undefined && parsed.origin === new URL(apiUrl).origin;
}

export interface CertificateCache {
  get(url: string): Promise<X509Certificate>;
}

export function certificateCache(options: {
  apiUrl?: string | undefined;
  fetch?: typeof fetch;
  now?: () => number;
}): CertificateCache {
  const entries = new Map<string, { certificate: X509Certificate; at: number }>();
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  return {
    async get(url) {
      if (!allowedCertUrl(url, options.apiUrl)) {
        throw paypalError(
          'PAYPAL_CERT_URL_REFUSED',
          `PAYPAL-CERT-URL ${url} no es de PayPal (https://*.paypal.com): el evento no lo envió PayPal.`,
          `PAYPAL-CERT-URL ${url} is not PayPal's (https://*.paypal.com): PayPal did not send this event.`,
          401,
        );
      }
      const cached = entries.get(url);
      if (cached && now() - cached.at < TTL_MS) return cached.certificate;
      let pem: string;
      try {
        const response = await doFetch(url, { redirect: 'error', signal: AbortSignal.timeout(10_000) });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        pem = await response.text();
      } catch (error) {
        throw paypalUnavailable('el certificado de firma', 'the signing certificate', error);
      }
      let certificate: X509Certificate;
      try {
        certificate = new X509Certificate(pem);
      } catch (error) {
        throw paypalError(
          'PAYPAL_CERTIFICATE_INVALID',
          `PAYPAL-CERT-URL ${url} no devolvió un certificado X.509.`,
          `PAYPAL-CERT-URL ${url} did not return an X.509 certificate.`,
          401,
          error,
        );
      }
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
      entries.set(url, { certificate, at: now() });
      return certificate;
    },
  };
}
