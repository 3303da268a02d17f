/** The dashboard's use cases bound to a context: spread into the facade by createAutofactura. */
import type { Context } from '../context.js';
import { receiptToken, receiptUrl } from '../receipt-records.js';
import { createDashboardUser, dashboardSession, login, logout } from './auth.js';
import { merchantLogo, setMerchantLogo } from './logo.js';
import {
  createApiKey,
  onboardMerchant,
  replaceCsd,
  revokeApiKey,
  setMerchantSecret,
  updateMerchant,
} from './merchant-admin.js';
import { setMerchantPac } from './pac-choice.js';
import type { DashboardUseCases } from './types.js';

export type { DashboardUseCases } from './types.js';

export function dashboardUseCases(ctx: Context): DashboardUseCases {
  return {
    createDashboardUser: (input) => createDashboardUser(ctx, input),
    login: (input) => login(ctx, input),
    dashboardSession: (token) => dashboardSession(ctx, token),
    logout: (token) => logout(ctx, token),
    onboardMerchant: (userId, input) => onboardMerchant(ctx, userId, input),
    updateMerchant: (merchantId, patch) => updateMerchant(ctx, merchantId, patch),
    replaceCsd: (merchantId, input) => replaceCsd(ctx, merchantId, input),
    setMerchantLogo: (merchantId, logo) => setMerchantLogo(ctx, merchantId, logo),
    merchantLogo: (merchantId) => merchantLogo(ctx, merchantId),
    createApiKey: (merchantId, mode) => createApiKey(ctx, merchantId, mode),
    revokeApiKey: (merchantId, keyId) => revokeApiKey(ctx, merchantId, keyId),
    setMerchantSecret: (merchantId, name, value) => setMerchantSecret(ctx, merchantId, name, value),
    async receiptLink(merchantId, receiptId) {
      const [receipt, merchant] = await Promise.all([
        ctx.store.receipts.get(merchantId, receiptId),
        ctx.store.merchants.get(merchantId),
      ]);
      if (!receipt || !merchant || receipt.status !== 'open') return null;
      return receiptUrl(ctx.publicUrl, receiptToken(ctx, receipt), merchant.branding.slug);
    },
    setMerchantPac: (merchantId, choice, credentials) => setMerchantPac(ctx, merchantId, choice, credentials),
  };
}
