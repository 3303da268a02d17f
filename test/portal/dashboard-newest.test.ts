/** newestPage: the dashboard's lists read the store's oldest-first pages and show the newest first. */
import assert from 'node:assert/strict';
import type { Page } from '../../core/src/store/types.js';
import { newestPage } from '../../portal/src/dashboard/newest.js';

/** A store-like list of 1..n in insertion order, paged by a numeric cursor. */
function storeOf(n: number) {
  const reads: number[] = [];
  const list = async (page: { limit: number; cursor?: string }): Promise<Page<number>> => {
    const start = page.cursor ? Number(page.cursor) : 0;
    reads.push(start);
    const items = Array.from({ length: Math.min(page.limit, n - start) }, (_, i) => start + i + 1);
    const next = start + items.length;
    return { items, ...(next < n ? { next: String(next) } : {}) };
  };
  return { list, reads };
}

describe('dashboard lists newest first', () => {
  it('pages the newest records first across the store pages', async () => {
    const { list } = storeOf(2_530);
    const first = await newestPage(list, { page: 1, size: 25 });
    assert.deepEqual(first.items.slice(0, 3), [2530, 2529, 2528]);
    assert.equal(first.items.length, 25);
    assert.equal(first.hasMore, true);
    const third = await newestPage(list, { page: 3, size: 25 });
    assert.deepEqual([third.items[0], third.items.at(-1)], [2480, 2456]);
    const last = await newestPage(list, { page: 102, size: 25 });
    assert.deepEqual(last.items, [5, 4, 3, 2, 1]);
    assert.equal(last.hasMore, false);
    assert.equal(last.truncated, false);
  });

  it('applies a matcher and keeps only what it matches', async () => {
    const { list } = storeOf(5_000);
    const page = await newestPage(list, { page: 1, size: 4, matches: (n) => n % 1000 === 7 });
    assert.deepEqual(page.items, [4007, 3007, 2007, 1007]);
    assert.equal(page.hasMore, true);
  });

  it('says when it stopped at the scan limit', async () => {
    const { list, reads } = storeOf(10_000);
    const page = await newestPage(list, { page: 1, size: 10, scanLimit: 3_000 });
    assert.equal(page.truncated, true);
    assert.equal(reads.length, 3);
    assert.equal(page.items[0], 3000);
  });
});
