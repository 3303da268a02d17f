/**
 * What the sync registered but has not yet written back, in an append-only JSON-lines file in the data
 * dir (one per base and table): `{"id","fields"}` once autofactura answered, `{"id","written":true}`
 * once Airtable took the write. After a crash (kill -9) the next run writes the pending rows first,
 * without asking autofactura again; a torn last line is ignored. Registering again would not duplicate
 * anything either (idempotency keys), this only saves the calls.
 */
import { appendFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface Checkpoint {
  pending(): Map<string, Record<string, unknown>>;
  registered(id: string, fields: Record<string, unknown>): void;
  written(ids: string[]): void;
  /** Everything written: the file goes. */
  clear(): void;
}

export function checkpointPath(dataDir: string, baseId: string, table: string): string {
  const safe = `${baseId}-${table}`.replace(/[^A-Za-z0-9_-]+/g, '_');
  return join(dataDir, 'airtable', `${safe}.jsonl`);
}

export function openCheckpoint(path: string): Checkpoint {
  const pending = new Map<string, Record<string, unknown>>();
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let entry: { id?: string; fields?: Record<string, unknown>; written?: boolean };
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    if (!entry.id) continue;
    if (entry.written) pending.delete(entry.id);
    else if (entry.fields) pending.set(entry.id, entry.fields);
  }
  mkdirSync(dirname(path), { recursive: true });
  // A line torn by a kill in the middle of a write must not swallow the next one.
  if (text && !text.endsWith('\n')) appendFileSync(path, '\n');
  const append = (lines: object[]) =>
    appendFileSync(path, lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
  return {
    pending: () => new Map(pending),
    registered(id, fields) {
      append([{ id, fields }]);
      pending.set(id, fields);
    },
    written(ids) {
      append(ids.map((id) => ({ id, written: true })));
      for (const id of ids) pending.delete(id);
    },
    clear() {
      if (pending.size === 0) rmSync(path, { force: true });
    },
  };
}
