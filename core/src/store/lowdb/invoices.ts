/**
 * Invoices, partitioned by merchant. (series, folio) and UUID are unique per merchant (invariant 4),
 * checked against in-memory indexes under the store's mutex.
 */
import type { Invoice, InvoiceRepo } from '../types.js';
import type { Mutex } from './mutex.js';
import { Partitions } from './partitions.js';
import { casToken, copy, duplicate, notFound, page } from './shared.js';

interface Index {
  folio: Map<string, number>;
  uuid: Map<string, number>;
  /** Highest folio seen per series (never lowered: a folio once used stays used). */
  maxFolio: Map<string, number>;
}

type InvoiceQuery = NonNullable<Parameters<InvoiceRepo['list']>[1]>;

const folioKey = (series: string, folio: number) => `${series}\u0000${folio}`;

function matcher(query: InvoiceQuery): (invoice: Invoice) => boolean {
  const from = query.from === undefined ? undefined : Date.parse(query.from);
  const to = query.to === undefined ? undefined : Date.parse(query.to);
  return (invoice) =>
    (query.status === undefined || invoice.status === query.status) &&
    (query.kind === undefined || invoice.kind === query.kind) &&
    (query.paymentId === undefined || invoice.paymentIds.includes(query.paymentId)) &&
    (from === undefined || Date.parse(invoice.createdAt) >= from) &&
    (to === undefined || Date.parse(invoice.createdAt) < to);
}

export interface InvoiceRepoWithFolios extends InvoiceRepo {
  /** The highest folio an invoice of (merchant, series) has had, 0 when none. */
  maxFolio(merchantId: string, series: string): number;
}

export async function invoiceRepo(dbDir: string, mutex: Mutex): Promise<InvoiceRepoWithFolios> {
  const invoices = new Partitions<Invoice, Index>(dbDir, 'invoices', {
    create: () => ({ folio: new Map(), uuid: new Map(), maxFolio: new Map() }),
    add: (index, invoice, pos) => {
      index.folio.set(folioKey(invoice.series, invoice.folio), pos);
      index.maxFolio.set(invoice.series, Math.max(index.maxFolio.get(invoice.series) ?? 0, invoice.folio));
      if (invoice.uuid !== undefined) index.uuid.set(invoice.uuid, pos);
    },
    remove: (index, invoice) => {
      index.folio.delete(folioKey(invoice.series, invoice.folio));
      if (invoice.uuid !== undefined) index.uuid.delete(invoice.uuid);
    },
  });
  await invoices.load();

  /** The reason `invoice` cannot be stored beside the others, if any. */
  function conflict(invoice: Invoice, pos: number | undefined) {
    const index = invoices.get(invoice.merchantId)?.index;
    const folioAt = index?.folio.get(folioKey(invoice.series, invoice.folio));
    if (folioAt !== undefined && folioAt !== pos) {
      return duplicate(
        `una factura con serie "${invoice.series}" y folio ${invoice.folio}`,
        `An invoice with series "${invoice.series}" and folio ${invoice.folio}`,
      );
    }
    const uuidAt = invoice.uuid === undefined ? undefined : index?.uuid.get(invoice.uuid);
    if (uuidAt !== undefined && uuidAt !== pos) {
      return duplicate(`una factura con UUID ${invoice.uuid}`, `An invoice with UUID ${invoice.uuid}`);
    }
    return undefined;
  }

  const lookup = (merchantId: string, pick: (index: Index) => number | undefined) => {
    const partition = invoices.get(merchantId);
    const found = partition && invoices.at(merchantId, pick(partition.index));
    return found ? copy(found) : null;
  };

  return {
    create(given) {
      return mutex.run(async () => {
        const invoice = copy(given);
        if (invoices.hasId(invoice.id)) {
          throw duplicate(`una factura con id ${invoice.id}`, `An invoice with id ${invoice.id}`);
        }
        const problem = conflict(invoice, undefined);
        if (problem) throw problem;
        await invoices.append(invoice);
        return copy(invoice);
      });
    },

    async get(merchantId, id) {
      const found = invoices.locate(id, merchantId);
      return found ? copy(found.record) : null;
    },

    async findByUuid(merchantId, uuid) {
      return lookup(merchantId, (index) => index.uuid.get(uuid));
    },

    async findBySeriesFolio(merchantId, series, folio) {
      return lookup(merchantId, (index) => index.folio.get(folioKey(series, folio)));
    },

    update(given, expectedUpdatedAt) {
      return mutex.run(async () => {
        const found = invoices.locate(given.id, given.merchantId);
        if (!found) throw notFound('la factura', 'invoice', given.id);
        if (found.record.updatedAt !== expectedUpdatedAt) return null;
        const invoice: Invoice = {
          ...copy(given),
          createdAt: found.record.createdAt,
          updatedAt: casToken(given.updatedAt, expectedUpdatedAt),
        };
        const problem = conflict(invoice, found.pos);
        if (problem) throw problem;
        await invoices.replace(found.partition, found.pos, invoice);
        return copy(invoice);
      });
    },

    async list(merchantId, query = {}) {
      const partition = invoices.get(merchantId);
      return page(partition?.records, matcher(query), query);
    },

    async count(merchantId) {
      return invoices.get(merchantId)?.records.size ?? 0;
    },

    maxFolio(merchantId, series) {
      return invoices.get(merchantId)?.index.maxFolio.get(series) ?? 0;
    },
  };
}
