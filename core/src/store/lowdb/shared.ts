/** What the lowdb repositories share: copies, page limits and cursors, compare-and-set, coded errors. */
import { StoreError } from '../errors.js';
import { cursorPosition, encodeCursor, pageLimit } from '../paging.js';
import type { Page } from '../types.js';

export { casToken, DEFAULT_LIMIT, MAX_LIMIT, pageLimit } from '../paging.js';

/** A deep copy: what goes into the store and what comes out are never shared with the caller. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}

/** The position a cursor points after (-1 without one); a cursor not made here is refused. */
export function decodeCursor(cursor: string | undefined): number {
  return cursor === undefined ? -1 : Number(cursorPosition(cursor));
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
    if (items.length === limit) return { items, next: encodeCursor(last) };
    items.push(copy(record));
    last = pos;
  }
  return { items };
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
