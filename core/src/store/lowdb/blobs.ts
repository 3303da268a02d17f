/**
 * Blobs (XML, PDF, acuses, logos) as files under `<dataDir>/blobs/`, one per key: `a/b/c.xml` is
 * `blobs/a/b/c.xml`, each segment percent-encoded. Writes are atomic and fsynced before they resolve.
 */
import { readFile, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ValidationError } from '../../errors.js';
import { ensureDir, fsyncDir, writeFileDurable } from '../durable-file.js';
import type { BlobStore } from '../types.js';

function segment(part: string): string {
  return encodeURIComponent(part).replace(/^\./, '%2E');
}

export function blobStore(root: string): BlobStore {
  function pathOf(key: string): string {
    const parts = key.split('/');
    if (key.length === 0 || key.length > 1024 || parts.some((part) => part.length === 0)) {
      throw new ValidationError({
        code: 'INVALID_BLOB_KEY',
        message: `La clave de archivo "${key}" no es válida: usa segmentos no vacíos separados por /.`,
        messageEn: `Blob key "${key}" is not valid: use non-empty segments separated by /.`,
      });
    }
    return join(root, ...parts.map(segment));
  }

  return {
    async put(key, data) {
      const path = pathOf(key);
      await ensureDir(dirname(path));
      await writeFileDurable(path, data);
    },

    async get(key) {
      try {
        return await readFile(pathOf(key));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return null;
        throw error;
      }
    },

    async delete(key) {
      const path = pathOf(key);
      try {
        await unlink(path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return;
        throw error;
      }
      await fsyncDir(dirname(path));
    },
  };
}
