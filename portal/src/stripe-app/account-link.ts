/**
 * Which autofactura merchant a Stripe account is linked to (the app's settings view): the merchant's
 * connection `stripe_app.account`, which the store keeps unique per account. A merchant whose Stripe
 * connection (`autofactura connect stripe --account`) already names the account needs no link. One
 * account points at one merchant: linking it again moves it.
 */
import type { Autofactura } from '../../../core/src/automation/types.js';
import type { Merchant } from '../../../core/src/store/types.js';

export const APP_ACCOUNT = 'stripe_app.account';
const CONNECTED_ACCOUNT = 'stripe.account';

export async function linkedMerchant(af: Autofactura, accountId: string): Promise<Merchant | null> {
  return (
    (await af.merchantByConnection(APP_ACCOUNT, accountId)) ??
    (await af.merchantByConnection(CONNECTED_ACCOUNT, accountId))
  );
}

export async function linkAccount(af: Autofactura, accountId: string, merchantId: string): Promise<Merchant> {
  const previous = await af.merchantByConnection(APP_ACCOUNT, accountId);
  if (previous && previous.id !== merchantId) await af.setMerchantConnection(previous.id, APP_ACCOUNT, null);
  return af.setMerchantConnection(merchantId, APP_ACCOUNT, accountId);
}

export async function unlinkAccount(af: Autofactura, accountId: string): Promise<boolean> {
  const merchant = await af.merchantByConnection(APP_ACCOUNT, accountId);
  if (!merchant) return false;
  await af.setMerchantConnection(merchant.id, APP_ACCOUNT, null);
  return true;
}
