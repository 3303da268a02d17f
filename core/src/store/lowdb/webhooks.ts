/**
 * Outbound webhooks, partitioned by merchant: endpoints (soft-deleted; the dispatch cursor moved by
 * compare-and-set under the mutex) and the append-only log of delivery attempts.
 */
import type { WebhookAttempt, WebhookAttemptRepo, WebhookEndpoint, WebhookEndpointRepo } from '../types.js';
import type { Mutex } from './mutex.js';
import { Partitions } from './partitions.js';
import { copy, duplicate, MultiIndex, pageLimit } from './shared.js';

const live = (endpoint: WebhookEndpoint) => endpoint.deletedAt === undefined;

export async function webhookEndpointRepo(dbDir: string, mutex: Mutex): Promise<WebhookEndpointRepo> {
  const endpoints = new Partitions<WebhookEndpoint, null>(dbDir, 'webhook-endpoints', {
    create: () => null,
    add: () => {},
    remove: () => {},
  });
  await endpoints.load();

  /** Changes a live endpoint of the merchant when `change` says so; false otherwise. */
  function update(merchantId: string, id: string, change: (e: WebhookEndpoint) => WebhookEndpoint | null) {
    return mutex.run(async () => {
      const found = endpoints.locate(id, merchantId);
      if (!found || !live(found.record)) return false;
      const next = change(found.record);
      if (!next) return false;
      await endpoints.replace(found.partition, found.pos, next);
      return true;
    });
  }

  return {
    create(given) {
      return mutex.run(async () => {
        if (endpoints.hasId(given.id)) {
          throw duplicate(`un webhook con id ${given.id}`, `A webhook endpoint with id ${given.id}`);
        }
        await endpoints.append(copy(given));
        return copy(given);
      });
    },

    async get(merchantId, id) {
      const found = endpoints.locate(id, merchantId);
      return found && live(found.record) ? copy(found.record) : null;
    },

    async list(merchantId) {
      const partition = endpoints.get(merchantId);
      if (!partition) return [];
      return [...partition.records.from()]
        .map(([, e]) => e)
        .filter(live)
        .map(copy);
    },

    async listActive() {
      const all: WebhookEndpoint[] = [];
      for (const partition of endpoints.all()) {
        for (const [, endpoint] of partition.records.from()) if (live(endpoint)) all.push(copy(endpoint));
      }
      return all;
    },

    delete: (merchantId, id, at) =>
      update(merchantId, id, (current) => ({ ...current, deletedAt: at, updatedAt: at })),

    advanceCursor: (merchantId, id, from, to) =>
      update(merchantId, id, (current) => (current.cursor === from ? { ...current, cursor: to } : null)),
  };
}

const deliveryKey = (endpointId: string, eventId: string) => `${endpointId}\u0000${eventId}`;

export async function webhookAttemptRepo(dbDir: string, mutex: Mutex): Promise<WebhookAttemptRepo> {
  const attempts = new Partitions<WebhookAttempt, MultiIndex>(dbDir, 'webhook-attempts', {
    create: () => new MultiIndex(),
    add: (index, a, pos) => index.add(deliveryKey(a.endpointId, a.eventId), pos),
    remove: (index, a, pos) => index.remove(deliveryKey(a.endpointId, a.eventId), pos),
  });
  await attempts.load();

  return {
    append(given) {
      return mutex.run(async () => {
        if (attempts.hasId(given.id))
          throw duplicate(`un intento con id ${given.id}`, `An attempt ${given.id}`);
        await attempts.append(copy(given));
        return copy(given);
      });
    },

    async list(merchantId, query = {}) {
      const limit = pageLimit(query.limit);
      const partition = attempts.get(merchantId);
      if (!partition) return [];
      const listed: WebhookAttempt[] = [];
      for (let pos = partition.records.size - 1; pos >= 0 && listed.length < limit; pos--) {
        const attempt = partition.records.at(pos)!;
        if (query.endpointId !== undefined && attempt.endpointId !== query.endpointId) continue;
        if (query.eventId !== undefined && attempt.eventId !== query.eventId) continue;
        listed.push(copy(attempt));
      }
      return listed;
    },

    async wasDelivered(merchantId, endpointId, eventId) {
      const partition = attempts.get(merchantId);
      if (!partition) return false;
      return partition.index.all(deliveryKey(endpointId, eventId)).some((pos) => {
        const attempt = partition.records.at(pos)!;
        return attempt.outcome === 'delivered' && !attempt.replay;
      });
    },
  };
}
