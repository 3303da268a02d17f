/**
 * Versioned migrations: `migrations/NNN_name.sql`, applied in order on open. All of it runs in one
 * transaction holding an advisory lock keyed by the schema, so several processes starting at once apply
 * each migration exactly once (the others wait, then find nothing left to do). `schema_migrations`
 * records what was applied.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { StoreError } from '../errors.js';
import type { Db } from './db.js';
import { mapError } from './pg-errors.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
const FILE = /^(\d{3,})_([a-z0-9_]+)\.sql$/;
/** First key of the advisory lock: "af" in ASCII; the second is the schema's hash. */
const LOCK_NAMESPACE = 0x6166;

export async function loadMigrations(): Promise<Migration[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((file) => FILE.test(file)).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const [, version, name] = FILE.exec(file)!;
    migrations.push({
      version: Number(version),
      name: name!,
      sql: await readFile(new URL(file, MIGRATIONS_DIR), 'utf8'),
    });
  }
  return migrations;
}

/** Applies the migrations not yet recorded; returns the versions applied by this call. */
export async function migrate(db: Db, migrations?: Migration[]): Promise<number[]> {
  const all = migrations ?? (await loadMigrations());
  try {
    return await db.tx(async (q) => {
      await q.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_NAMESPACE, db.schema]);
      const existing = await q.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [db.schema]);
      if (existing.length === 0) await q.query(`CREATE SCHEMA "${db.schema}"`);
      await q.query(`SET LOCAL search_path TO "${db.schema}"`);
      await q.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        checksum TEXT NOT NULL,
        applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
      )`);
      const rows = await q.query<{ version: number }>('SELECT version FROM schema_migrations');
      const applied = new Set(rows.map((row) => row.version));
      const done: number[] = [];
      for (const migration of all) {
        if (applied.has(migration.version)) continue;
        await q.query(migration.sql);
        await q.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
          migration.version,
          migration.name,
          createHash('sha256').update(migration.sql).digest('hex'),
        ]);
        done.push(migration.version);
      }
      return done;
    });
  } catch (error) {
    const mapped = mapError(error);
    if (mapped instanceof StoreError) throw mapped;
    const detail = error instanceof Error ? error.message : String(error);
    throw new StoreError({
      code: 'STORE_MIGRATION_FAILED',
      message: `No se pudo actualizar el esquema "${db.schema}" de PostgreSQL (${detail}); no se aplicó ningún cambio. Revisa los permisos del usuario de DATABASE_URL.`,
      messageEn: `The PostgreSQL schema "${db.schema}" could not be migrated (${detail}); nothing was changed. Check the privileges of the DATABASE_URL user.`,
      status: 500,
      cause: error,
    });
  }
}
