/**
 * The event log. seq is a BIGSERIAL: monotonic per store, the cursor of /v1/events. A sequence alone
 * hands out numbers in call order, not commit order: with two processes, seq 11 could become visible
 * before seq 10, and a reader that already moved past 11 would never see 10. So appends of one merchant
 * take a transaction-scoped advisory lock: its events commit in seq order.
 */
import { randomUUID } from 'node:crypto';
import type { EventRepo, StoredEvent } from '../types.js';
import type { Db } from './db.js';
import { json, pageLimit, Where } from './sql.js';

interface EventRow {
  seq: string;
  id: string;
  merchant_id: string;
  payment_id: string | null;
  invoice_id: string | null;
  receipt_id: string | null;
  type: string;
  data: Record<string, unknown>;
  at: string;
}

function toEvent(row: EventRow): StoredEvent {
  return {
    seq: Number(row.seq),
    id: row.id,
    merchantId: row.merchant_id,
    ...(row.payment_id === null ? {} : { paymentId: row.payment_id }),
    ...(row.invoice_id === null ? {} : { invoiceId: row.invoice_id }),
    ...(row.receipt_id === null ? {} : { receiptId: row.receipt_id }),
    type: row.type,
    data: row.data,
    at: row.at,
  };
}

/** First key of the append lock ("ae"); the second is the merchant id's hash. */
const EVENTS_LOCK = 0x6165;

export function eventRepo(db: Db): EventRepo {
  const events = db.t('events');
  return {
    async append(event) {
      const row = await db.tx(async (q) => {
        await q.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [EVENTS_LOCK, event.merchantId]);
        const [inserted] = await q.query<EventRow>(
          `INSERT INTO ${events} (id, merchant_id, payment_id, invoice_id, receipt_id, type, data, at)
           VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::timestamptz) RETURNING *`,
          [
            `evt_${randomUUID()}`,
            event.merchantId,
            event.paymentId ?? null,
            event.invoiceId ?? null,
            event.receiptId ?? null,
            event.type,
            json(event.data ?? {}),
            event.at ?? new Date().toISOString(),
          ],
        );
        return inserted!;
      });
      return toEvent(row);
    },

    async appendMany(given) {
      if (given.length === 0) return [];
      const rows = await db.tx(async (q) => {
        const merchants = [...new Set(given.map((e) => e.merchantId))].sort();
        for (const merchantId of merchants) {
          await q.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [EVENTS_LOCK, merchantId]);
        }
        const out: EventRow[] = [];
        for (let start = 0; start < given.length; start += 1_000) {
          const batch = given.slice(start, start + 1_000);
          const inserted = await q.query<EventRow>(
            `INSERT INTO ${events} (id, merchant_id, payment_id, invoice_id, receipt_id, type, data, at)
             SELECT id, merchant_id, payment_id, invoice_id, receipt_id, type, data, at
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[],
               $8::timestamptz[]) WITH ORDINALITY
               AS t(id, merchant_id, payment_id, invoice_id, receipt_id, type, data, at, n)
             ORDER BY n
             RETURNING *`,
            [
              batch.map(() => `evt_${randomUUID()}`),
              batch.map((e) => e.merchantId),
              batch.map((e) => e.paymentId ?? null),
              batch.map((e) => e.invoiceId ?? null),
              batch.map((e) => e.receiptId ?? null),
              batch.map((e) => e.type),
              batch.map((e) => json(e.data ?? {})),
              batch.map((e) => e.at ?? new Date().toISOString()),
            ],
          );
          out.push(...inserted.sort((a, b) => Number(a.seq) - Number(b.seq)));
        }
        return out;
      });
      return rows.map(toEvent);
    },

    async listByPayment(merchantId, paymentId) {
      const rows = await db.query<EventRow>(
        `SELECT * FROM ${events} WHERE merchant_id = $1 AND payment_id = $2 ORDER BY seq`,
        [merchantId, paymentId],
      );
      return rows.map(toEvent);
    },

    async list(merchantId, options = {}) {
      const where = new Where()
        .add('merchant_id = ?', merchantId)
        .maybe('seq > ?', options.after)
        .maybe('seq < ?', options.before)
        .maybe('type = ANY (?::text[])', options.types);
      const order = options.order === 'desc' ? 'DESC' : 'ASC';
      const rows = await db.query<EventRow>(
        `SELECT * FROM ${events} WHERE ${where} ORDER BY seq ${order} LIMIT ${where.param(pageLimit(options.limit))}`,
        where.values,
      );
      return rows.map(toEvent);
    },

    async get(merchantId, id) {
      const [row] = await db.query<EventRow>(`SELECT * FROM ${events} WHERE merchant_id = $1 AND id = $2`, [
        merchantId,
        id,
      ]);
      return row ? toEvent(row) : null;
    },
  };
}
