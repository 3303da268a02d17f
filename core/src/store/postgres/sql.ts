/** Small helpers shared by the repositories: WHERE building, pages and cursors. */
import { cursorPosition, encodeCursor } from '../paging.js';
import type { Page } from '../types.js';

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

/** The insertion position a cursor points after; a cursor not made by encodeCursor is refused. */
export function decodeCursor(cursor: string | undefined): string | undefined {
  return cursor === undefined ? undefined : cursorPosition(cursor);
}

/** Rows were fetched with LIMIT limit + 1: the extra row says there is a next page. */
export function toPage<T>(rows: { pos: string; data: T }[], limit: number): Page<T> {
  const items = rows.slice(0, limit).map((row) => row.data);
  if (rows.length <= limit) return { items };
  return { items, next: encodeCursor(rows[limit - 1]!.pos) };
}

export function json(value: unknown): string {
  return JSON.stringify(value);
}
