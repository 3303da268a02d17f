/** The connector's one error: a code, es-MX and English messages that say what to fix, an HTTP status. */
export class StripeWebhookError extends Error {
  readonly code: string;
  readonly messageEn: string;
  readonly status: number;

  constructor(code: string, message: string, messageEn: string, status = 400, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'StripeWebhookError';
    this.code = code;
    this.messageEn = messageEn;
    this.status = status;
  }
}
