/**
 * Turns what `pg` throws into StoreError: a lost or refused connection is STORE_UNAVAILABLE (retriable),
 * a unique violation is STORE_DUPLICATE. Anything else is passed through unchanged.
 */
import { StoreError } from '../errors.js';

/** SQLSTATE classes and codes that mean "the database cannot serve this now; try again". */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown (connection terminated by pg_terminate_backend or a restart)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up)
  '53300', // too_many_connections
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505';
}

export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = sqlState(error);
  if (code && (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08') || UNAVAILABLE_ERRNOS.has(code))) {
    return true;
  }
  return /Connection terminated|connection timeout|Client has encountered a connection error|Cannot use a pool after calling end/i.test(
    error.message,
  );
}

export function unavailable(cause: unknown): StoreError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new StoreError({
    code: 'STORE_UNAVAILABLE',
    message: `No se pudo usar la base de datos PostgreSQL (${detail}). Revisa que el servidor esté en marcha y que DATABASE_URL sea correcta; la operación puede reintentarse.`,
    messageEn: `PostgreSQL could not be used (${detail}). Check that the server is running and DATABASE_URL is correct; the operation can be retried.`,
    status: 503,
    retriable: true,
    cause,
  });
}

export function duplicate(what: string, whatEn: string, cause?: unknown): StoreError {
  return new StoreError({
    code: 'STORE_DUPLICATE',
    message: `Ya existe ${what}.`,
    messageEn: `${whatEn} already exists.`,
    status: 409,
    cause,
  });
}

export function notFound(what: string, whatEn: string, id: string): StoreError {
  return new StoreError({
    code: 'STORE_NOT_FOUND',
    message: `No existe ${what} con id ${id}.`,
    messageEn: `There is no ${whatEn} with id ${id}.`,
    status: 404,
  });
}

/** Connection problems become STORE_UNAVAILABLE; StoreErrors and other errors pass through. */
export function mapError(error: unknown): unknown {
  if (error instanceof StoreError) return error;
  if (isUnavailable(error)) return unavailable(error);
  return error;
}
