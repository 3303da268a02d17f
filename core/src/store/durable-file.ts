/**
 * Durable file writes: a write is acknowledged only once its bytes and its directory entry are on disk
 * (invariant 2). Data goes to a temporary file beside the target, is fsynced, then renamed over the
 * target (atomic on POSIX), and the directory is fsynced so the rename survives a crash. A reader sees
 * the old file or the new one, never half of one.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A temporary name beside `path`, starting with a dot so directory scans can skip it. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

export function isTempName(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp');
}

/** fsync a directory, so entries created, renamed or removed in it are durable. */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** mkdir -p; each directory it creates is made durable in its parent. */
export async function ensureDir(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true });
  if (first === undefined) return;
  // Created `first` and everything below it down to `dir`: fsync each parent.
  let current = dir;
  const parents: string[] = [];
  for (;;) {
    parents.push(dirname(current));
    if (current === first) break;
    current = dirname(current);
  }
  for (const parent of parents) await fsyncDir(parent);
}

async function writeTemp(path: string, data: string | Buffer, mode: number): Promise<string> {
  const temp = tempPathFor(path);
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => {});
    await unlink(temp).catch(() => {});
    throw error;
  } finally {
    await handle.close().catch(() => {});
  }
  return temp;
}

/** Replaces `path` with `data` atomically and durably. */
export async function writeFileDurable(path: string, data: string | Buffer, mode = 0o644): Promise<void> {
  const temp = await writeTemp(path, data, mode);
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
  await fsyncDir(dirname(path));
}

/**
 * Creates `path` with `data` only if it does not exist (atomically and durably). Returns false, writing
 * nothing, when it already exists — another process got there first.
 */
export async function createFileDurable(path: string, data: string | Buffer, mode = 0o644): Promise<boolean> {
  const temp = await writeTemp(path, data, mode);
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temp).catch(() => {});
    await fsyncDir(dirname(path));
  }
}
