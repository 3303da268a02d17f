/**
 * One error tree for autofactura. Every error a merchant can see carries a stable `code`, a message in
 * Spanish (Mexico) that says what to fix, the same in English, and whether retrying can help.
 */
export interface ErrorDetail {
  /** Stable code: SAT matrix code (CFDI40xxx) where one exists, otherwise ours (e.g. CSD_KEY_MISMATCH). */
  code: string;
  /** es-MX, says what to fix. */
  message: string;
  /** English version of `message`. */
  messageEn?: string;
  /** Path of the offending field in the request or document, e.g. `items[0].unit_price`. */
  path?: string;
}

export interface AutofacturaErrorOptions {
  code: string;
  message: string;
  messageEn?: string;
  status?: number;
  retriable?: boolean;
  details?: ErrorDetail[];
  cause?: unknown;
}

export class AutofacturaError extends Error {
  readonly code: string;
  readonly messageEn: string | undefined;
  readonly status: number;
  readonly retriable: boolean;
  readonly details: ErrorDetail[];

  constructor(options: AutofacturaErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.messageEn = options.messageEn;
    this.status = options.status ?? 400;
    this.retriable = options.retriable ?? false;
    this.details = options.details ?? [
      {
        code: options.code,
        message: options.message,
        ...(options.messageEn ? { messageEn: options.messageEn } : {}),
      },
    ];
  }
}

/** The request or document is invalid; `details` lists every problem found. */
export class ValidationError extends AutofacturaError {}

/** A CSD (certificate, key, password) cannot be used to seal. */
export class CredentialError extends AutofacturaError {}

/** Malformed XML or a document that is not a CFDI 4.0. */
export class XmlError extends AutofacturaError {}

export function isAutofacturaError(value: unknown): value is AutofacturaError {
  return value instanceof AutofacturaError;
}
