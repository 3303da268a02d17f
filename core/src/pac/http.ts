/**
 * HTTP for the real PAC adapters (global fetch). Every Pac call gets one deadline (`timeoutMs`) that
 * covers all its requests and retries, so a caller never waits longer than configured. Transport
 * failures become PacError with stable codes:
 *
 * - PAC_TIMEOUT: no answer in time; the PAC may have received the request. Retriable.
 * - PAC_UNREACHABLE: the connection was never made (refused, DNS); nothing was sent. Retriable.
 * - PAC_CONNECTION_LOST: the connection broke after it was made; the request may have arrived. Retriable.
 * - HTTP_5xx: the PAC failed. Retriable. HTTP_4xx: not retriable (a wrong URL, a refused request).
 * - PAC_BAD_RESPONSE: an answer we cannot read. Retriable (by the caller, later): nothing was wrong with
 *   the document, and every operation we repeat is idempotent or read-only.
 *
 * Text a PAC sends back is shown only after `redact` has removed the credentials of that call.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { PacError } from './port.js';

export interface PacCall {
  /** 'finkok' | 'sw': PacError.pac. */
  pac: string;
  /** Name shown to people, e.g. 'Finkok', 'SW Sapien'. */
  label: string;
  /** What we asked for, e.g. 'stamp', for messages. */
  operation: string;
  timeoutMs: number;
  /** Aborts when the call's deadline passes. */
  signal: AbortSignal;
  /** Credentials of this call: never shown in a message. */
  secrets: readonly string[];
}

export function startCall(
  pac: string,
  label: string,
  operation: string,
  timeoutMs: number,
  secrets: readonly string[],
): PacCall {
  return { pac, label, operation, timeoutMs, signal: AbortSignal.timeout(timeoutMs), secrets };
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string | FormData;
}

export interface HttpResponse {
  status: number;
  contentType: string;
  text: string;
}

/** Sends one request within the call's deadline. Throws PacError (codes above) when no answer arrives. */
export async function send(call: PacCall, url: string, request: HttpRequest): Promise<HttpResponse> {
  try {
    const response = await fetch(url, { ...request, signal: call.signal });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text };
  } catch (error) {
    throw transportError(call, error);
  }
}

/** Error codes of Node/undici that mean the connection was never made, so nothing reached the PAC. */
const NOT_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
]);

function transportError(call: PacCall, error: unknown): PacError {
  if (call.signal.aborted) return timeoutError(call, error);
  const code = errorCode(error);
  if (code !== undefined && NOT_CONNECTED.has(code)) {
    return pacError(call, {
      code: 'PAC_UNREACHABLE',
      retriable: true,
      message: `No se pudo conectar con ${call.label} (${code}). Revise la URL configurada del PAC y la conexión a internet; intente de nuevo en unos minutos.`,
      messageEn: `Could not connect to ${call.label} (${code}). Check the PAC URL you configured and the internet connection; try again in a few minutes.`,
      cause: error,
    });
  }
  const shown = code ?? (error instanceof Error ? error.message : 'error');
  return pacError(call, {
    code: 'PAC_CONNECTION_LOST',
    retriable: true,
    message: `Se perdió la conexión con ${call.label} durante "${call.operation}" (${shown}). Intente de nuevo: repetir la operación es seguro.`,
    messageEn: `The connection to ${call.label} was lost during "${call.operation}" (${shown}). Try again: repeating the operation is safe.`,
    cause: error,
  });
}

export function timeoutError(call: PacCall, cause?: unknown): PacError {
  return pacError(call, {
    code: 'PAC_TIMEOUT',
    retriable: true,
    message: `${call.label} no respondió en ${call.timeoutMs} ms ("${call.operation}"). Intente de nuevo más tarde; si se repite, revise la conexión o aumente PAC_TIMEOUT_MS.`,
    messageEn: `${call.label} did not answer within ${call.timeoutMs} ms ("${call.operation}"). Try again later; if it keeps happening, check the connection or raise PAC_TIMEOUT_MS.`,
    cause,
  });
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    current = current.cause;
  }
  return undefined;
}

