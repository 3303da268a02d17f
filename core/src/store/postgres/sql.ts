/** Small helpers shared by the repositories: WHERE building, pages and cursors. */
import { encodeCursor, type ListStart, listStart, reverseCursor } from '../paging.js';
import type { ListOrder, Page } from '../types.js';

/** Collects conditions; each `?` in a condition becomes the next `$n`. */
export class Where {
  readonly values: unknown[] = [];
  private readonly parts: string[] = [];

  add(condition: string, ...values: unknown[]): this {
    let index = 0;
    this.parts.push(
      condition.replace(/\?/g, () => {
        this.values.push(values[index++]);
        return `$${this.values.length}`;
      }),
    );
    return this;
  }

  /** Adds the condition only when the value is given. */
  maybe(condition: string, value: unknown): this {
    return value === undefined || value === null ? this : this.add(condition, value);
  }

  /** The next placeholder for a value appended after the conditions (LIMIT, ...). */
  param(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  toString(): string {
    return this.parts.length === 0 ? 'TRUE' : this.parts.join(' AND ');
  }
}

export { casToken, DEFAULT_LIMIT, encodeCursor, MAX_LIMIT, pageLimit } from '../paging.js';

/**
 * Keyset paging on `pos` (indexed with merchant_id in every listed table): adds the cursor's bound to
 * `where` and gives the ORDER BY and the start that toPage needs. A cursor not made by encodeCursor, or
 * one of the other order, is refused.
 */
export function keyset(
  where: Where,
  query: { cursor?: string | undefined; order?: ListOrder | undefined },
): { orderBy: string; start: ListStart } {
  const start = listStart(query.cursor, query.order);
  const desc = start.order === 'desc';
  where.maybe(desc ? 'pos < ?' : 'pos > ?', start.bound?.toString());
  return { orderBy: desc ? 'ORDER BY pos DESC' : 'ORDER BY pos', start };
}

/** Rows were fetched with LIMIT limit + 1: the extra row says there is a next page. */
export function toPage<T>(rows: { pos: string; data: T }[], limit: number, start: ListStart): Page<T> {
  const items = rows.slice(0, limit).map((row) => row.data);
  const prev = reverseCursor(start);
  const back = prev ? { prev } : {};
  if (rows.length <= limit) return { items, ...back };
  return { items, next: encodeCursor(rows[limit - 1]!.pos, start.order), ...back };
}

export function json(value: unknown): string {
  return JSON.stringify(value);
}
