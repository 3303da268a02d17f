/** Customers, partitioned by merchant; looked up by source id, RFC and lowercased email. */
import type { Customer, CustomerRepo } from '../types.js';
import type { Mutex } from './mutex.js';
import { Partitions } from './partitions.js';
import { casToken, copy, duplicate, MultiIndex, notFound, page } from './shared.js';

interface Index {
  source: MultiIndex;
  rfc: MultiIndex;
  email: MultiIndex;
}

const sourceKey = (source: string, id: string) => `${source}\u0000${id}`;

function each(index: Index, customer: Customer, pos: number, op: 'add' | 'remove'): void {
  for (const [source, id] of Object.entries(customer.sourceIds ?? {}))
    index.source[op](sourceKey(source, id), pos);
  index.rfc[op](customer.fiscal?.rfc, pos);
  index.email[op](customer.email?.toLowerCase(), pos);
}

export async function customerRepo(dbDir: string, mutex: Mutex): Promise<CustomerRepo> {
  const customers = new Partitions<Customer, Index>(dbDir, 'customers', {
    create: () => ({ source: new MultiIndex(), rfc: new MultiIndex(), email: new MultiIndex() }),
    add: (index, customer, pos) => each(index, customer, pos, 'add'),
    remove: (index, customer, pos) => each(index, customer, pos, 'remove'),
  });
  await customers.load();

  function findFirst(merchantId: string, pick: (index: Index) => number | undefined): Customer | null {
    const partition = customers.get(merchantId);
    const found = partition && customers.at(merchantId, pick(partition.index));
    return found ? copy(found) : null;
  }

  return {
    create(given) {
      return mutex.run(async () => {
        const customer = copy(given);
        if (customers.hasId(customer.id)) {
          throw duplicate(`un cliente con id ${customer.id}`, `A customer with id ${customer.id}`);
        }
        await customers.append(customer);
        return copy(customer);
      });
    },

    async get(merchantId, id) {
      const found = customers.locate(id, merchantId);
      return found ? copy(found.record) : null;
    },

    async findBySourceId(merchantId, source, sourceId) {
      return findFirst(merchantId, (index) => index.source.first(sourceKey(source, sourceId)));
    },

    async findByRfc(merchantId, rfc) {
      return findFirst(merchantId, (index) => index.rfc.first(rfc));
    },

    async findByEmail(merchantId, email) {
      return findFirst(merchantId, (index) => index.email.first(email.toLowerCase()));
    },

    update(given, expectedUpdatedAt) {
      return mutex.run(async () => {
        const found = customers.locate(given.id, given.merchantId);
        if (!found) throw notFound('el cliente', 'customer', given.id);
        if (found.record.updatedAt !== expectedUpdatedAt) return null;
        const customer = {
          ...copy(given),
          createdAt: found.record.createdAt,
          updatedAt: casToken(given.updatedAt, expectedUpdatedAt),
        };
        await customers.replace(found.partition, found.pos, customer);
        return copy(customer);
      });
    },

    async list(merchantId, options = {}) {
      const partition = customers.get(merchantId);
      return page(partition?.records, () => true, { ...options, order: 'asc' });
    },
  };
}
