/**
 * Standard Webhooks signature of autofactura's deliveries (docs/webhooks.md): `webhook-signature` holds
 * `v1,<base64 HMAC-SHA256("<webhook-id>.<webhook-timestamp>.<raw body>")>` keyed with the base64 bytes
 * after `whsec_`. Pure: the caller gives the raw body, the headers, the secret and the clock.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const TOLERANCE_SECONDS = 5 * 60;

/** A header by name, whatever its case and whether Zapier prefixed it with `Http-`. */
export function headerValue(headers: Record<string, unknown>, name: string): string | undefined {
  const wanted = [name.toLowerCase(), `http-${name.toLowerCase()}`];
  for (const [key, value] of Object.entries(headers)) {
    if (wanted.includes(key.toLowerCase())) return Array.isArray(value) ? String(value[0]) : String(value);
  }
  return undefined;
}

export type SignatureProblem = 'missing_headers' | 'stale' | 'mismatch';

/** What is wrong with a delivery's signature, or null when it is authentic. */
export function signatureProblem(
  body: string,
  headers: Record<string, unknown>,
  secret: string,
  nowSeconds: number = Date.now() / 1000,
): SignatureProblem | null {
  const id = headerValue(headers, 'webhook-id');
  const timestamp = headerValue(headers, 'webhook-timestamp');
  const signatures = headerValue(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) return 'missing_headers';
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > TOLERANCE_SECONDS) {
    return 'stale';
  }
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  for (const candidate of signatures.split(' ')) {
    const [version, value] = candidate.split(',');
    if (version !== 'v1' || !value) continue;
    const given = Buffer.from(value, 'base64');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return null;
  }
  return 'mismatch';
}

/** The problem in the merchant's words, es-MX and English. */
export const SIGNATURE_MESSAGES: Record<SignatureProblem, [string, string]> = {
  missing_headers: [
    'faltan los encabezados webhook-id, webhook-timestamp o webhook-signature',
    'the webhook-id, webhook-timestamp or webhook-signature header is missing',
  ],
  stale: [
    'la marca de tiempo del envío tiene más de 5 minutos de diferencia',
    'the delivery timestamp is more than 5 minutes away',
  ],
  mismatch: [
    'la firma no corresponde al secreto de esta suscripción',
    'the signature does not match this subscription’s secret',
  ],
};
