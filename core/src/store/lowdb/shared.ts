/** What the lowdb repositories share: copies, page limits and cursors, compare-and-set, coded errors. */
import { ValidationError } from '../../errors.js';
import { StoreError } from '../errors.js';
import type { Page } from '../types.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 1000;

/** A deep copy: what goes into the store and what comes out are never shared with the caller. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}

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

/** The position a cursor points after (-1 without one); a cursor not made here is refused. */
export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return -1;
  const match = /^pos:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) {
    throw new ValidationError({
      code: 'INVALID_CURSOR',
      message: 'El cursor de paginación no es válido; usa el valor `next` de la página anterior.',
      messageEn: 'The pagination cursor is not valid; pass the `next` value of the previous page.',
    });
  }
  return Number(match[1]);
}

/** Records at positions after the cursor that match, one page of them. */
export function page<T>(
  entries: Iterable<[number, T]>,
  matches: (record: T) => boolean,
  options: { cursor?: string | undefined; limit?: number | undefined },
): Page<T> {
  const limit = pageLimit(options.limit);
  const after = decodeCursor(options.cursor);
  const items: T[] = [];
  let last = -1;
  for (const [pos, record] of entries) {
    if (pos <= after || !matches(record)) continue;
    if (items.length === limit) return { items, next: Buffer.from(`pos:${last}`).toString('base64url') };
    items.push(copy(record));
    last = pos;
  }
  return { items };
}

/**
 * The updatedAt a compare-and-set writes. It must differ from the one expected, or a second writer
 * holding the same copy would also match (two writes in the same millisecond, a frozen test clock).
 */
export function casToken(given: string, expected: string): string {
  if (given !== expected) return given;
  const time = Date.parse(expected);
  return Number.isNaN(time) ? `${expected}+` : new Date(time + 1).toISOString();
}

export function duplicate(what: string, whatEn: string): StoreError {
  return new StoreError({
    code: 'STORE_DUPLICATE',
    message: `Ya existe ${what}.`,
    messageEn: `${whatEn} already exists.`,
    status: 409,
  });
}

export function notFound(what: string, whatEn: string, id: string): StoreError {
  return new StoreError({
    code: 'STORE_NOT_FOUND',
    message: `No existe ${what} con id ${id}.`,
    messageEn: `No ${whatEn} with id ${id}.`,
    status: 404,
  });
}

/** A list of positions per key, oldest first: lookups that may match several records. */
export class MultiIndex {
  private readonly map = new Map<string, number[]>();

  add(key: string | undefined, pos: number): void {
    if (key === undefined) return;
    const list = this.map.get(key);
    if (!list) this.map.set(key, [pos]);
    else {
      list.push(pos);
      if (list.length > 1 && list[list.length - 2]! > pos) list.sort((a, b) => a - b);
    }
  }

  remove(key: string | undefined, pos: number): void {
    if (key === undefined) return;
    const list = this.map.get(key);
    if (!list) return;
    const index = list.indexOf(pos);
    if (index >= 0) list.splice(index, 1);
    if (list.length === 0) this.map.delete(key);
  }

  first(key: string): number | undefined {
    return this.map.get(key)?.[0];
  }

  all(key: string): readonly number[] {
    return this.map.get(key) ?? [];
  }
}
