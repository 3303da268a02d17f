import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { AutofacturaError } from '../errors.js';
import type { Entry, SimpleCatalog } from './types.js';

const TAB = 9;
const NEWLINE = 10;
const ZERO = 48;
/** Keys of up to 8 digits are indexed as numbers (length * 10^8 + value): faster to index than strings. */
const MAX_NUMERIC_KEY = 8;
const LENGTH_FACTOR = 1e8;

/** Decoded rows kept per catalog: invoices repeat a few postal codes and product keys. */
const MAX_DECODED = 4096;

/**
 * A big catalog kept as one gzipped tab-separated file (key in the first column, one row per line).
 * Nothing is read until the first lookup; then the file is unzipped into a Buffer and indexed by key
 * (key -> byte offset of its line), and a row is decoded only when asked for. Decoded rows are kept
 * (frozen, since every caller shares them) up to MAX_DECODED.
 */
export class LazyTsvCatalog<T extends Entry> implements SimpleCatalog<T> {
  #data: Buffer | undefined;
  #numeric = new Map<number, number>();
  #other = new Map<string, number>();
  #decoded = new Map<string, T | undefined>();

  constructor(
    readonly path: string,
    private readonly decode: (fields: string[]) => T,
  ) {}

  /** Whether the file has been read (for tests and measurements). */
  get loaded(): boolean {
    return this.#data !== undefined;
  }

  get(key: string): T | undefined {
    const known = this.#decoded.get(key);
    if (known !== undefined || this.#decoded.has(key)) return known;
    const data = this.#load();
    const start = this.#offset(key);
    let row: T | undefined;
    if (start !== undefined) {
      const end = data.indexOf(NEWLINE, start);
      row = Object.freeze(
        this.decode(data.toString('utf8', start, end === -1 ? data.length : end).split('\t')),
      );
    }
    if (this.#decoded.size >= MAX_DECODED) this.#decoded.clear();
    this.#decoded.set(key, row);
    return row;
  }

  has(key: string): boolean {
    this.#load();
    return this.#offset(key) !== undefined;
  }

  keys(): string[] {
    this.#load();
    const keys: string[] = [];
    for (const code of this.#numeric.keys()) {
      const length = Math.floor(code / LENGTH_FACTOR);
      keys.push(String(code - length * LENGTH_FACTOR).padStart(length, '0'));
    }
    for (const key of this.#other.keys()) keys.push(key);
    return keys;
  }

  #offset(key: string): number | undefined {
    if (key.length > 0 && key.length <= MAX_NUMERIC_KEY && /^[0-9]+$/.test(key)) {
      return this.#numeric.get(key.length * LENGTH_FACTOR + Number(key));
    }
    return this.#other.get(key);
  }

  #load(): Buffer {
    if (this.#data) return this.#data;
    let data: Buffer;
    try {
      data = gunzipSync(readFileSync(this.path));
    } catch (cause) {
      throw new AutofacturaError({
        code: 'CATALOG_DATA_UNREADABLE',
        message: `No se pudo leer el catálogo ${this.path}. Vuelve a importar los catálogos (autofactura catalogs import).`,
        messageEn: `Could not read catalog ${this.path}. Import the catalogs again (autofactura catalogs import).`,
        status: 500,
        cause,
      });
    }
    let start = 0;
    while (start < data.length) {
      let i = start;
      let value = 0;
      let numeric = true;
      for (let byte = data[i]; byte !== TAB && byte !== NEWLINE && byte !== undefined; byte = data[++i]) {
        const digit = byte - ZERO;
        if (digit >= 0 && digit <= 9) value = value * 10 + digit;
        else numeric = false;
      }
      const length = i - start;
      if (length > 0 && numeric && length <= MAX_NUMERIC_KEY)
        this.#numeric.set(length * LENGTH_FACTOR + value, start);
      else if (length > 0) this.#other.set(data.toString('utf8', start, i), start);
      const end = data.indexOf(NEWLINE, i);
      start = end === -1 ? data.length : end + 1;
    }
    this.#data = data;
    return data;
  }
}
