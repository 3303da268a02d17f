/**
 * A collection kept as numbered chunk files of at most CHUNK_SIZE records each
 * (`<dir>/00000000.json`, `00000001.json`, ...), in insertion order. A record's position (`pos`) is its
 * index in that order and never changes. Writing one record rewrites only its chunk, so the cost of a
 * write does not grow with the collection (100,000 invoices are ~400 files; a new payment touches one).
 *
 * All records are held in memory (lowdb's model). A write builds the chunk's next contents, writes them
 * durably, and only then publishes them: readers never see a record that is not on disk yet. Callers
 * serialize writes (the store's mutex).
 */
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { ensureDir, isTempName } from '../durable-file.js';
import { StoreError } from '../errors.js';
import { DurableJsonFile } from './json-file.js';

export const CHUNK_SIZE = 256;
const CHUNK_NAME = /^(\d{8})\.json$/;

interface Chunk<T> {
  db: Low<T[]>;
  adapter: DurableJsonFile<T[]>;
  start: number;
}

export class Chunked<T> {
  private readonly chunks: Chunk<T>[] = [];
  private readonly records: T[] = [];

  private constructor(
    readonly dir: string,
    private readonly chunkSize: number,
  ) {}

  /** An empty collection whose first write creates `dir`. */
  static empty<T>(dir: string, chunkSize = CHUNK_SIZE): Chunked<T> {
    return new Chunked<T>(dir, chunkSize);
  }

  /** Loads every chunk of `dir` (an absent directory is an empty collection). */
  static async load<T>(dir: string, chunkSize = CHUNK_SIZE): Promise<Chunked<T>> {
    const collection = new Chunked<T>(dir, chunkSize);
    let names: string[] = [];
    try {
      names = await readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    // Temporary files left by a write that was killed before its rename: never acknowledged.
    for (const name of names.filter(isTempName)) await unlink(join(dir, name)).catch(() => {});
    const numbered = names
      .map((name) => CHUNK_NAME.exec(name))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => Number(match[1]))
      .sort((a, b) => a - b);
    numbered.forEach((number, index) => {
      if (number !== index) {
        throw new StoreError({
          code: 'STORE_CORRUPT',
          message: `Falta el archivo de datos ${index} en ${dir}. Restaura la carpeta desde un respaldo.`,
          messageEn: `Data file ${index} is missing in ${dir}. Restore the folder from a backup.`,
          status: 500,
        });
      }
    });
    for (const number of numbered) {
      const adapter = new DurableJsonFile<T[]>(collection.chunkPath(number));
      const db = new Low<T[]>(adapter, []);
      await db.read();
      collection.chunks.push({ db, adapter, start: collection.records.length });
      collection.records.push(...db.data);
    }
    return collection;
  }

  get size(): number {
    return this.records.length;
  }

  /** The committed record at `pos` (shared: clone before handing it out). */
  at(pos: number): T | undefined {
    return this.records[pos];
  }

  /** Committed records from `pos` on, in insertion order. */
  *from(pos = 0): Generator<[number, T]> {
    for (let i = Math.max(0, pos); i < this.records.length; i++) yield [i, this.records[i]!];
  }

  /** Committed records from `pos` down to the first, newest first. */
  *downFrom(pos = this.records.length - 1): Generator<[number, T]> {
    for (let i = Math.min(pos, this.records.length - 1); i >= 0; i--) yield [i, this.records[i]!];
  }

  /** Appends durably; returns the record's position. */
  async append(record: T): Promise<number> {
    const chunk = this.chunks[this.chunks.length - 1];
    if (!chunk || chunk.db.data.length >= this.chunkSize) {
      await ensureDir(this.dir);
      const adapter = new DurableJsonFile<T[]>(this.chunkPath(this.chunks.length));
      const fresh = { db: new Low<T[]>(adapter, []), adapter, start: this.records.length };
      await adapter.write([record]);
      fresh.db.data = [record];
      this.chunks.push(fresh);
    } else {
      const next = [...chunk.db.data, record];
      await chunk.adapter.write(next);
      chunk.db.data = next;
    }
    this.records.push(record);
    return this.records.length - 1;
  }

  /** Appends several records durably, writing each chunk involved once; returns their positions. */
  async appendMany(records: T[]): Promise<number[]> {
    const positions: number[] = [];
    let rest = records;
    while (rest.length > 0) {
      const chunk = this.chunks[this.chunks.length - 1];
      if (!chunk || chunk.db.data.length >= this.chunkSize) {
        positions.push(await this.append(rest[0]!));
        rest = rest.slice(1);
        continue;
      }
      const room = this.chunkSize - chunk.db.data.length;
      const taken = rest.slice(0, room);
      const next = [...chunk.db.data, ...taken];
      await chunk.adapter.write(next);
      chunk.db.data = next;
      for (const record of taken) positions.push(this.records.push(record) - 1);
      rest = rest.slice(room);
    }
    return positions;
  }

  /** Replaces the record at `pos` durably. */
  replace(pos: number, record: T): Promise<void> {
    return this.replaceMany([[pos, record]]);
  }

  /** Replaces several records durably, writing each chunk involved once. */
  async replaceMany(changes: [number, T][]): Promise<void> {
    const byChunk = new Map<Chunk<T>, [number, T][]>();
    for (const change of changes) {
      const chunk = this.chunkOf(change[0]);
      byChunk.set(chunk, [...(byChunk.get(chunk) ?? []), change]);
    }
    for (const [chunk, list] of byChunk) {
      const next = chunk.db.data.slice();
      for (const [pos, record] of list) next[pos - chunk.start] = record;
      await chunk.adapter.write(next);
      chunk.db.data = next;
      for (const [pos, record] of list) this.records[pos] = record;
    }
  }

  private chunkOf(pos: number): Chunk<T> {
    let low = 0;
    let high = this.chunks.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.chunks[mid]!.start <= pos) low = mid;
      else high = mid - 1;
    }
    const chunk = this.chunks[low];
    if (!chunk || pos < chunk.start || pos >= chunk.start + chunk.db.data.length) {
      throw new RangeError(`No record at position ${pos} in ${this.dir}`);
    }
    return chunk;
  }

  private chunkPath(number: number): string {
    return join(this.dir, `${String(number).padStart(8, '0')}.json`);
  }
}
