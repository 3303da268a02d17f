/** Query-string checks of the list endpoints: limit 1..100 (default 20), ISO instants, order. */
import type { ListOrder } from '../../../core/src/store/types.js';
import { apiError } from '../http-error.js';

export function limitParam(value: unknown): number {
  if (value === undefined || value === '') return 20;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw apiError(
      400,
      'INVALID_PARAMETER',
      'limit debe ser un entero entre 1 y 100.',
      'limit must be an integer between 1 and 100.',
      'limit',
    );
  }
  return limit;
}

export function instantParam(value: unknown, param: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  const text = String(value);
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(date.getTime())) {
    throw apiError(
      400,
      'INVALID_PARAMETER',
      `${param} debe ser una fecha ISO 8601, p. ej. "2026-11-01" o "2026-11-01T06:00:00Z".`,
      `${param} must be an ISO 8601 date, e.g. "2026-11-01" or "2026-11-01T06:00:00Z".`,
      param,
    );
  }
  return date.toISOString();
}

export function stringParam(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A query value that must be one of `allowed`. */
export function enumParam<T extends string>(
  value: unknown,
  param: string,
  allowed: readonly T[],
): T | undefined {
  const text = stringParam(value);
  if (text === undefined) return undefined;
  if (!allowed.includes(text as T)) {
    throw apiError(
      400,
      'INVALID_PARAMETER',
      `${param} debe ser uno de: ${allowed.join(', ')}.`,
      `${param} must be one of: ${allowed.join(', ')}.`,
      param,
    );
  }
  return text as T;
}

/**
 * `order` of the payment, invoice and receipt lists: asc (oldest first, the default) or desc (newest
 * first). Absent, a cursor keeps the order of the page that gave it.
 */
export function orderParam(value: unknown): ListOrder | undefined {
  return enumParam(value, 'order', ['asc', 'desc'] as const);
}
