/** Customers of a merchant; looked up by source id (GIN on source_ids), RFC and email (lowercased). */
import type { Customer, CustomerRepo } from '../types.js';
import type { Db } from './db.js';
import { duplicate, isUniqueViolation, notFound } from './pg-errors.js';
import { casToken, json, keyset, pageLimit, toPage, Where } from './sql.js';

function columns(customer: Customer): unknown[] {
  return [
    customer.id,
    customer.merchantId,
    customer.email?.toLowerCase() ?? null,
    customer.fiscal?.rfc ?? null,
    json(customer.sourceIds ?? {}),
    customer.updatedAt,
    json(customer),
  ];
}

export function customerRepo(db: Db): CustomerRepo {
  const customers = db.t('customers');

  async function findOne(where: Where): Promise<Customer | null> {
    const [row] = await db.query<{ data: Customer }>(
      `SELECT data FROM ${customers} WHERE ${where} ORDER BY pos LIMIT 1`,
      where.values,
    );
    return row?.data ?? null;
  }

  return {
    async create(customer) {
      try {
        const [row] = await db.query<{ data: Customer }>(
          `INSERT INTO ${customers} (id, merchant_id, email_lower, rfc, source_ids, updated_at, data)
           VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7::jsonb) RETURNING data`,
          columns(customer),
        );
        return row!.data;
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw duplicate(`un cliente con id ${customer.id}`, `A customer with id ${customer.id}`, error);
        }
        throw error;
      }
    },

    get(merchantId, id) {
      return findOne(new Where().add('merchant_id = ?', merchantId).add('id = ?', id));
    },

    findBySourceId(merchantId, source, sourceId) {
      return findOne(
        new Where()
          .add('merchant_id = ?', merchantId)
          .add('source_ids @> ?::jsonb', json({ [source]: sourceId })),
      );
    },

    findByRfc(merchantId, rfc) {
      return findOne(new Where().add('merchant_id = ?', merchantId).add('rfc = ?', rfc));
    },

    findByEmail(merchantId, email) {
      return findOne(
        new Where().add('merchant_id = ?', merchantId).add('email_lower = ?', email.toLowerCase()),
      );
    },

    async update(given, expectedUpdatedAt) {
      const customer = { ...given, updatedAt: casToken(given.updatedAt, expectedUpdatedAt) };
      const [row] = await db.query<{ data: Customer }>(
        `UPDATE ${customers}
         SET email_lower = $3, rfc = $4, source_ids = $5::jsonb, updated_at = $6,
             data = $7::jsonb || jsonb_build_object('createdAt', data->'createdAt')
         WHERE id = $1 AND merchant_id = $2 AND updated_at = $8 RETURNING data`,
        [...columns(customer), expectedUpdatedAt],
      );
      if (row) return row.data;
      if (await findOne(new Where().add('merchant_id = ?', given.merchantId).add('id = ?', given.id)))
        return null;
      throw notFound('el cliente', 'customer', given.id);
    },

    async list(merchantId, options = {}) {
      const limit = pageLimit(options.limit);
      const where = new Where().add('merchant_id = ?', merchantId);
      const { orderBy, start } = keyset(where, { cursor: options.cursor, order: 'asc' });
      const rows = await db.query<{ pos: string; data: Customer }>(
        `SELECT pos, data FROM ${customers} WHERE ${where} ${orderBy} LIMIT ${where.param(limit + 1)}`,
        where.values,
      );
      return toPage(rows, limit, start);
    },
  };
}
