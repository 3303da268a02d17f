/**
 * Payments, partitioned by merchant; (source, externalId) is unique per merchant through an in-memory
 * index, so recording a payment costs the same with 10 or 100,000 stored. invoiceId is owned by
 * claimInvoice/releaseInvoice: update() keeps the stored one, so a writer holding an older copy cannot
 * undo a claim (invariant 1).
 */
import type { Payment, PaymentQuery, PaymentRepo } from '../types.js';
import type { Mutex } from './mutex.js';
import { Partitions } from './partitions.js';
import { casToken, copy, duplicate, notFound, page } from './shared.js';

const externalKey = (source: string, externalId: string) => `${source}\u0000${externalId}`;

function matcher(query: Omit<PaymentQuery, 'cursor' | 'limit'>): (payment: Payment) => boolean {
  const from = query.from === undefined ? undefined : Date.parse(query.from);
  const to = query.to === undefined ? undefined : Date.parse(query.to);
  return (payment) => {
    if (query.status !== undefined && payment.status !== query.status) return false;
    if (query.customerId !== undefined && payment.customerId !== query.customerId) return false;
    if (from === undefined && to === undefined) return true;
    const paidAt = Date.parse(payment.paidAt);
    return (from === undefined || paidAt >= from) && (to === undefined || paidAt < to);
  };
}

export async function paymentRepo(dbDir: string, mutex: Mutex): Promise<PaymentRepo> {
  const payments = new Partitions<Payment, Map<string, number>>(dbDir, 'payments', {
    create: () => new Map(),
    add: (index, payment, pos) => index.set(externalKey(payment.source, payment.externalId), pos),
    remove: (index, payment) => index.delete(externalKey(payment.source, payment.externalId)),
  });
  await payments.load();

  function byExternalId(merchantId: string, source: string, externalId: string): Payment | undefined {
    const partition = payments.get(merchantId);
    return payments.at(merchantId, partition?.index.get(externalKey(source, externalId)));
  }

  type Located = NonNullable<ReturnType<typeof payments.locate>>;

  /** The records among `ids` that `change` changes, grouped so each partition's chunks are written once. */
  function changesOf(merchantId: string, ids: string[], change: (record: Payment) => Payment | null) {
    const changes: { partition: Located['partition']; pos: number; record: Payment }[] = [];
    for (const id of new Set(ids)) {
      const found = payments.locate(id, merchantId);
      const next = found ? change(found.record) : null;
      if (found && next) changes.push({ partition: found.partition, pos: found.pos, record: next });
    }
    return changes;
  }

  async function write(changes: ReturnType<typeof changesOf>): Promise<string[]> {
    const first = changes[0];
    if (first)
      await payments.replaceMany(
        first.partition,
        changes.map((c) => [c.pos, c.record]),
      );
    return changes.map((c) => c.record.id);
  }

  function located(merchantId: string, id: string) {
    const found = payments.locate(id, merchantId);
    if (!found) throw notFound('el pago', 'payment', id);
    return found;
  }

  return {
    async createIfAbsent(given) {
      const existing = byExternalId(given.merchantId, given.source, given.externalId);
      if (existing) return { payment: copy(existing), created: false };
      return mutex.run(async () => {
        const raced = byExternalId(given.merchantId, given.source, given.externalId);
        if (raced) return { payment: copy(raced), created: false };
        const payment = copy(given);
        if (payments.hasId(payment.id)) {
          throw duplicate(`un pago con id ${payment.id}`, `A payment with id ${payment.id}`);
        }
        await payments.append(payment);
        return { payment: copy(payment), created: true };
      });
    },

    async get(merchantId, id) {
      const found = payments.locate(id, merchantId);
      return found ? copy(found.record) : null;
    },

    async findByExternalId(merchantId, source, externalId) {
      const found = byExternalId(merchantId, source, externalId);
      return found ? copy(found) : null;
    },

    update(given, expectedUpdatedAt) {
      return mutex.run(async () => {
        const { partition, pos, record } = located(given.merchantId, given.id);
        if (record.updatedAt !== expectedUpdatedAt) return null;
        const payment: Payment = {
          ...copy(given),
          source: record.source,
          externalId: record.externalId,
          createdAt: record.createdAt,
          updatedAt: casToken(given.updatedAt, expectedUpdatedAt),
        };
        delete payment.invoiceId;
        if (record.invoiceId !== undefined) payment.invoiceId = record.invoiceId;
        await payments.replace(partition, pos, payment);
        return copy(payment);
      });
    },

    async getMany(merchantId, ids) {
      return ids.flatMap((id) => {
        const found = payments.locate(id, merchantId);
        return found ? [copy(found.record)] : [];
      });
    },

    claimInvoiceMany(merchantId, ids, invoiceId) {
      return mutex.run(async () => {
        const changes = changesOf(merchantId, ids, (record) =>
          record.invoiceId === undefined ? { ...record, invoiceId } : null,
        );
        return write(changes);
      });
    },

    markInGlobal(merchantId, ids, invoiceId, at) {
      return mutex.run(async () => {
        const changes = changesOf(merchantId, ids, (record) => {
          if (record.invoiceId !== invoiceId) return null;
          if (record.status === 'in_global' && record.globalInvoiceId === invoiceId) return null;
          const { failure: _, ...rest } = record;
          return {
            ...rest,
            status: 'in_global',
            globalInvoiceId: invoiceId,
            updatedAt: casToken(at, record.updatedAt),
          };
        });
        return write(changes);
      });
    },

    claimInvoice(merchantId, paymentId, invoiceId) {
      return mutex.run(async () => {
        const { partition, pos, record } = located(merchantId, paymentId);
        if (record.invoiceId !== undefined) return false;
        await payments.replace(partition, pos, { ...record, invoiceId });
        return true;
      });
    },

    releaseInvoice(merchantId, paymentId, invoiceId) {
      return mutex.run(async () => {
        const found = payments.locate(paymentId, merchantId);
        if (!found || found.record.invoiceId !== invoiceId) return;
        const { invoiceId: _released, ...rest } = found.record;
        await payments.replace(found.partition, found.pos, rest);
      });
    },

    async list(merchantId, query = {}) {
      const partition = payments.get(merchantId);
      return page(partition?.records, matcher(query), query);
    },

    async count(merchantId, query = {}) {
      const partition = payments.get(merchantId);
      if (!partition) return 0;
      const matches = matcher(query);
      let n = 0;
      for (const [, payment] of partition.records.from()) if (matches(payment)) n++;
      return n;
    },
  };
}
