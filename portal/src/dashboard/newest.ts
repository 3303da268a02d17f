/**
 * Newest first, for the dashboard's lists and search. The store pages in insertion order, oldest first
 * (the order the API's cursors follow), so a list reads the filtered range once and keeps a window of
 * its newest matches, then pages that window by number. Exact up to SCAN_LIMIT records; past that the
 * page says so and narrower dates find the rest. A store query ordered newest first would make this a
 * single page read.
 */
import type { Page } from '../../../core/src/store/types.js';

export const SCAN_LIMIT = 50_000;
const BATCH = 1000;

export interface NewestPage<T> {
  items: T[];
  /** There are older matches after this page. */
  hasMore: boolean;
  /** The scan stopped at SCAN_LIMIT records: newer ones may exist beyond it. */
  truncated: boolean;
}

export async function newestPage<T>(
  list: (page: { limit: number; cursor?: string }) => Promise<Page<T>>,
  options: { page: number; size: number; matches?: (item: T) => boolean; scanLimit?: number },
): Promise<NewestPage<T>> {
  const keep = options.page * options.size + 1;
  const scanLimit = options.scanLimit ?? SCAN_LIMIT;
  let window: T[] = [];
  let scanned = 0;
  let cursor: string | undefined;
  let truncated = false;
  do {
    const page = await list({ limit: BATCH, ...(cursor ? { cursor } : {}) });
    for (const item of page.items) {
      if (options.matches && !options.matches(item)) continue;
      window.push(item);
    }
    // Only the newest `keep` can be shown: drop older ones now and then, keeping memory bounded.
    if (window.length > keep * 4) window = window.slice(-keep);
    scanned += page.items.length;
    cursor = page.next;
    if (cursor && scanned >= scanLimit) {
      truncated = true;
      break;
    }
  } while (cursor);
  const newest = window.slice(-keep).reverse();
  const start = (options.page - 1) * options.size;
  return {
    items: newest.slice(start, start + options.size),
    hasMore: newest.length > start + options.size,
    truncated,
  };
}
