/** Receipts (self-invoice links). token_hash is UNIQUE: the portal finds a receipt by it alone. */
import type { Receipt, ReceiptRepo } from '../types.js';
import type { Db } from './db.js';
import { duplicate, isUniqueViolation, notFound } from './pg-errors.js';
import { casToken, json, keyset, pageLimit, toPage, Where } from './sql.js';

export function receiptRepo(db: Db): ReceiptRepo {
  const receipts = db.t('receipts');

  async function findOne(where: Where): Promise<Receipt | null> {
    const [row] = await db.query<{ data: Receipt }>(
      `SELECT data FROM ${receipts} WHERE ${where} ORDER BY pos LIMIT 1`,
      where.values,
    );
    return row?.data ?? null;
  }

  const get = (merchantId: string, id: string) =>
    findOne(new Where().add('merchant_id = ?', merchantId).add('id = ?', id));

  return {
    async create(receipt) {
      try {
        const [row] = await db.query<{ data: Receipt }>(
          `INSERT INTO ${receipts} (id, merchant_id, payment_id, customer_id, status, token_hash, paid_at,
             expires_at, updated_at, data)
           VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz, $8::timestamptz, $9, $10::jsonb) RETURNING data`,
          [
            receipt.id,
            receipt.merchantId,
            receipt.paymentId,
            receipt.customerId ?? null,
            receipt.status,
            receipt.tokenHash,
            receipt.paidAt,
            receipt.expiresAt,
            receipt.updatedAt,
            json(receipt),
          ],
        );
        return row!.data;
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw duplicate(
            `un recibo con id ${receipt.id} o con el mismo token`,
            `A receipt with id ${receipt.id} or the same token`,
            error,
          );
        }
        throw error;
      }
    },

    get,

    findByTokenHash(tokenHash) {
      return findOne(new Where().add('token_hash = ?', tokenHash));
    },

    findByPayment(merchantId, paymentId) {
      return findOne(new Where().add('merchant_id = ?', merchantId).add('payment_id = ?', paymentId));
    },

    async update(given, expectedUpdatedAt) {
      const receipt = { ...given, updatedAt: casToken(given.updatedAt, expectedUpdatedAt) };
      try {
        const [row] = await db.query<{ data: Receipt }>(
          `UPDATE ${receipts}
           SET payment_id = $4, customer_id = $5, status = $6, token_hash = $7, paid_at = $8::timestamptz,
               expires_at = $9::timestamptz, updated_at = $10,
               data = $11::jsonb || jsonb_build_object('createdAt', data->'createdAt')
           WHERE merchant_id = $1 AND id = $2 AND updated_at = $3 RETURNING data`,
          [
            receipt.merchantId,
            receipt.id,
            expectedUpdatedAt,
            receipt.paymentId,
            receipt.customerId ?? null,
            receipt.status,
            receipt.tokenHash,
            receipt.paidAt,
            receipt.expiresAt,
            receipt.updatedAt,
            json(receipt),
          ],
        );
        if (row) return row.data;
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw duplicate('otro recibo con el mismo token', 'Another receipt with the same token', error);
        }
        throw error;
      }
      if (await get(receipt.merchantId, receipt.id)) return null;
      throw notFound('el recibo', 'receipt', receipt.id);
    },

    async takeForGlobal(merchantId, ids, invoiceId, at) {
      if (ids.length === 0) return [];
      const later = new Date(Date.parse(at) + 1).toISOString();
      const rows = await db.query<{ id: string }>(
        `UPDATE ${receipts}
         SET status = 'in_global',
             updated_at = CASE WHEN updated_at = $4 THEN $5 ELSE $4 END,
             data = data || jsonb_build_object(
               'status', 'in_global', 'invoiceId', $3::text,
               'updatedAt', CASE WHEN updated_at = $4 THEN $5 ELSE $4 END)
         WHERE merchant_id = $1 AND id = ANY($2::text[]) AND status IN ('open', 'expired')
           AND expires_at <= $6::timestamptz AND NOT (data ? 'invoiceId') AND NOT (data ? 'reinvoice')
         RETURNING id`,
        [merchantId, ids, invoiceId, at, later, at],
      );
      return rows.map((row) => row.id);
    },

    async list(merchantId, query = {}) {
      const limit = pageLimit(query.limit);
      const where = new Where()
        .add('merchant_id = ?', merchantId)
        .maybe('status = ?', query.status)
        .maybe('customer_id = ?', query.customerId)
        .maybe('expires_at < ?::timestamptz', query.expiresBefore)
        .maybe('paid_at >= ?::timestamptz', query.paidFrom)
        .maybe('paid_at < ?::timestamptz', query.paidTo);
      const { orderBy, start } = keyset(where, query);
      const rows = await db.query<{ pos: string; data: Receipt }>(
        `SELECT pos, data FROM ${receipts} WHERE ${where} ${orderBy} LIMIT ${where.param(limit + 1)}`,
        where.values,
      );
      return toPage(rows, limit, start);
    },
  };
}
