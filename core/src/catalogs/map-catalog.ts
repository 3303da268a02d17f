import type { Entry, SimpleCatalog } from './types.js';

/** A small catalog held in memory, keyed by its SAT key. */
export class MapCatalog<T extends Entry> implements SimpleCatalog<T> {
  readonly #rows: Map<string, T>;

  constructor(rows: readonly T[]) {
    this.#rows = new Map(rows.map((row) => [row.key, row]));
  }

  get(key: string): T | undefined {
    return this.#rows.get(key);
  }

  has(key: string): boolean {
    return this.#rows.has(key);
  }

  keys(): string[] {
    return [...this.#rows.keys()];
  }
}
