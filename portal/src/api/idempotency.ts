/**
 * Idempotency-Key for POST /v1/payments: the first successful answer is kept in the store's blobs under
 * `<merchantId>/idempotency/<sha256(key)>.json` with the sha256 of the canonical body. The same key and
 * body replays that answer; the same key with another body is 409 IDEMPOTENCY_CONFLICT.
 *
 * Concurrent requests with one key are serialized in this process (a per-key lock), so 20 identical
 * requests at once run the use case once and 19 replay. Across processes (several servers on
 * PostgreSQL) two requests may both miss the record; both then call recordPayment with the same
 * external id, which is itself idempotent (one payment), and both write the same answer — the only race
 * left is a different body under the same key arriving at two processes at the same instant: one of them
 * is answered as if it were first. Failed requests are not kept: the client may retry with the key.
 */
import { createHash } from 'node:crypto';
import type { BlobStore } from '../../../core/src/store/types.js';
import { apiError } from '../http-error.js';

export interface StoredAnswer {
  status: number;
  body: unknown;
}

interface Record_ {
  bodyHash: string;
  status: number;
  body: unknown;
  at: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** JSON with sorted keys: the same body sent with its keys in another order is the same body. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

export function checkKey(key: string): void {
  if (!key || key.length > 255) {
    throw apiError(
      400,
      'IDEMPOTENCY_KEY_REQUIRED',
      'Envía el encabezado Idempotency-Key (1 a 255 caracteres, p. ej. un UUID) para que un reintento no duplique el pago.',
      'Send the Idempotency-Key header (1 to 255 characters, e.g. a UUID) so that a retry does not duplicate the payment.',
      'Idempotency-Key',
    );
  }
}

/** `scope` keeps one area's keys apart from another's ('' for payments, 'invoices' for POST /v1/invoices). */
export function createIdempotency(blobs: BlobStore, scope = '') {
  const locks = new Map<string, Promise<unknown>>();

  async function locked<T>(name: string, work: () => Promise<T>): Promise<T> {
    const previous = locks.get(name) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(work);
    locks.set(name, run);
    try {
      return await run;
    } finally {
      if (locks.get(name) === run) locks.delete(name);
    }
  }

  return {
    /** Runs `work` once per (merchant, key); replays or refuses later calls. */
    run(
      merchantId: string,
      key: string,
      body: unknown,
      work: () => Promise<StoredAnswer>,
    ): Promise<StoredAnswer> {
      const blobKey = `${merchantId}/idempotency/${scope ? `${scope}-` : ''}${sha256(key)}.json`;
      const bodyHash = sha256(canonical(body));
      return locked(blobKey, async () => {
        const stored = await blobs.get(blobKey);
        if (stored) {
          const record = JSON.parse(stored.toString('utf8')) as Record_;
          if (record.bodyHash !== bodyHash) {
            throw apiError(
              409,
              'IDEMPOTENCY_CONFLICT',
              'Esta Idempotency-Key ya se usó con otro cuerpo. Usa una llave nueva para una solicitud distinta.',
              'This Idempotency-Key was already used with another body. Use a new key for a different request.',
              'Idempotency-Key',
            );
          }
          return { status: record.status, body: record.body };
        }
        const answer = await work();
        const record: Record_ = {
          bodyHash,
          status: answer.status,
          body: answer.body,
          at: new Date().toISOString(),
        };
        await blobs.put(blobKey, Buffer.from(JSON.stringify(record)), 'application/json');
        return answer;
      });
    },
  };
}
