/**
 * Outbound webhooks: endpoints (soft-deleted; the dispatch cursor moved by compare-and-set) and the
 * append-only log of delivery attempts.
 */
import type { WebhookAttempt, WebhookAttemptRepo, WebhookEndpoint, WebhookEndpointRepo } from '../types.js';
import type { Db } from './db.js';
import { duplicate, isUniqueViolation } from './pg-errors.js';
import { json, pageLimit, Where } from './sql.js';

export function webhookEndpointRepo(db: Db): WebhookEndpointRepo {
  const endpoints = db.t('webhook_endpoints');
  const select = async (where: Where, suffix = 'ORDER BY pos') =>
    (
      await db.query<{ data: WebhookEndpoint }>(
        `SELECT data FROM ${endpoints} WHERE ${where} AND deleted_at IS NULL ${suffix}`,
        where.values,
      )
    ).map((row) => row.data);

  return {
    async create(endpoint) {
      try {
        await db.query(
          `INSERT INTO ${endpoints} (id, merchant_id, cursor_seq, data) VALUES ($1, $2, $3, $4::jsonb)`,
          [endpoint.id, endpoint.merchantId, endpoint.cursor, json(endpoint)],
        );
        return endpoint;
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw duplicate(
            `un webhook con id ${endpoint.id}`,
            `A webhook endpoint with id ${endpoint.id}`,
            error,
          );
        }
        throw error;
      }
    },

    async get(merchantId, id) {
      const [found] = await select(new Where().add('merchant_id = ?', merchantId).add('id = ?', id));
      return found ?? null;
    },

    list: (merchantId) => select(new Where().add('merchant_id = ?', merchantId)),
    listActive: () => select(new Where()),

    async delete(merchantId, id, at) {
      const rows = await db.query(
        `UPDATE ${endpoints}
         SET deleted_at = $3::timestamptz,
             data = data || jsonb_build_object('deletedAt', $4::text, 'updatedAt', $4::text)
         WHERE merchant_id = $1 AND id = $2 AND deleted_at IS NULL RETURNING id`,
        [merchantId, id, at, at],
      );
      return rows.length === 1;
    },

    async advanceCursor(merchantId, id, from, to) {
      const rows = await db.query(
        `UPDATE ${endpoints}
         SET cursor_seq = $4, data = data || jsonb_build_object('cursor', $4::bigint)
         WHERE merchant_id = $1 AND id = $2 AND cursor_seq = $3 AND deleted_at IS NULL RETURNING id`,
        [merchantId, id, from, to],
      );
      return rows.length === 1;
    },
  };
}

export function webhookAttemptRepo(db: Db): WebhookAttemptRepo {
  const attempts = db.t('webhook_attempts');
  return {
    async append(attempt) {
      await db.query(
        `INSERT INTO ${attempts} (id, merchant_id, endpoint_id, event_id, outcome, replay, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
        [
          attempt.id,
          attempt.merchantId,
          attempt.endpointId,
          attempt.eventId,
          attempt.outcome,
          attempt.replay,
          json(attempt),
        ],
      );
      return attempt;
    },

    async list(merchantId, query = {}) {
      const where = new Where()
        .add('merchant_id = ?', merchantId)
        .maybe('endpoint_id = ?', query.endpointId)
        .maybe('event_id = ?', query.eventId);
      const rows = await db.query<{ data: WebhookAttempt }>(
        `SELECT data FROM ${attempts} WHERE ${where} ORDER BY pos DESC LIMIT ${where.param(pageLimit(query.limit))}`,
        where.values,
      );
      return rows.map((row) => row.data);
    },

    async wasDelivered(merchantId, endpointId, eventId) {
      const rows = await db.query(
        `SELECT 1 FROM ${attempts} WHERE merchant_id = $1 AND endpoint_id = $2 AND event_id = $3
         AND outcome = 'delivered' AND NOT replay LIMIT 1`,
        [merchantId, endpointId, eventId],
      );
      return rows.length > 0;
    },
  };
}
