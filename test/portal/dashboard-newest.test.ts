/**
 * newestPage: the dashboard's lists page a real (lowdb) store newest first through its cursors — one
 * store read per page instead of the 50,000-record window, older and newer links that neither repeat
 * nor skip records when new ones arrive, and a search that continues where a long scan stopped.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLowdbStore } from '../../core/src/store/lowdb/index.js';
import type { Payment, Store } from '../../core/src/store/types.js';
import { type NewestPage, newestPage, type StoreList } from '../../portal/src/dashboard/newest.js';
import { at, newMerchant, payment } from '../core/store/contract/fixtures.js';

describe('dashboard lists newest first', () => {
  let dir: string;
  let store: Store;
  let m: string;
  const created: string[] = [];
  const reads: number[] = [];
  const list: StoreList<Payment> = async (query) => {
    const page = await store.payments.list(m, query);
    reads.push(page.items.length);
    return page;
  };
  const ids = (page: NewestPage<Payment>) => page.items.map((p) => p.id);
  const add = async (i: number) => {
    const { payment: p } = await store.payments.createIfAbsent(
      payment(m, { paidAt: at(i), metadata: { n: String(i), tag: i % 40 === 7 ? 'match' : 'other' } }),
    );
    created.push(p.id);
    return p.id;
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'autofactura-newest-'));
    store = await openLowdbStore({ dataDir: dir });
    m = await newMerchant(store);
    for (let i = 0; i < 320; i++) await add(i);
  });
  after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads one store page per list page and walks older, then newer, without gaps', async () => {
    reads.length = 0;
    const first = await newestPage(list, { size: 25 });
    assert.deepEqual(ids(first), created.slice(-25).reverse());
    assert.deepEqual(reads, [25], 'one read of one page, not the whole range');
    assert.equal(first.newer, undefined, 'the first page has nothing newer');
    const second = await newestPage(list, { start: { older: first.older! }, size: 25 });
    assert.deepEqual(ids(second), created.slice(-50, -25).reverse());
    const third = await newestPage(list, { start: { older: second.older! }, size: 25 });
    const back = await newestPage(list, { start: { newer: third.newer! }, size: 25 });
    assert.deepEqual(ids(back), ids(second), 'newer from the third page is the second');
    const top = await newestPage(list, { start: { newer: back.newer! }, size: 25 });
    assert.deepEqual(ids(top), ids(first), 'newer from the second page is the first, full');
    assert.equal(top.newer, undefined);
    let page = third;
    const seen = [...ids(first), ...ids(second), ...ids(third)];
    while (page.older) {
      page = await newestPage(list, { start: { older: page.older }, size: 25 });
      seen.push(...ids(page));
    }
    assert.deepEqual(seen, [...created].reverse(), 'every record once, newest first');
  });

  it('neither repeats nor skips a record when new ones arrive between pages', async () => {
    const first = await newestPage(list, { size: 10 });
    const arrived = await add(1000);
    const second = await newestPage(list, { start: { older: first.older! }, size: 10 });
    const before = created.slice(0, -1);
    assert.deepEqual([...ids(first), ...ids(second)], before.slice(-20).reverse());
    const fresh = await newestPage(list, { size: 10 });
    assert.equal(fresh.items[0]?.id, arrived);
  });

  it('searches newest first and continues a search that stopped at the scan limit', async () => {
    const matches = (p: Payment) => p.metadata.tag === 'match';
    const expected = created.filter((_, i) => i < 320 && i % 40 === 7).reverse();
    assert.equal(expected.length, 8);
    const full = await newestPage(list, { size: 3, matches });
    assert.deepEqual(ids(full), expected.slice(0, 3));
    const next = await newestPage(list, { start: { older: full.older! }, size: 3, matches });
    assert.deepEqual(ids(next), expected.slice(3, 6), 'the next page starts right after the last match');
    const short = await newestPage(list, { size: 25, matches, scanLimit: 100 });
    assert.equal(short.stopped, true);
    assert.ok(short.items.length < expected.length);
    const found = ids(short);
    let page = short;
    while (page.older) {
      page = await newestPage(list, { start: { older: page.older }, size: 25, matches, scanLimit: 100 });
      found.push(...ids(page));
    }
    assert.deepEqual(found, expected, 'following "older" finds the rest, each once');
  });

  it('starts again at the newest when the address carries a cursor it did not make', async () => {
    const first = await newestPage(list, { size: 5 });
    const edited = await newestPage(list, { start: { older: 'cG9zOjEyMw' }, size: 5 });
    assert.deepEqual(ids(edited), ids(first), 'an oldest-first cursor given as "older"');
    const junk = await newestPage(list, { start: { newer: 'bm9wZQ' }, size: 5 });
    assert.deepEqual(ids(junk), ids(first));
  });
});
