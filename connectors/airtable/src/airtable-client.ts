/**
 * Airtable.js with the platform's limits kept on our side: every request waits its turn in a rate
 * limiter (under 5/s per base), a 429 waits `rateLimitWaitMs` (30 s, as Airtable asks) and is retried,
 * writes go 10 records at a time. Airtable.js' own 429 retry is off (`noRetryIfRateLimited`) so that
 * the wait is ours, visible in the progress and stoppable with Ctrl-C.
 */
import Airtable from 'airtable';
import { type RateLimiter, rateLimiter, sleep } from './rate-limit.js';

export interface AirtableOptions {
  token: string;
  baseId: string;
  endpointUrl?: string;
  rateLimitWaitMs?: number;
  requestsPerSecond?: number;
  /** Told when a 429 makes us wait. */
  onRateLimited?: (waitMs: number) => void;
  signal?: AbortSignal;
}

export interface SaleRecord {
  id: string;
  fields: Record<string, unknown>;
}

export const MAX_WRITE = 10;

interface StatusError {
  statusCode?: number;
  error?: string;
  message?: string;
}

export class AirtableClient {
  readonly base: Airtable.Base;
  private readonly meta: Airtable.Base;
  private readonly limiter: RateLimiter;
  private readonly waitMs: number;

  constructor(private readonly options: AirtableOptions) {
    const airtable = new Airtable({
      apiKey: options.token,
      noRetryIfRateLimited: true,
      ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
    });
    this.base = airtable.base(options.baseId);
    // The meta API lives at /v0/meta/bases/{id}/tables: a "base" named meta gives that prefix.
    this.meta = airtable.base('meta');
    this.limiter = rateLimiter(options.requestsPerSecond ?? 4);
    this.waitMs = options.rateLimitWaitMs ?? 30_000;
  }

  /** Runs one request in turn; a 429 waits and runs it again. */
  private async request<T>(send: () => Promise<T>): Promise<T> {
    for (;;) {
      const release = await this.limiter.acquire();
      try {
        return await send();
      } catch (error) {
        if ((error as StatusError).statusCode !== 429 || this.options.signal?.aborted) throw error;
        this.options.onRateLimited?.(this.waitMs);
        await sleep(this.waitMs, this.options.signal);
        if (this.options.signal?.aborted) throw error;
      } finally {
        release();
      }
    }
  }

  /** Every record of `table` that matches `formula`, page by page (100 a page, Airtable's `offset`). */
  async select(
    table: string,
    formula: string,
    view: string | undefined,
    onPage: (records: SaleRecord[]) => void,
  ): Promise<SaleRecord[]> {
    const all: SaleRecord[] = [];
    // A fresh query per attempt: Airtable.js keeps the last offset in the query it pages through.
    const query = () =>
      this.base.table(table).select({
        filterByFormula: formula,
        pageSize: 100,
        ...(view ? { view } : {}),
      });
    // eachPage sends the next page's request when fetchNextPage is called: we take a turn first.
    // A 429 mid-way ends eachPage with the error; the listing then starts over after the wait.
    // The first page's slot is request()'s; each next page takes its own, released on its answer.
    await this.request(
      () =>
        new Promise<void>((resolve, reject) => {
          all.length = 0;
          let release: (() => void) | undefined;
          query().eachPage(
            (records, fetchNextPage) => {
              release?.();
              const page = records.map((r) => ({ id: r.id, fields: r.fields as Record<string, unknown> }));
              all.push(...page);
              onPage(page);
              this.limiter.acquire().then((next) => {
                release = next;
                fetchNextPage();
              }, reject);
            },
            (error) => {
              release?.();
              if (error) reject(error);
              else resolve();
            },
          );
        }),
    );
    return all;
  }

  /** Updates at most 10 records in one request (typecast: a new status option is created). */
  async update(table: string, records: SaleRecord[]): Promise<void> {
    if (records.length > MAX_WRITE) throw new RangeError(`at most ${MAX_WRITE} records per write`);
    await this.request(() =>
      this.base.table(table).update(
        records.map((r) => ({ id: r.id, fields: r.fields as Airtable.FieldSet })),
        { typecast: true },
      ),
    );
  }

  /** The base's tables and fields (GET /v0/meta/bases/{baseId}/tables). */
  async tables(): Promise<MetaTable[]> {
    const answer = await this.request(() =>
      this.meta.makeRequest({
        method: 'GET',
        path: `/bases/${encodeURIComponent(this.options.baseId)}/tables`,
      }),
    );
    return (answer.body as { tables: MetaTable[] }).tables;
  }
}

export interface MetaTable {
  id: string;
  name: string;
  fields: { id: string; name: string; type: string; options?: Record<string, unknown> }[];
}

/** The status code and message of an Airtable.js error (422, 404...). */
export function airtableError(error: unknown): { status: number; type: string; message: string } {
  const e = error as StatusError;
  return { status: e.statusCode ?? 0, type: e.error ?? 'ERROR', message: e.message ?? String(error) };
}
