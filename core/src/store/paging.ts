/**
 * What both adapters agree on, so lowdb and PostgreSQL answer alike (the contract suite checks it):
 * page limits, the opaque cursors and the compare-and-set token.
 *
 * A cursor is an exclusive bound on the insertion position, base64url, and carries its direction:
 * `pos:<n>` lists oldest first from after n, `before:<n>` newest first from before n. So a cursor from a
 * newest-first page continues newest first, and records inserted between two pages never make a page
 * repeat or skip older records.
 */
import { ValidationError } from '../errors.js';
import type { ListOrder } from './types.js';

export type { ListOrder } from './types.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 1000;

/** Where a page starts: its order and the position it lists after (asc) or before (desc), if any. */
export interface ListStart {
  order: ListOrder;
  bound?: bigint;
}

const PREFIX: Record<ListOrder, string> = { asc: 'pos', desc: 'before' };

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

export function encodeCursor(pos: string | number | bigint, order: ListOrder = 'asc'): string {
  return Buffer.from(`${PREFIX[order]}:${pos}`, 'utf8').toString('base64url');
}

function invalidCursor(): ValidationError {
  return new ValidationError({
    code: 'INVALID_CURSOR',
    message: 'El cursor de paginación no es válido; usa el valor `next` de la página anterior.',
    messageEn: 'The pagination cursor is not valid; pass the `next` value of the previous page.',
  });
}

/**
 * The page a list query asks for. Without `order` a cursor keeps its own direction; an `order` that
 * contradicts the cursor's is refused (a cursor is a bound in one direction only).
 */
export function listStart(cursor: string | undefined, order: ListOrder | undefined): ListStart {
  if (cursor === undefined) return { order: order ?? 'asc' };
  const match = /^(pos|before):(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw invalidCursor();
  const own: ListOrder = match[1] === 'before' ? 'desc' : 'asc';
  if (order !== undefined && order !== own) {
    throw new ValidationError({
      code: 'INVALID_CURSOR',
      message: `Este cursor es de una lista en orden ${own}; pídelo con order=${own} o empieza sin cursor.`,
      messageEn: `This cursor belongs to a listing in ${own} order; pass order=${own} or start without a cursor.`,
    });
  }
  return { order: own, bound: BigInt(match[2] as string) };
}

/**
 * The cursor that walks back from where `start` began, in the other direction: with it and the opposite
 * order a list gives the records the cursor skipped, nearest first (the dashboard's "newer" link).
 * Absent on a first page: nothing was skipped.
 */
export function reverseCursor(start: ListStart): string | undefined {
  if (start.bound === undefined) return undefined;
  if (start.order === 'asc') return encodeCursor(start.bound + 1n, 'desc');
  return start.bound > 0n ? encodeCursor(start.bound - 1n, 'asc') : undefined;
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
