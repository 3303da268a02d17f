/**
 * Sends one signed webhook: POST of the JSON body with the Standard Webhooks headers, a timeout, no
 * redirects followed (a 3xx is a failure: the merchant should register the final URL). The answer's body
 * is not read beyond its status. Never throws: the caller records the outcome and decides to retry.
 */
import { webhookHeaders } from './webhook-signature.js';

export const WEBHOOK_TIMEOUT_MS = 10_000;

export interface WebhookMessage {
  url: string;
  /** `whsec_...` in the clear (decrypted just before sending; never logged). */
  secret: string;
  /** The event id: the same on every retry, so receivers can drop duplicates. */
  id: string;
  body: string;
  now: Date;
  timeoutMs?: number;
}

export interface WebhookResult {
  ok: boolean;
  /** HTTP status when the receiver answered. */
  status?: number;
  /** Why there was no answer: timeout, refused connection, DNS... */
  error?: string;
  durationMs: number;
}

export async function sendWebhook(message: WebhookMessage): Promise<WebhookResult> {
  const started = performance.now();
  const durationMs = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(message.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(message.timeoutMs ?? WEBHOOK_TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'autofactura-webhooks/1',
        ...webhookHeaders(message.secret, message.id, message.body, message.now),
      },
      body: message.body,
    });
    await response.body?.cancel().catch(() => {});
    return {
      ok: response.status >= 200 && response.status < 300,
      status: response.status,
      durationMs: durationMs(),
    };
  } catch (error) {
    return { ok: false, error: describe(error), durationMs: durationMs() };
  }
}

function describe(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return 'timeout';
  }
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}
