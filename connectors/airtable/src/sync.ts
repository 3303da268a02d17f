/**
 * One pass of `autofactura airtable sync`: write back what a killed run registered, list the rows the
 * status formula selects, register each through the REST API and write the answers back, 10 records a
 * request. Rows whose answer changes nothing in them are not written. `stop` (Ctrl-C) ends the pass
 * after the batch in hand, with everything registered either written or kept in the checkpoint.
 */
import { type AirtableClient, airtableError, MAX_WRITE, type SaleRecord } from './airtable-client.js';
import type { Checkpoint } from './checkpoint.js';
import { pendingFormula, type SaleFields, STATUS } from './fields.js';
import { type ApiClient, RetryLater, registerSale, type WriteBack } from './register.js';
import { type ItemDefaults, paymentBody } from './sale.js';

export interface SyncOptions {
  airtable: AirtableClient;
  api: ApiClient;
  baseId: string;
  table: string;
  view?: string;
  fields: SaleFields;
  item: ItemDefaults;
  checkpoint: Checkpoint;
  /** How many sales are registered at once (each is one POST and perhaps a GET). */
  concurrency?: number;
  signal?: AbortSignal;
  progress?: (event: ProgressEvent) => void;
}

export type ProgressEvent =
  | { kind: 'listed'; count: number }
  | { kind: 'batch'; registered: number; written: number; total: number }
  | { kind: 'failed'; recordId: string; message: string };

export interface SyncReport {
  listed: number;
  registered: number;
  written: number;
  unchanged: number;
  failed: { recordId: string; message: string }[];
  stopped: boolean;
}

export async function syncOnce(options: SyncOptions): Promise<SyncReport> {
  const { airtable, fields, checkpoint, signal } = options;
  const report: SyncReport = {
    listed: 0,
    registered: 0,
    written: 0,
    unchanged: 0,
    failed: [],
    stopped: false,
  };
  const fail = (recordId: string, message: string) => {
    report.failed.push({ recordId, message });
    options.progress?.({ kind: 'failed', recordId, message });
  };

  const leftOver = [...checkpoint.pending()].map(([id, f]) => ({ id, fields: f }));
  for (let i = 0; i < leftOver.length; i += MAX_WRITE) {
    report.written += await write(options, leftOver.slice(i, i + MAX_WRITE), fail);
  }

  const rows = await airtable.select(options.table, pendingFormula(fields), options.view, () => undefined);
  report.listed = rows.length;
  options.progress?.({ kind: 'listed', count: rows.length });
  const chunk = Math.min(options.concurrency ?? 5, MAX_WRITE);
  let pending: SaleRecord[] = [];
  for (let i = 0; i < rows.length; i += chunk) {
    if (signal?.aborted) break;
    const answers = await Promise.all(rows.slice(i, i + chunk).map((row) => register(options, row, fail)));
    for (const [index, answer] of answers.entries()) {
      if (!answer) continue;
      report.registered++;
      const row = rows[i + index]!;
      if (sameAsRow(answer, row.fields)) {
        report.unchanged++;
        continue;
      }
      checkpoint.registered(row.id, answer);
      pending.push({ id: row.id, fields: answer });
    }
    while (pending.length >= MAX_WRITE) {
      report.written += await write(options, pending.splice(0, MAX_WRITE), fail);
    }
    options.progress?.({
      kind: 'batch',
      registered: report.registered,
      written: report.written,
      total: rows.length,
    });
  }
  while (pending.length > 0) report.written += await write(options, pending.splice(0, MAX_WRITE), fail);
  pending = [];
  checkpoint.clear();
  report.stopped = signal?.aborted ?? false;
  return report;
}

async function register(
  options: SyncOptions,
  row: SaleRecord,
  fail: (id: string, message: string) => void,
): Promise<WriteBack | null> {
  try {
    const body = paymentBody(options.baseId, row.id, row.fields, options.fields, options.item);
    return await registerSale(options.api, options.baseId, row.id, body, options.fields);
  } catch (error) {
    // autofactura down or failing: the row keeps its status and the next pass sends it again.
    const reason = error instanceof RetryLater ? error.message : String(error);
    fail(row.id, `autofactura no respondió; se reintentará en la siguiente pasada: ${reason}`);
    return null;
  }
}

/** Cell values as the REST API gives them back: a single select is its name, an empty cell is absent. */
function sameAsRow(answer: WriteBack, row: Record<string, unknown>): boolean {
  return Object.entries(answer).every(([name, value]) => String(row[name] ?? '') === String(value ?? ''));
}

/**
 * Writes up to 10 records. Airtable refuses a whole request with 422 when one record is wrong (a field
 * that is not there, a value of the wrong type): the records then go one by one, and one Airtable still
 * refuses gets its error in the error field alone, or is reported and dropped from the checkpoint.
 */
async function write(
  options: SyncOptions,
  records: SaleRecord[],
  fail: (id: string, message: string) => void,
): Promise<number> {
  const { airtable, table, checkpoint, fields } = options;
  try {
    await airtable.update(table, records);
    checkpoint.written(records.map((r) => r.id));
    return records.length;
  } catch (error) {
    const { status, message } = airtableError(error);
    if (status !== 422 && status !== 404) throw error;
    if (records.length > 1) {
      let written = 0;
      for (const record of records) written += await write(options, [record], fail);
      return written;
    }
    const record = records[0]!;
    const refused = `Airtable no aceptó la respuesta de autofactura: ${message}`;
    try {
      if (status === 404) throw error;
      await airtable.update(table, [
        { id: record.id, fields: { [fields.status]: STATUS.error, [fields.error]: refused } },
      ]);
    } catch {
      fail(record.id, refused);
    }
    checkpoint.written([record.id]);
    return 0;
  }
}
