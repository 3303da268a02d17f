/**
 * Folios per (merchant, series). allocate is one statement: INSERT ... ON CONFLICT DO UPDATE SET
 * next = folios.next + 1 RETURNING — the row lock makes concurrent callers (any process) queue up, so
 * each gets a different number (invariant 4).
 */
import { ValidationError } from '../../errors.js';
import type { FolioRepo } from '../types.js';
import type { Db } from './db.js';

export function folioRepo(db: Db): FolioRepo {
  const folios = db.t('folios');
  const invoices = db.t('invoices');
  return {
    async allocate(merchantId, series) {
      const [row] = await db.query<{ folio: number }>(
        `INSERT INTO ${folios} AS f (merchant_id, series, next) VALUES ($1, $2, 2)
         ON CONFLICT (merchant_id, series) DO UPDATE SET next = f.next + 1
         RETURNING f.next - 1 AS folio`,
        [merchantId, series],
      );
      return row!.folio;
    },

    async setNext(merchantId, series, next) {
      if (!Number.isInteger(next) || next < 1 || next > 2_147_483_647) {
        throw new ValidationError({
          code: 'INVALID_FOLIO',
          message: `El siguiente folio debe ser un entero positivo; se recibió ${next}.`,
          messageEn: `The next folio must be a positive integer; got ${next}.`,
        });
      }
      // Never below a folio already handed out or already on an invoice of that series.
      await db.query(
        `INSERT INTO ${folios} AS f (merchant_id, series, next)
         VALUES ($1, $2, GREATEST($3::int, COALESCE(
           (SELECT max(folio) + 1 FROM ${invoices} WHERE merchant_id = $1 AND series = $2), 1)))
         ON CONFLICT (merchant_id, series) DO UPDATE SET next = GREATEST(f.next, EXCLUDED.next)`,
        [merchantId, series, next],
      );
    },
  };
}
