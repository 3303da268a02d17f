/**
 * Newest first, for the dashboard's lists and search: one page read through the store's newest-first
 * cursors (`order: 'desc'`). An older page continues from the store's `next` cursor, a newer one walks
 * back with its `prev` cursor (oldest first, shown reversed), so no page repeats or skips a record when
 * new ones arrive in between, however many the merchant has.
 *
 * A search matcher is applied while reading; a request reads at most SCAN_LIMIT records, and when that
 * runs out before the page is full the page shows what it found and its "older" link continues the
 * search from where it stopped.
 */
import { AutofacturaError } from '../../../core/src/errors.js';
import type { ListOrder, Page } from '../../../core/src/store/types.js';

export const SCAN_LIMIT = 20_000;
const BATCH = 1000;

/** Where a page starts: the newest (no cursor), older than a cursor, or newer than a cursor. */
export type NewestStart = { older: string } | { newer: string } | Record<string, never>;

export interface NewestPage<T> {
  /** Newest first. */
  items: T[];
  /** Start of the page of older records; absent at the oldest. */
  older?: string;
  /** Start of the page of newer records; absent on the first page. */
  newer?: string;
  /** A search stopped at SCAN_LIMIT records before filling the page; `older` continues it. */
  stopped?: boolean;
}

export type StoreList<T> = (query: { limit: number; cursor?: string; order?: ListOrder }) => Promise<Page<T>>;

interface Walked<T> {
  items: T[];
  /** It read scanLimit records before finding a full page. */
  stopped: boolean;
  /** The store's cursor right after the last item taken, in the walk's order. */
  next?: string;
  /** The store's cursor back from where the walk started, in the other order. */
  prev?: string;
}

/** Up to `size` matching records from `start` on, in `order`, reading at most `scanLimit` records. */
async function walk<T>(
  list: StoreList<T>,
  start: { cursor?: string; order: ListOrder },
  options: { size: number; matches?: ((item: T) => boolean) | undefined; scanLimit: number },
): Promise<Walked<T>> {
  const items: T[] = [];
  let prev: string | undefined;
  let cursor = start.cursor;
  let scanned = 0;
  for (let first = true; ; first = false) {
    const at = { order: start.order, ...(cursor ? { cursor } : {}) };
    const limit = options.matches
      ? Math.max(1, Math.min(BATCH, options.scanLimit - scanned))
      : options.size - items.length;
    const page = await list({ ...at, limit });
    if (first) prev = page.prev;
    let taken = page.items.length;
    for (let i = 0; i < page.items.length && items.length < options.size; i++) {
      const item = page.items[i]!;
      if (options.matches && !options.matches(item)) continue;
      items.push(item);
      if (items.length === options.size) taken = i + 1;
    }
    scanned += taken;
    if (taken < page.items.length) {
      // The page is full inside this batch: the same read cut after the last item taken gives the cursor.
      const cut = await list({ ...at, limit: taken });
      return { items, stopped: false, ...(cut.next ? { next: cut.next } : {}), ...(prev ? { prev } : {}) };
    }
    const stopped = page.next !== undefined && items.length < options.size && scanned >= options.scanLimit;
    if (!page.next || items.length === options.size || stopped) {
      return { items, stopped, ...(page.next ? { next: page.next } : {}), ...(prev ? { prev } : {}) };
    }
    cursor = page.next;
  }
}

const invalidCursor = (error: unknown) =>
  error instanceof AutofacturaError && error.code === 'INVALID_CURSOR';

export async function newestPage<T>(
  list: StoreList<T>,
  options: { start?: NewestStart; size: number; matches?: (item: T) => boolean; scanLimit?: number },
): Promise<NewestPage<T>> {
  const read = { size: options.size, matches: options.matches, scanLimit: options.scanLimit ?? SCAN_LIMIT };
  const start = options.start ?? {};
  try {
    if ('newer' in start) {
      const walked = await walk(list, { cursor: start.newer, order: 'asc' }, read);
      // Walking back reached the newest records: show the first page, full, as a fresh visit would.
      if (walked.next === undefined) return newestPage(list, { ...options, start: {} });
      return {
        items: walked.items.reverse(),
        newer: walked.next,
        ...(walked.prev ? { older: walked.prev } : {}),
        ...(walked.stopped ? { stopped: true } : {}),
      };
    }
    const walked = await walk(
      list,
      { order: 'desc', ...('older' in start ? { cursor: start.older } : {}) },
      read,
    );
    return {
      items: walked.items,
      ...(walked.next ? { older: walked.next } : {}),
      ...(walked.prev ? { newer: walked.prev } : {}),
      ...(walked.stopped ? { stopped: true } : {}),
    };
  } catch (error) {
    // A cursor from an edited or stale address: start again at the newest.
    if (invalidCursor(error) && Object.keys(start).length > 0)
      return newestPage(list, { ...options, start: {} });
    throw error;
  }
}
