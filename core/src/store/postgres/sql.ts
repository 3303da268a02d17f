/** Small helpers shared by the repositories: WHERE building, pages and cursors. */
import { ValidationError } from '../../errors.js';
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

export function encodeCursor(pos: string): string {
  return Buffer.from(`pos:${pos}`, 'utf8').toString('base64url');
}

/** The insertion position a cursor points after; a cursor not made by encodeCursor is refused. */
export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const match = /^pos:(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) {
    throw new ValidationError({
      code: 'INVALID_CURSOR',
      message: 'El cursor de paginación no es válido; usa el valor `next` de la página anterior.',
      messageEn: 'The pagination cursor is not valid; pass the `next` value of the previous page.',
    });
  }
  return match[1];
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