/** An HTTP status that is not an answer of the operation itself (the body is not the PAC's response). */
export function httpStatusError(call: PacCall, status: number, body: string): PacError {
  const detail = shorten(redact(call, stripTags(body)));
  const said = detail === '' ? '' : `: ${detail}`;
  if (status >= 500) {
    return pacError(call, {
      code: `HTTP_${status}`,
      retriable: true,
      message: `${call.label} respondió con un error ${status} a "${call.operation}"${said}. Es un problema del PAC; intente de nuevo en unos minutos.`,
      messageEn: `${call.label} answered "${call.operation}" with error ${status}${said}. The PAC failed; try again in a few minutes.`,
    });
  }
  const hint =
    status === 404 || status === 405
      ? { es: ' Revise la URL configurada del PAC.', en: ' Check the PAC URL you configured.' }
      : { es: '', en: '' };
  return pacError(call, {
    code: `HTTP_${status}`,
    retriable: false,
    message: `${call.label} rechazó "${call.operation}" con HTTP ${status}${said}.${hint.es}`,
    messageEn: `${call.label} refused "${call.operation}" with HTTP ${status}${said}.${hint.en}`,
  });
}

/** An answer we cannot read. */
export function badResponse(call: PacCall, what: string, whatEn: string, cause?: unknown): PacError {
  return pacError(call, {
    code: 'PAC_BAD_RESPONSE',
    retriable: true,
    message: `La respuesta de ${call.label} a "${call.operation}" no se puede leer: ${what}. Intente de nuevo más tarde; repetir la operación es seguro.`,
    messageEn: `${call.label}'s answer to "${call.operation}" cannot be read: ${whatEn}. Try again later; repeating the operation is safe.`,
    cause,
  });
}

export interface PacErrorFields {
  code: string;
  message: string;
  messageEn: string;
  retriable: boolean;
  cause?: unknown;
}

export function pacError(call: PacCall, fields: PacErrorFields): PacError {
  return new PacError({
    pac: call.pac,
    code: fields.code,
    message: redact(call, fields.message),
    messageEn: redact(call, fields.messageEn),
    retriable: fields.retriable,
    ...(fields.cause === undefined ? {} : { cause: fields.cause }),
  });
}

/** A failure that a new attempt within the same call may get past (not a timeout: that ends the call). */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof PacError)) return false;
  return (
    error.code === 'PAC_UNREACHABLE' ||
    error.code === 'PAC_CONNECTION_LOST' ||
    error.code === 'SOAP_FAULT' ||
    /^HTTP_5\d\d$/.test(error.code)
  );
}

/** A failure where the request certainly never reached the PAC. */
export function isNotSent(error: unknown): boolean {
  return error instanceof PacError && error.code === 'PAC_UNREACHABLE';
}

/**
 * Runs `attempt` up to `retries + 1` times while `canRetry(error)` holds and the deadline allows,
 * waiting 200 ms, 400 ms, 800 ms... between attempts.
 */
export async function withRetries<T>(
  call: PacCall,
  retries: number,
  canRetry: (error: unknown) => boolean,
  attempt: () => Promise<T>,
): Promise<T> {
  for (let tried = 0; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (tried >= retries || !canRetry(error) || call.signal.aborted) throw error;
      try {
        await sleep(200 * 2 ** tried, undefined, { signal: call.signal });
      } catch {
        throw timeoutError(call, error);
      }
    }
  }
}

/** The text with every credential of the call replaced by "***". */
export function redact(call: Pick<PacCall, 'secrets'>, text: string): string {
  let out = text;
  for (const secret of call.secrets) {
    if (secret.length >= 3) out = out.split(secret).join('***');
  }
  return out;
}

function stripTags(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** At most 300 characters of a PAC's text, for a message. */
export function shorten(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > 300 ? `${clean.slice(0, 297)}...` : clean;
}
