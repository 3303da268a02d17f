/** Blobs (XML, PDF, acuses, logos) as BYTEA rows: durable once the INSERT has committed. */
import type { BlobStore } from '../types.js';
import type { Db } from './db.js';

export function blobStore(db: Db): BlobStore {
  const blobs = db.t('blobs');
  return {
    async put(key, data, contentType) {
      await db.query(
        `INSERT INTO ${blobs} (key, content_type, data, size, updated_at) VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (key) DO UPDATE
         SET content_type = EXCLUDED.content_type, data = EXCLUDED.data, size = EXCLUDED.size, updated_at = now()`,
        [key, contentType, data, data.length],
      );
    },

    async get(key) {
      const [row] = await db.query<{ data: Buffer }>(`SELECT data FROM ${blobs} WHERE key = $1`, [key]);
      return row?.data ?? null;
    },

    async delete(key) {
      await db.query(`DELETE FROM ${blobs} WHERE key = $1`, [key]);
    },
  };
}
