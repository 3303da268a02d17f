/**
 * Customer upsert (issue #4, step 2): match by the source's customer id, then RFC, then email; add what
 * is new; keep fiscal data once validated (data that did not validate never replaces it). New customers
 * get an id derived from what identified them, so two payments of the same new customer racing each
 * other end up with one record.
 */
import { isAutofacturaError } from '../errors.js';
import type { Customer, FiscalData, PaymentCustomerInput } from '../store/types.js';
import { type Context, nowIso } from './context.js';
import { stableId } from './ids.js';

export interface CustomerUpsert extends PaymentCustomerInput {
  /** The source whose customer id `externalId` is ('api', 'stripe', ...). */
  source?: string;
  /** Validated fiscal data to keep. */
  fiscal?: FiscalData;
  /**
   * The customer said it themself (the portal form): their email replaces the stored one. Otherwise a
   * source's email only fills a missing one, so a webhook never overwrites what the customer chose.
   */
  fromCustomer?: boolean;
}

const clean = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

export async function findCustomer(
  ctx: Context,
  merchantId: string,
  input: CustomerUpsert,
): Promise<Customer | null> {
  const { customers } = ctx.store;
  const source = clean(input.source);
  const externalId = clean(input.externalId);
  const rfc = clean(input.fiscal?.rfc ?? input.rfc)?.toUpperCase();
  const email = clean(input.email)?.toLowerCase();
  if (source && externalId) {
    const found = await customers.findBySourceId(merchantId, source, externalId);
    if (found) return found;
  }
  if (rfc) {
    const found = await customers.findByRfc(merchantId, rfc);
    if (found) return found;
  }
  if (email) return customers.findByEmail(merchantId, email);
  return null;
}

/** Finds and updates, or creates; undefined when the input identifies nobody (no id, RFC or email). */
export async function upsertCustomer(
  ctx: Context,
  merchantId: string,
  input: CustomerUpsert,
): Promise<Customer | undefined> {
  const found = await findCustomer(ctx, merchantId, input);
  if (found) return mergeInto(ctx, found, input);
  const key = identityKey(input);
  if (!key) return undefined;
  const now = nowIso(ctx);
  const fresh: Customer = merged(
    { id: stableId('cus', merchantId, key), merchantId, sourceIds: {}, createdAt: now, updatedAt: now },
    input,
    now,
  );
  try {
    return await ctx.store.customers.create(fresh);
  } catch (error) {
    if (!isAutofacturaError(error) || error.code !== 'STORE_DUPLICATE') throw error;
    const winner = await ctx.store.customers.get(merchantId, fresh.id);
    if (!winner) throw error;
    return mergeInto(ctx, winner, input);
  }
}

function identityKey(input: CustomerUpsert): string | undefined {
  const source = clean(input.source);
  const externalId = clean(input.externalId);
  if (source && externalId) return `source:${source}:${externalId}`;
  const rfc = clean(input.fiscal?.rfc ?? input.rfc)?.toUpperCase();
  if (rfc) return `rfc:${rfc}`;
  const email = clean(input.email)?.toLowerCase();
  return email ? `email:${email}` : undefined;
}

function merged(customer: Customer, input: CustomerUpsert, now: string): Customer {
  const next: Customer = { ...customer, sourceIds: { ...customer.sourceIds } };
  const source = clean(input.source);
  const externalId = clean(input.externalId);
  if (source && externalId && !next.sourceIds[source]) next.sourceIds[source] = externalId;
  const email = clean(input.email)?.toLowerCase();
  if (email && (!next.email || input.fromCustomer)) next.email = email;
  const name = clean(input.fiscal?.name ?? input.name);
  if (name && !next.name) next.name = name;
  if (input.fiscal) {
    next.fiscal = { ...input.fiscal };
    next.fiscalValidatedAt = now;
  }
  return next;
}

/**
 * Merges what a source says onto the stored customer with compare-and-set: when another writer (the
 * portal saving fiscal data, a concurrent webhook) changed the customer first, merge onto theirs.
 */
export async function mergeInto(ctx: Context, found: Customer, input: CustomerUpsert): Promise<Customer> {
  let customer = found;
  for (let attempt = 0; attempt < 20; attempt++) {
    const now = nowIso(ctx);
    const next = merged(customer, input, now);
    const changed =
      JSON.stringify({ ...next, fiscalValidatedAt: undefined }) !==
      JSON.stringify({ ...customer, fiscalValidatedAt: undefined });
    if (!changed) return customer;
    const written = await ctx.store.customers.update({ ...next, updatedAt: now }, customer.updatedAt);
    if (written) return written;
    const latest = await ctx.store.customers.get(found.merchantId, found.id);
    if (!latest) return found;
    customer = latest;
  }
  throw new Error(`customer ${found.id} kept changing under 20 compare-and-set attempts`);
}
