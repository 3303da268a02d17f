/**
 * Merchants, with their API keys mirrored in api_keys so a prefix finds its merchant (unique); the
 * portal slug (branding.slug) is unique through the expression index merchants_slug (002), and account
 * ids (connections whose name ends in `.account`) are mirrored in merchant_accounts (007), unique.
 */
import type { ApiKeyRecord, Merchant, MerchantRepo } from '../types.js';
import type { Db, Queryable } from './db.js';
import { duplicate, isUniqueViolation, notFound } from './pg-errors.js';
import { json } from './sql.js';

async function writeKeys(q: Queryable, db: Db, merchant: Merchant): Promise<void> {
  await q.query(`DELETE FROM ${db.t('api_keys')} WHERE merchant_id = $1`, [merchant.id]);
  for (const key of merchant.apiKeys) {
    await q.query(
      `INSERT INTO ${db.t('api_keys')} (prefix, merchant_id, key_id, revoked) VALUES ($1, $2, $3, $4)`,
      [key.prefix, merchant.id, key.id, key.revokedAt !== undefined],
    );
  }
}

/** Account ids (connections named `*.account`) belong to one merchant: the mirror's key says so. */
async function writeAccounts(q: Queryable, db: Db, merchant: Merchant): Promise<void> {
  await q.query(`DELETE FROM ${db.t('merchant_accounts')} WHERE merchant_id = $1`, [merchant.id]);
  for (const [name, value] of Object.entries(merchant.connections ?? {})) {
    if (!name.endsWith('.account')) continue;
    await q.query(`INSERT INTO ${db.t('merchant_accounts')} (name, value, merchant_id) VALUES ($1, $2, $3)`, [
      name,
      value,
      merchant.id,
    ]);
  }
}

function duplicateMerchant(merchant: Merchant, cause: unknown) {
  const constraint = (cause as { constraint?: string }).constraint ?? '';
  if (constraint.startsWith('api_keys')) {
    return duplicate('una llave de API con ese prefijo', 'An API key with that prefix', cause);
  }
  if (constraint === 'merchants_slug') {
    const slug = merchant.branding.slug;
    return duplicate(
      `un comercio con la dirección de portal "${slug}"`,
      `A merchant with portal slug "${slug}"`,
      cause,
    );
  }
  if (constraint.startsWith('merchant_accounts')) {
    return duplicate('un comercio con esa cuenta conectada', 'A merchant with that connected account', cause);
  }
  return duplicate(`un comercio con id ${merchant.id}`, `A merchant with id ${merchant.id}`, cause);
}

export function merchantRepo(db: Db): MerchantRepo {
  const merchants = db.t('merchants');
  return {
    async create(merchant) {
      try {
        return await db.tx(async (q) => {
          const [row] = await q.query<{ data: Merchant }>(
            `INSERT INTO ${merchants} (id, rfc, created_at, updated_at, data)
             VALUES ($1, $2, $3, $4, $5::jsonb) RETURNING data`,
            [merchant.id, merchant.rfc, merchant.createdAt, merchant.updatedAt, json(merchant)],
          );
          await writeKeys(q, db, merchant);
          await writeAccounts(q, db, merchant);
          return row!.data;
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicateMerchant(merchant, error);
        throw error;
      }
    },

    async get(id) {
      const [row] = await db.query<{ data: Merchant }>(`SELECT data FROM ${merchants} WHERE id = $1`, [id]);
      return row?.data ?? null;
    },

    async findByApiKeyPrefix(prefix) {
      const [row] = await db.query<{ data: Merchant }>(
        `SELECT m.data FROM ${db.t('api_keys')} k JOIN ${merchants} m ON m.id = k.merchant_id
         WHERE k.prefix = $1 AND NOT k.revoked`,
        [prefix],
      );
      const key = row?.data.apiKeys.find((candidate: ApiKeyRecord) => candidate.prefix === prefix);
      return row && key && key.revokedAt === undefined ? { merchant: row.data, key } : null;
    },

    async findBySlug(slug) {
      const [row] = await db.query<{ data: Merchant }>(
        `SELECT data FROM ${merchants} WHERE data -> 'branding' ->> 'slug' = $1`,
        [slug],
      );
      return row?.data ?? null;
    },

    async findByConnection(name, value) {
      if (!name.endsWith('.account')) return null;
      const [row] = await db.query<{ data: Merchant }>(
        `SELECT m.data FROM ${db.t('merchant_accounts')} a JOIN ${merchants} m ON m.id = a.merchant_id
         WHERE a.name = $1 AND a.value = $2`,
        [name, value],
      );
      return row?.data ?? null;
    },

    async list() {
      const rows = await db.query<{ data: Merchant }>(`SELECT data FROM ${merchants} ORDER BY pos`);
      return rows.map((row) => row.data);
    },

    async update(merchant) {
      try {
        return await db.tx(async (q) => {
          const [row] = await q.query<{ data: Merchant }>(
            `UPDATE ${merchants}
             SET rfc = $2, updated_at = $3,
                 data = $4::jsonb || jsonb_build_object('id', id, 'createdAt', data->'createdAt')
             WHERE id = $1 RETURNING data`,
            [merchant.id, merchant.rfc, merchant.updatedAt, json(merchant)],
          );
          if (!row) throw notFound('el comercio', 'merchant', merchant.id);
          await writeKeys(q, db, merchant);
          await writeAccounts(q, db, merchant);
          return row.data;
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicateMerchant(merchant, error);
        throw error;
      }
    },
  };
}
