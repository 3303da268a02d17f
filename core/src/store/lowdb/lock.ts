/**
 * One process per lowdb data folder: `<dataDir>/db/LOCK` holds the owner's pid. Opening refuses a lock
 * held by a live process (STORE_LOCKED) and takes over one left by a dead process (kill -9, crash).
 */
import { readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { createFileDurable } from '../durable-file.js';
import { StoreError } from '../errors.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readPid(path: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt((await readFile(path, 'utf8')).trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function locked(dbDir: string, pid: number): StoreError {
  const path = join(dbDir, 'LOCK');
  return new StoreError({
    code: 'STORE_LOCKED',
    message: `La carpeta de datos ${dbDir} ya está en uso por el proceso ${pid}. Solo un proceso puede usar la base lowdb: detén el otro proceso, o usa PostgreSQL (DATABASE_URL) para varios procesos. Si estás seguro de que ningún proceso la usa, borra ${path}.`,
    messageEn: `Data folder ${dbDir} is in use by process ${pid}. Only one process may use the lowdb store: stop the other process, or use PostgreSQL (DATABASE_URL) for several processes. If you are sure no process uses it, delete ${path}.`,
    status: 503,
    retriable: true,
  });
}

/** Takes the lock of `dbDir` for this process; returns the function that releases it. */
export async function acquireLock(dbDir: string): Promise<() => Promise<void>> {
  const path = join(dbDir, 'LOCK');
  const mine = `${process.pid}\n`;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await createFileDurable(path, mine)) {
      return async () => {
        if ((await readPid(path)) === process.pid) await unlink(path).catch(() => {});
      };
    }
    const holder = await readPid(path);
    if (holder !== undefined && (holder === process.pid || isAlive(holder))) throw locked(dbDir, holder);
    // Stale (dead owner, or unreadable): move it aside, and check we moved the stale one, not a lock a
    // racing process has just taken over.
    const aside = `${path}.stale.${process.pid}`;
    try {
      await rename(path, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const moved = await readPid(aside);
    if (moved !== holder && moved !== undefined && isAlive(moved)) {
      await rename(aside, path).catch(() => {});
      throw locked(dbDir, moved);
    }
    await unlink(aside).catch(() => {});
  }
  throw locked(dbDir, (await readPid(path)) ?? 0);
}
