/**
 * Folio counters, one small file per merchant (`m/<merchantId>/folios.json`: series -> next folio).
 * allocate runs under the store's mutex and is acknowledged only once the new counter is on disk, so a
 * folio is never handed out twice, even across a crash (invariant 4).
 */
import { join } from 'node:path';
import { Low } from 'lowdb';
import { ValidationError } from '../../errors.js';
import { ensureDir } from '../durable-file.js';
import type { FolioRepo } from '../types.js';
import { DurableJsonFile } from './json-file.js';
import type { Mutex } from './mutex.js';
import { dirName } from './partitions.js';

type Counters = Record<string, number>;

const MAX_FOLIO = 2_147_483_647;

export function folioRepo(
  dbDir: string,
  mutex: Mutex,
  maxFolio: (merchantId: string, series: string) => number,
): FolioRepo {
  const files = new Map<string, Low<Counters>>();

  async function counters(merchantId: string): Promise<Low<Counters>> {
    let file = files.get(merchantId);
    if (!file) {
      file = new Low<Counters>(new DurableJsonFile(join(dbDir, 'm', dirName(merchantId), 'folios.json')), {});
      await file.read();
      files.set(merchantId, file);
    }
    return file;
  }

  async function save(merchantId: string, file: Low<Counters>, next: Counters): Promise<void> {
    await ensureDir(join(dbDir, 'm', dirName(merchantId)));
    await file.adapter.write(next);
    file.data = next;
  }

  return {
    allocate(merchantId, series) {
      return mutex.run(async () => {
        const file = await counters(merchantId);
        const folio = file.data[series] ?? 1;
        await save(merchantId, file, { ...file.data, [series]: folio + 1 });
        return folio;
      });
    },

    setNext(merchantId, series, next) {
      if (!Number.isInteger(next) || next < 1 || next > MAX_FOLIO) {
        return Promise.reject(
          new ValidationError({
            code: 'INVALID_FOLIO',
            message: `El siguiente folio debe ser un entero positivo; se recibió ${next}.`,
            messageEn: `The next folio must be a positive integer; got ${next}.`,
          }),
        );
      }
      return mutex.run(async () => {
        const file = await counters(merchantId);
        const value = Math.max(next, file.data[series] ?? 1, maxFolio(merchantId, series) + 1);
        if (value !== file.data[series]) await save(merchantId, file, { ...file.data, [series]: value });
      });
    },
  };
}
