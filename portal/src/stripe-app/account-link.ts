/**
 * Which autofactura merchant a Stripe account is linked to (the app's settings view). The link is kept
 * on the merchant as a connection entry named after a hash of the account id — through the facade's
 * setMerchantSecret, so it is encrypted at rest like every connection — and found by that name. One
 * account points at one merchant: linking it again moves it.
 */
import { createHash } from 'node:crypto';
import type { Autofactura } from '../../../core/src/automation/types.js';
import type { Merchant, Store } from '../../../core/src/store/types.js';

const PREFIX = 'stripe_app.account.';

/** The merchant's connection name for a Stripe account: lower-case, within the 64 characters allowed. */
export function linkName(accountId: string): string {
  return PREFIX + createHash('sha256').update(accountId).digest('hex').slice(0, 40);
}

export async function linkedMerchant(store: Store, accountId: string): Promise<Merchant | null> {
  const name = linkName(accountId);
  const merchants = await store.merchants.list();
  return merchants.find((m) => m.secrets[name] !== undefined) ?? null;
}

export async function linkAccount(
  af: Autofactura,
  store: Store,
  accountId: string,
  merchantId: string,
): Promise<Merchant> {
  const previous = await linkedMerchant(store, accountId);
  if (previous && previous.id !== merchantId)
    await af.setMerchantSecret(previous.id, linkName(accountId), null);
  return af.setMerchantSecret(merchantId, linkName(accountId), accountId);
}

export async function unlinkAccount(af: Autofactura, store: Store, accountId: string): Promise<boolean> {
  const merchant = await linkedMerchant(store, accountId);
  if (!merchant) return false;
  await af.setMerchantSecret(merchant.id, linkName(accountId), null);
  return true;
}
