/**
 * Standard Webhooks signatures (standardwebhooks.com): the secret is `whsec_` + base64 of random bytes;
 * a message is signed as HMAC-SHA256(secret bytes, `<webhook-id>.<webhook-timestamp>.<body>`) and sent
 * as `webhook-signature: v1,<base64>` with `webhook-id` and `webhook-timestamp` (Unix seconds).
 * node:crypto only; receivers verify with any Standard Webhooks library.
 */
import { createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';

/** A new signing secret: `whsec_` + base64 of 24 random bytes (192 bits). */
export function newWebhookSecret(): string {
  return `${PREFIX}${randomBytes(24).toString('base64')}`;
}

function secretBytes(secret: string): Buffer {
  const encoded = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret;
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length < 16) throw new RangeError('A webhook secret needs at least 16 bytes after whsec_.');
  return bytes;
}

/** `v1,<base64 signature>` of one message. */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', secretBytes(secret))
    .update(`${id}.${timestampSeconds}.${body}`, 'utf8')
    .digest('base64');
  return `v1,${mac}`;
}

/** The three Standard Webhooks headers for a message sent at `now`. */
export function webhookHeaders(secret: string, id: string, body: string, now: Date): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook(secret, id, timestamp, body),
  };
}
