/**
 * Merchants: one global collection (`db/merchants/`), indexed by id, API key prefix, portal slug and
 * connection (`connections[name]`, e.g. a Stripe Connect account).
 */
import { join } from 'node:path';
import type { Merchant, MerchantRepo } from '../types.js';
import { Chunked } from './chunked.js';
import type { Mutex } from './mutex.js';
import { copy, duplicate, notFound } from './shared.js';

export async function merchantRepo(dbDir: string, mutex: Mutex): Promise<MerchantRepo> {
  const records = await Chunked.load<Merchant>(join(dbDir, 'merchants'));
  const byId = new Map<string, number>();
  const byPrefix = new Map<string, string>();
  const bySlug = new Map<string, string>();
  /** `${name}\n${value}` -> merchant id. */
  const byConnection = new Map<string, string>();
  const connectionKeys = (merchant: Merchant) =>
    Object.entries(merchant.connections ?? {}).map(([name, value]) => `${name}\n${value}`);
  /** Account ids (`*.account`) belong to one merchant; other connection values are options. */
  const uniqueKeys = (merchant: Merchant) =>
    connectionKeys(merchant).filter((key) => key.slice(0, key.indexOf('\n')).endsWith('.account'));
  for (const [pos, merchant] of records.from()) {
    byId.set(merchant.id, pos);
    for (const key of merchant.apiKeys) byPrefix.set(key.prefix, merchant.id);
    if (merchant.branding.slug) bySlug.set(merchant.branding.slug, merchant.id);
    for (const key of uniqueKeys(merchant)) byConnection.set(key, merchant.id);
  }

  const current = (id: string) => {
    const pos = byId.get(id);
    return pos === undefined ? undefined : records.at(pos);
  };

  /** A prefix of `merchant` that another merchant already uses, if any. */
  function takenPrefix(merchant: Merchant): string | undefined {
    const seen = new Set<string>();
    for (const key of merchant.apiKeys) {
      const owner = byPrefix.get(key.prefix);
      if ((owner !== undefined && owner !== merchant.id) || seen.has(key.prefix)) return key.prefix;
      seen.add(key.prefix);
    }
    return undefined;
  }

  /** The slug of `merchant` when another merchant already uses it. */
  function takenSlug(merchant: Merchant): string | undefined {
    const slug = merchant.branding.slug;
    const owner = slug ? bySlug.get(slug) : undefined;
    return owner !== undefined && owner !== merchant.id ? slug : undefined;
  }

  /** A connection of `merchant` that another merchant already holds, if any. */
  function takenConnection(merchant: Merchant): string | undefined {
    for (const key of uniqueKeys(merchant)) {
      const owner = byConnection.get(key);
      if (owner !== undefined && owner !== merchant.id) return key.replace('\n', ' ');
    }
    return undefined;
  }

  function refuseTaken(merchant: Merchant): void {
    const connection = takenConnection(merchant);
    if (connection !== undefined) {
      throw duplicate(
        `un comercio con la conexión ${connection}`,
        `A merchant with connection ${connection}`,
      );
    }
    const prefix = takenPrefix(merchant);
    if (prefix !== undefined) {
      throw duplicate(`una llave de API con el prefijo ${prefix}`, `An API key with prefix ${prefix}`);
    }
    const slug = takenSlug(merchant);
    if (slug !== undefined) {
      throw duplicate(
        `un comercio con la dirección de portal "${slug}"`,
        `A merchant with portal slug "${slug}"`,
      );
    }
  }

  function indexKeys(before: Merchant | undefined, after: Merchant): void {
    for (const key of before?.apiKeys ?? []) byPrefix.delete(key.prefix);
    for (const key of after.apiKeys) byPrefix.set(key.prefix, after.id);
    if (before?.branding.slug) bySlug.delete(before.branding.slug);
    if (after.branding.slug) bySlug.set(after.branding.slug, after.id);
    for (const key of before ? uniqueKeys(before) : []) byConnection.delete(key);
    for (const key of uniqueKeys(after)) byConnection.set(key, after.id);
  }

  return {
    create(given) {
      return mutex.run(async () => {
        const merchant = copy(given);
        if (byId.has(merchant.id)) {
          throw duplicate(`un comercio con id ${merchant.id}`, `A merchant with id ${merchant.id}`);
        }
        refuseTaken(merchant);
        byId.set(merchant.id, await records.append(merchant));
        indexKeys(undefined, merchant);
        return copy(merchant);
      });
    },

    async get(id) {
      const merchant = current(id);
      return merchant ? copy(merchant) : null;
    },

    async findByApiKeyPrefix(prefix) {
      const owner = byPrefix.get(prefix);
      const merchant = owner === undefined ? undefined : current(owner);
      const key = merchant?.apiKeys.find((candidate) => candidate.prefix === prefix);
      if (!merchant || !key || key.revokedAt !== undefined) return null;
      const found = copy(merchant);
      return { merchant: found, key: found.apiKeys.find((candidate) => candidate.prefix === prefix)! };
    },

    async findBySlug(slug) {
      const owner = bySlug.get(slug);
      const merchant = owner === undefined ? undefined : current(owner);
      return merchant && merchant.branding.slug === slug ? copy(merchant) : null;
    },

    async findByConnection(name, value) {
      const owner = byConnection.get(`${name}\n${value}`);
      const merchant = owner === undefined ? undefined : current(owner);
      return merchant && merchant.connections?.[name] === value ? copy(merchant) : null;
    },

    async list() {
      return [...records.from()].map(([, merchant]) => copy(merchant));
    },

    update(given) {
      return mutex.run(async () => {
        const pos = byId.get(given.id);
        const before = pos === undefined ? undefined : records.at(pos);
        if (pos === undefined || !before) throw notFound('el comercio', 'merchant', given.id);
        const merchant = { ...copy(given), createdAt: before.createdAt };
        refuseTaken(merchant);
        await records.replace(pos, merchant);
        indexKeys(before, merchant);
        return copy(merchant);
      });
    },
  };
}
