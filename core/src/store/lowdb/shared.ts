/** What the lowdb repositories share: copies, page limits and cursors, compare-and-set, coded errors. */
import { StoreError } from '../errors.js';
import { encodeCursor, listStart, pageLimit, reverseCursor } from '../paging.js';
import type { ListOrder, Page } from '../types.js';
import type { Chunked } from './chunked.js';

export { casToken, DEFAULT_LIMIT, MAX_LIMIT, pageLimit } from '../paging.js';

/** A deep copy: what goes into the store and what comes out are never shared with the caller. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}

/**
 * One page of the records that match, in insertion order or newest first, starting at the cursor. It
 * walks the positions from the cursor on and stops at the first record past the page: a page never
 * copies or visits what lies beyond it.
 */
export function page<T>(
  records: Chunked<T> | undefined,
  matches: (record: T) => boolean,
  options: { cursor?: string | undefined; limit?: number | undefined; order?: ListOrder | undefined },
): Page<T> {
  const limit = pageLimit(options.limit);
  const start = listStart(options.cursor, options.order);
  const prev = reverseCursor(start);
  const bound = start.bound === undefined ? undefined : Number(start.bound);
  const desc = start.order === 'desc';
  const entries = !records
    ? []
    : desc
      ? records.downFrom(bound === undefined ? undefined : bound - 1)
      : records.from(bound === undefined ? 0 : bound + 1);
  const items: T[] = [];
  let last = -1;
  for (const [pos, record] of entries) {
    if (!matches(record)) continue;
    if (items.length === limit)
      return { items, next: encodeCursor(last, start.order), ...(prev ? { prev } : {}) };
    items.push(copy(record));
    last = pos;
  }
  return { items, ...(prev ? { prev } : {}) };
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
