/**
 * The event log, partitioned by merchant. seq is one counter for the whole store, restored at open from
 * the highest stored seq: an event gets its seq under the mutex and is visible only once on disk, so
 * readers see seqs in increasing order with no later gap filled in behind them.
 */
import { randomUUID } from 'node:crypto';
import type { EventRepo, StoredEvent } from '../types.js';
import type { Mutex } from './mutex.js';
import { Partitions } from './partitions.js';
import { copy, MultiIndex, pageLimit } from './shared.js';

export async function eventRepo(dbDir: string, mutex: Mutex): Promise<EventRepo> {
  let lastSeq = 0;
  const events = new Partitions<StoredEvent, MultiIndex>(dbDir, 'events', {
    create: () => new MultiIndex(),
    add: (byPayment, event, pos) => {
      byPayment.add(event.paymentId, pos);
      if (event.seq > lastSeq) lastSeq = event.seq;
    },
    remove: (byPayment, event, pos) => byPayment.remove(event.paymentId, pos),
  });
  await events.load();

  /** Position of the first event with seq > after (events of a partition are in seq order). */
  function firstAfter(records: { at(pos: number): StoredEvent | undefined; size: number }, after: number) {
    let low = 0;
    let high = records.size;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (records.at(mid)!.seq <= after) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  return {
    append(given) {
      return mutex.run(async () => {
        const event: StoredEvent = {
          seq: lastSeq + 1,
          id: `evt_${randomUUID()}`,
          merchantId: given.merchantId,
          ...(given.paymentId === undefined ? {} : { paymentId: given.paymentId }),
          ...(given.invoiceId === undefined ? {} : { invoiceId: given.invoiceId }),
          ...(given.receiptId === undefined ? {} : { receiptId: given.receiptId }),
          type: given.type,
          data: copy(given.data ?? {}),
          at: given.at ?? new Date().toISOString(),
        };
        await events.append(event);
        return copy(event);
      });
    },

    appendMany(given) {
      return mutex.run(async () => {
        const byMerchant = new Map<string, StoredEvent[]>();
        const all: StoredEvent[] = [];
        let seq = lastSeq;
        for (const e of given) {
          const event: StoredEvent = {
            seq: ++seq,
            id: `evt_${randomUUID()}`,
            merchantId: e.merchantId,
            ...(e.paymentId === undefined ? {} : { paymentId: e.paymentId }),
            ...(e.invoiceId === undefined ? {} : { invoiceId: e.invoiceId }),
            ...(e.receiptId === undefined ? {} : { receiptId: e.receiptId }),
            type: e.type,
            data: copy(e.data ?? {}),
            at: e.at ?? new Date().toISOString(),
          };
          byMerchant.set(e.merchantId, [...(byMerchant.get(e.merchantId) ?? []), event]);
          all.push(event);
        }
        // The indexer moves lastSeq as each record lands on disk (a failed write leaves it where it was).
        for (const [merchantId, list] of byMerchant) await events.appendMany(merchantId, list);
        return all.map(copy);
      });
    },

    async listByPayment(merchantId, paymentId) {
      const partition = events.get(merchantId);
      if (!partition) return [];
      return partition.index.all(paymentId).map((pos) => copy(partition.records.at(pos)!));
    },

    async list(merchantId, options = {}) {
      const limit = pageLimit(options.limit);
      const partition = events.get(merchantId);
      if (!partition) return [];
      const { records } = partition;
      const start = firstAfter(records, options.after ?? 0);
      const end = options.before === undefined ? records.size : firstAfter(records, options.before - 1);
      const listed: StoredEvent[] = [];
      const desc = options.order === 'desc';
      for (let i = 0; i < end - start && listed.length < limit; i++) {
        const event = records.at(desc ? end - 1 - i : start + i)!;
        if (options.types && !options.types.includes(event.type)) continue;
        listed.push(copy(event));
      }
      return listed;
    },

    async get(merchantId, id) {
      const found = events.locate(id, merchantId);
      return found ? copy(found.record) : null;
    },
  };
}
