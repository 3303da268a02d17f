/**
 * One collection (payments, invoices, ...) partitioned by merchant: `<db>/m/<merchantId>/<collection>/`,
 * each partition a Chunked of its own with indexes built when the store opens. Ids are unique across
 * merchants (`byId`), and every lookup through a merchant's id checks that the record is that
 * merchant's (tenant isolation, invariant 6).
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Chunked } from './chunked.js';

export interface Partition<T, I> {
  merchantId: string;
  records: Chunked<T>;
  index: I;
}

export interface Indexer<T, I> {
  create(): I;
  add(index: I, record: T, pos: number): void;
  remove(index: I, record: T, pos: number): void;
}

/** A merchant id as a directory name: percent-encoded, never `.`-led. */
export function dirName(merchantId: string): string {
  return encodeURIComponent(merchantId).replace(/^\./, '%2E');
}

export class Partitions<T extends { id: string; merchantId: string }, I> {
  private readonly partitions = new Map<string, Partition<T, I>>();
  private readonly byId = new Map<string, { merchantId: string; pos: number }>();

  constructor(
    private readonly dbDir: string,
    private readonly collection: string,
    private readonly indexer: Indexer<T, I>,
  ) {}

  async load(): Promise<void> {
    const root = join(this.dbDir, 'm');
    let names: string[] = [];
    try {
      names = await readdir(root);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const name of names) {
      const merchantId = decodeURIComponent(name);
      const records = await Chunked.load<T>(join(root, name, this.collection));
      if (records.size === 0) continue;
      const partition = { merchantId, records, index: this.indexer.create() };
      this.partitions.set(merchantId, partition);
      for (const [pos, record] of records.from()) {
        this.byId.set(record.id, { merchantId, pos });
        this.indexer.add(partition.index, record, pos);
      }
    }
  }

  get(merchantId: string): Partition<T, I> | undefined {
    return this.partitions.get(merchantId);
  }

  ensure(merchantId: string): Partition<T, I> {
    let partition = this.partitions.get(merchantId);
    if (!partition) {
      const dir = join(this.dbDir, 'm', dirName(merchantId), this.collection);
      partition = { merchantId, records: Chunked.empty<T>(dir), index: this.indexer.create() };
      this.partitions.set(merchantId, partition);
    }
    return partition;
  }

  all(): IterableIterator<Partition<T, I>> {
    return this.partitions.values();
  }

  hasId(id: string): boolean {
    return this.byId.has(id);
  }

  /** Where record `id` is, when it exists (and belongs to `merchantId` when one is given). */
  locate(
    id: string,
    merchantId?: string,
  ): { partition: Partition<T, I>; pos: number; record: T } | undefined {
    const where = this.byId.get(id);
    if (!where || (merchantId !== undefined && where.merchantId !== merchantId)) return undefined;
    const partition = this.partitions.get(where.merchantId)!;
    return { partition, pos: where.pos, record: partition.records.at(where.pos)! };
  }

  /** The committed record at `pos` of a merchant's partition. */
  at(merchantId: string, pos: number | undefined): T | undefined {
    return pos === undefined ? undefined : this.partitions.get(merchantId)?.records.at(pos);
  }

  async append(record: T): Promise<number> {
    const partition = this.ensure(record.merchantId);
    const pos = await partition.records.append(record);
    this.byId.set(record.id, { merchantId: record.merchantId, pos });
    this.indexer.add(partition.index, record, pos);
    return pos;
  }

  /** Appends records of one merchant, writing each chunk involved once. */
  async appendMany(merchantId: string, records: T[]): Promise<number[]> {
    const partition = this.ensure(merchantId);
    const positions = await partition.records.appendMany(records);
    records.forEach((record, i) => {
      this.byId.set(record.id, { merchantId, pos: positions[i]! });
      this.indexer.add(partition.index, record, positions[i]!);
    });
    return positions;
  }

  replace(partition: Partition<T, I>, pos: number, record: T): Promise<void> {
    return this.replaceMany(partition, [[pos, record]]);
  }

  /** Replaces records of one partition, writing each chunk involved once. */
  async replaceMany(partition: Partition<T, I>, changes: [number, T][]): Promise<void> {
    const old = changes.map(([pos]) => partition.records.at(pos)!);
    await partition.records.replaceMany(changes);
    changes.forEach(([pos, record], i) => {
      this.indexer.remove(partition.index, old[i]!, pos);
      this.indexer.add(partition.index, record, pos);
    });
  }
}
