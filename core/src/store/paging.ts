/**
 * What both adapters agree on, so lowdb and PostgreSQL answer alike (the contract suite checks it):
 * page limits, the opaque cursor (`pos:<insertion position>`, base64url) and the compare-and-set token.
 */
import { ValidationError } from '../errors.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 1000;

export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new ValidationError({
      code: 'INVALID_LIMIT',
      message: `El límite de resultados debe ser un entero de 1 a ${MAX_LIMIT}; se recibió ${limit}.`,
      messageEn: `The result limit must be an integer from 1 to ${MAX_LIMIT}; got ${limit}.`,
    });
  }
  return Math.min(limit, MAX_LIMIT);
}

export function encodeCursor(pos: string | number): string {
  return Buffer.from(`pos:${pos}`, 'utf8').toString('base64url');
}

/** The insertion position (digits) a cursor points after; a cursor not made by encodeCursor is refused. */
export function cursorPosition(cursor: string): string {
  const match = /^pos:(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) {
    throw new ValidationError({
      code: 'INVALID_CURSOR',
      message: 'El cursor de paginación no es válido; usa el valor `next` de la página anterior.',
      messageEn: 'The pagination cursor is not valid; pass the `next` value of the previous page.',
    });
  }
  return match[1] as string;
}

/**
 * The updatedAt a compare-and-set writes. It must differ from the one expected, or a second writer
 * holding the same copy would also match (two writes in the same millisecond, a frozen test clock):
 * when the caller did not move it, it moves by 1 ms.
 */
export function casToken(given: string, expected: string): string {
  if (given !== expected) return given;
  const time = Date.parse(expected);
  return Number.isNaN(time) ? `${expected}+` : new Date(time + 1).toISOString();
}
