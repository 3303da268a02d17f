/**
 * Crash-safe file writes for the sandbox's state: a file is written under a temporary name, flushed to
 * disk and renamed over its final name, so a reader sees the old content or the new one, never half.
 * `claimFile` publishes a file only if none exists under that name (hard link, atomic on POSIX file
 * systems), which is how two processes agree on one winner without a lock.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { link, open, readFile, rename, unlink } from 'node:fs/promises';

function temporaryName(path: string): string {
  return `${path}.${process.pid}.${randomUUID()}.tmp`;
}

export async function writeTemporary(path: string, data: string | Buffer, mode = 0o644): Promise<string> {
  const temporary = temporaryName(path);
  const handle = await open(temporary, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return temporary;
}

/** Replaces `path` with `data` atomically. */
export async function writeFileAtomic(path: string, data: string | Buffer, mode = 0o644): Promise<void> {
  const temporary = await writeTemporary(path, data, mode);
  try {
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/** Synchronous twin of writeFileAtomic, for the certificate (created inside a synchronous call). */
export function writeFileAtomicSync(path: string, data: string | Buffer, mode = 0o644): void {
  const temporary = temporaryName(path);
  const fd = openSync(temporary, 'wx', mode);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temporary, path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {}
    throw error;
  }
}

/**
 * Writes `data` to `path` only if `path` does not exist yet. Returns true when this call created it,
 * false when another writer got there first (the existing content is left as it was).
 */
export async function claimFile(path: string, data: string | Buffer): Promise<boolean> {
  const temporary = await writeTemporary(path, data);
  try {
    await link(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

/** File content, or undefined when the file does not exist. */
export async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
