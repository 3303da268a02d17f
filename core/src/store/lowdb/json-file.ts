/**
 * lowdb adapter that reads a JSON file and writes it durably (temp file, fsync, rename, fsync of the
 * directory). lowdb's own JSONFile (steno) renames without fsync, so a power loss or SIGKILL right after
 * an acknowledged write could lose it; this one acknowledges only what is on disk.
 */
import { readFile } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import { writeFileDurable } from '../durable-file.js';
import { StoreError } from '../errors.js';

export class DurableJsonFile<T> implements Adapter<T> {
  constructor(readonly path: string) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new StoreError({
        code: 'STORE_CORRUPT',
        message: `El archivo de datos ${this.path} está dañado (no es JSON válido). Restáuralo desde un respaldo.`,
        messageEn: `Data file ${this.path} is damaged (not valid JSON). Restore it from a backup.`,
        status: 500,
        cause: error,
      });
    }
  }

  async write(data: T): Promise<void> {
    await writeFileDurable(this.path, JSON.stringify(data));
  }
}
