/** Receipts, partitioned by merchant; the token hash is unique across merchants (the portal's key). */
import type { Receipt, ReceiptRepo } from '../types.js';
import type { Mutex } from './mutex.js';
import { Partitions } from './partitions.js';
import { casToken, copy, duplicate, MultiIndex, notFound, page } from './shared.js';

type ReceiptQuery = NonNullable<Parameters<ReceiptRepo['list']>[1]>;

function matcher(query: ReceiptQuery): (receipt: Receipt) => boolean {
  const time = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso));
  const [expiresBefore, paidFrom, paidTo] = [
    time(query.expiresBefore),
    time(query.paidFrom),
    time(query.paidTo),
  ];
  return (receipt) =>
    (query.status === undefined || receipt.status === query.status) &&
    (query.customerId === undefined || receipt.customerId === query.customerId) &&
    (expiresBefore === undefined || Date.parse(receipt.expiresAt) < expiresBefore) &&
    (paidFrom === undefined || Date.parse(receipt.paidAt) >= paidFrom) &&
    (paidTo === undefined || Date.parse(receipt.paidAt) < paidTo);
}

export async function receiptRepo(dbDir: string, mutex: Mutex): Promise<ReceiptRepo> {
  const byToken = new Map<string, { merchantId: string; id: string }>();
  const receipts = new Partitions<Receipt, MultiIndex>(dbDir, 'receipts', {
    create: () => new MultiIndex(),
    add: (byPayment, receipt, pos) => {
      byPayment.add(receipt.paymentId, pos);
      byToken.set(receipt.tokenHash, { merchantId: receipt.merchantId, id: receipt.id });
    },
    remove: (byPayment, receipt, pos) => {
      byPayment.remove(receipt.paymentId, pos);
      byToken.delete(receipt.tokenHash);
    },
  });
  await receipts.load();

  const tokenTaken = (tokenHash: string, id: string) => {
    const owner = byToken.get(tokenHash);
    return owner !== undefined && owner.id !== id;
  };

  return {
    create(given) {
      return mutex.run(async () => {
        const receipt = copy(given);
        if (receipts.hasId(receipt.id) || byToken.has(receipt.tokenHash)) {
          throw duplicate(
            `un recibo con id ${receipt.id} o con el mismo token`,
            `A receipt with id ${receipt.id} or the same token`,
          );
        }
        await receipts.append(receipt);
        return copy(receipt);
      });
    },

    async get(merchantId, id) {
      const found = receipts.locate(id, merchantId);
      return found ? copy(found.record) : null;
    },

    async findByTokenHash(tokenHash) {
      const owner = byToken.get(tokenHash);
      const found = owner && receipts.locate(owner.id, owner.merchantId);
      return found ? copy(found.record) : null;
    },

    async findByPayment(merchantId, paymentId) {
      const partition = receipts.get(merchantId);
      const found = partition && receipts.at(merchantId, partition.index.first(paymentId));
      return found ? copy(found) : null;
    },

    update(given, expectedUpdatedAt) {
      return mutex.run(async () => {
        const found = receipts.locate(given.id, given.merchantId);
        if (!found) throw notFound('el recibo', 'receipt', given.id);
        if (found.record.updatedAt !== expectedUpdatedAt) return null;
        if (tokenTaken(given.tokenHash, given.id)) {
          throw duplicate('otro recibo con el mismo token', 'Another receipt with the same token');
        }
        const receipt: Receipt = {
          ...copy(given),
          createdAt: found.record.createdAt,
          updatedAt: casToken(given.updatedAt, expectedUpdatedAt),
        };
        await receipts.replace(found.partition, found.pos, receipt);
        return copy(receipt);
      });
    },

    takeForGlobal(merchantId, ids, invoiceId, at) {
      return mutex.run(async () => {
        const partition = receipts.get(merchantId);
        if (!partition) return [];
        const due = Date.parse(at);
        const changes: [number, Receipt][] = [];
        for (const id of new Set(ids)) {
          const found = receipts.locate(id, merchantId);
          if (!found) continue;
          const r = found.record;
          if (r.status !== 'open' && r.status !== 'expired') continue;
          if (r.invoiceId !== undefined || r.reinvoice !== undefined || Date.parse(r.expiresAt) > due)
            continue;
          changes.push([
            found.pos,
            { ...r, status: 'in_global', invoiceId, updatedAt: casToken(at, r.updatedAt) },
          ]);
        }
        if (changes.length) await receipts.replaceMany(partition, changes);
        return changes.map(([, r]) => r.id);
      });
    },

    async list(merchantId, query = {}) {
      const partition = receipts.get(merchantId);
      return page(partition?.records, matcher(query), query);
    },
  };
}
