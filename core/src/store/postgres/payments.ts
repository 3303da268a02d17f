/**
 * Payments. (merchant_id, source, external_id) is UNIQUE: createIfAbsent is one INSERT ... ON CONFLICT
 * DO NOTHING, so two processes recording the same webhook get one row. invoice_id is owned by
 * claimInvoice/releaseInvoice (a conditional UPDATE each); update() keeps the stored invoice_id so a
 * writer holding an older copy cannot undo a claim (invariant 1).
 */
import type { Payment, PaymentQuery, PaymentRepo } from '../types.js';
import type { Db } from './db.js';
import { duplicate, isUniqueViolation, notFound } from './pg-errors.js';
import { casToken, json, keyset, pageLimit, toPage, Where } from './sql.js';

type Filter = Omit<PaymentQuery, 'cursor' | 'limit' | 'order'>;

function filter(merchantId: string, query: Filter): Where {
  return new Where()
    .add('merchant_id = ?', merchantId)
    .maybe('status = ?', query.status)
    .maybe('paid_at >= ?::timestamptz', query.from)
    .maybe('paid_at < ?::timestamptz', query.to)
    .maybe('customer_id = ?', query.customerId);
}

export function paymentRepo(db: Db): PaymentRepo {
  const payments = db.t('payments');

  async function findOne(where: Where): Promise<Payment | null> {
    const [row] = await db.query<{ data: Payment }>(
      `SELECT data FROM ${payments} WHERE ${where} LIMIT 1`,
      where.values,
    );
    return row?.data ?? null;
  }

  const get = (merchantId: string, id: string) =>
    findOne(new Where().add('merchant_id = ?', merchantId).add('id = ?', id));
  const findByExternalId = (merchantId: string, source: string, externalId: string) =>
    findOne(
      new Where()
        .add('merchant_id = ?', merchantId)
        .add('source = ?', source)
        .add('external_id = ?', externalId),
    );

  async function insert(payment: Payment): Promise<Payment | undefined> {
    try {
      const [row] = await db.query<{ data: Payment }>(
        `INSERT INTO ${payments} (id, merchant_id, source, external_id, status, customer_id, invoice_id,
             amount, currency, paid_at, updated_at, data)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::timestamptz, $11, $12::jsonb)
           ON CONFLICT (merchant_id, source, external_id) DO NOTHING RETURNING data`,
        [
          payment.id,
          payment.merchantId,
          payment.source,
          payment.externalId,
          payment.status,
          payment.customerId ?? null,
          payment.invoiceId ?? null,
          payment.amount,
          payment.currency,
          payment.paidAt,
          payment.updatedAt,
          json(payment),
        ],
      );
      return row?.data;
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw duplicate(`un pago con id ${payment.id}`, `A payment with id ${payment.id}`, error);
      }
      throw error;
    }
  }

  return {
    async createIfAbsent(payment) {
      // A racing insert that loses waits for the winner's commit and then does nothing; the loop covers
      // the (theoretical) case of the winner's row being gone again before we read it.
      for (;;) {
        const created = await insert(payment);
        if (created) return { payment: created, created: true };
        const existing = await findByExternalId(payment.merchantId, payment.source, payment.externalId);
        if (existing) return { payment: existing, created: false };
      }
    },

    get,
    findByExternalId,

    async update(given, expectedUpdatedAt) {
      const payment = { ...given, updatedAt: casToken(given.updatedAt, expectedUpdatedAt) };
      const [row] = await db.query<{ data: Payment }>(
        `UPDATE ${payments}
         SET status = $4, customer_id = $5, amount = $6, currency = $7, paid_at = $8::timestamptz,
             updated_at = $9,
             data = ($10::jsonb - 'invoiceId')
               || jsonb_build_object('createdAt', data->'createdAt', 'source', source, 'externalId', external_id)
               || CASE WHEN invoice_id IS NULL THEN '{}'::jsonb
                       ELSE jsonb_build_object('invoiceId', invoice_id) END
         WHERE merchant_id = $1 AND id = $2 AND updated_at = $3 RETURNING data`,
        [
          payment.merchantId,
          payment.id,
          expectedUpdatedAt,
          payment.status,
          payment.customerId ?? null,
          payment.amount,
          payment.currency,
          payment.paidAt,
          payment.updatedAt,
          json(payment),
        ],
      );
      if (row) return row.data;
      if (await get(payment.merchantId, payment.id)) return null;
      throw notFound('el pago', 'payment', payment.id);
    },

    async claimInvoice(merchantId, paymentId, invoiceId) {
      const rows = await db.query(
        `UPDATE ${payments}
         SET invoice_id = $3, data = jsonb_set(data, '{invoiceId}', to_jsonb($3::text))
         WHERE merchant_id = $1 AND id = $2 AND invoice_id IS NULL RETURNING id`,
        [merchantId, paymentId, invoiceId],
      );
      if (rows.length > 0) return true;
      if (await get(merchantId, paymentId)) return false;
      throw notFound('el pago', 'payment', paymentId);
    },

    async getMany(merchantId, ids) {
      if (ids.length === 0) return [];
      const rows = await db.query<{ data: Payment }>(
        `SELECT data FROM ${payments} WHERE merchant_id = $1 AND id = ANY($2::text[])`,
        [merchantId, ids],
      );
      return rows.map((row) => row.data);
    },

    async claimInvoiceMany(merchantId, ids, invoiceId) {
      if (ids.length === 0) return [];
      const rows = await db.query<{ id: string }>(
        `UPDATE ${payments}
         SET invoice_id = $3, data = jsonb_set(data, '{invoiceId}', to_jsonb($3::text))
         WHERE merchant_id = $1 AND id = ANY($2::text[]) AND invoice_id IS NULL RETURNING id`,
        [merchantId, ids, invoiceId],
      );
      return rows.map((row) => row.id);
    },

    async markInGlobal(merchantId, ids, invoiceId, at) {
      if (ids.length === 0) return [];
      // A new compare-and-set token: `at`, or one millisecond later when a record already holds `at`.
      const later = new Date(Date.parse(at) + 1).toISOString();
      const rows = await db.query<{ id: string }>(
        `UPDATE ${payments}
         SET status = 'in_global',
             updated_at = CASE WHEN updated_at = $4 THEN $5 ELSE $4 END,
             data = (data - 'failure') || jsonb_build_object(
               'status', 'in_global', 'globalInvoiceId', $3::text,
               'updatedAt', CASE WHEN updated_at = $4 THEN $5 ELSE $4 END)
         WHERE merchant_id = $1 AND id = ANY($2::text[]) AND invoice_id = $3
           AND NOT (status = 'in_global' AND data->>'globalInvoiceId' = $3)
         RETURNING id`,
        [merchantId, ids, invoiceId, at, later],
      );
      return rows.map((row) => row.id);
    },

    async releaseInvoice(merchantId, paymentId, invoiceId) {
      await db.query(
        `UPDATE ${payments} SET invoice_id = NULL, data = data - 'invoiceId'
         WHERE merchant_id = $1 AND id = $2 AND invoice_id = $3`,
        [merchantId, paymentId, invoiceId],
      );
    },

    async list(merchantId, query = {}) {
      const limit = pageLimit(query.limit);
      const where = filter(merchantId, query);
      const { orderBy, start } = keyset(where, query);
      const rows = await db.query<{ pos: string; data: Payment }>(
        `SELECT pos, data FROM ${payments} WHERE ${where} ${orderBy} LIMIT ${where.param(limit + 1)}`,
        where.values,
      );
      return toPage(rows, limit, start);
    },

    async count(merchantId, query = {}) {
      const where = filter(merchantId, query);
      const [row] = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${payments} WHERE ${where}`,
        where.values,
      );
      return Number(row!.n);
    },
  };
}
