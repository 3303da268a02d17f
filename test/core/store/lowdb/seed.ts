/**
 * Writes invoices straight into a lowdb data folder in the adapter's on-disk layout (chunks of 256 in
 * `db/m/<merchantId>/invoices/`), to test a large store without issuing 100,000 fsynced writes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CHUNK_SIZE } from '../../../../core/src/store/lowdb/chunked.js';
import type { Invoice } from '../../../../core/src/store/types.js';
import { invoice } from '../contract/fixtures.js';

export async function seedInvoices(dataDir: string, merchantId: string, count: number): Promise<string> {
  const dir = join(dataDir, 'db', 'm', encodeURIComponent(merchantId), 'invoices');
  await mkdir(dir, { recursive: true });
  for (let start = 0, chunk = 0; start < count; start += CHUNK_SIZE, chunk++) {
    const records: Invoice[] = [];
    for (let i = start; i < Math.min(count, start + CHUNK_SIZE); i++) {
      records.push(invoice(merchantId, i + 1, { id: `inv_seed_${i}` }));
    }
    await writeFile(join(dir, `${String(chunk).padStart(8, '0')}.json`), JSON.stringify(records));
  }
  return dir;
}
