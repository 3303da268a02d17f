/**
 * A merchant's connections to outside systems (issue #6): the public id of its account there (a Stripe
 * Connect account, routed to the merchant that connected it) and, for the connector's own use, its
 * connection secrets in the clear (webhook signing secrets, API keys; stored encrypted, invariant 7).
 */
import { AutofacturaError, isAutofacturaError } from '../errors.js';
import type { Merchant } from '../store/types.js';
import type { Context } from './context.js';
import { requireMerchant } from './merchant.js';

const NAME = /^[a-z0-9_.:-]{1,64}$/;

export interface ConnectionUseCases {
  /**
   * Sets (or, with null, removes) the merchant's account id at an outside system, e.g.
   * ('stripe.account', 'acct_123'). An account already connected to another merchant is refused with
   * CONNECTION_TAKEN (409).
   */
  setMerchantConnection(merchantId: string, name: string, value: string | null): Promise<Merchant>;
  /** The merchant that connected this account, or null. */
  merchantByConnection(name: string, value: string): Promise<Merchant | null>;
  /** A connection secret in the clear for the connector that needs it (never logged), or null. */
  connectionSecret(merchantId: string, name: string): Promise<string | null>;
  /**
   * A connection's non-secret setting (`merchant.connections[name]`, e.g. a generic webhook's mapping, a
   * PayPal webhook id), or null — also when the merchant does not exist.
   */
  connectionValue(merchantId: string, name: string): Promise<string | null>;
}

export function connectionUseCases(ctx: Context): ConnectionUseCases {
  return {
    async setMerchantConnection(merchantId, name, value) {
      if (!NAME.test(name)) throw new TypeError(`Invalid connection name ${name}`);
      const merchant = await requireMerchant(ctx, merchantId);
      const connections = { ...merchant.connections };
      if (value === null || value.trim() === '') delete connections[name];
      else connections[name] = value.trim();
      try {
        return await ctx.store.merchants.update({
          ...merchant,
          connections,
          updatedAt: ctx.clock.now().toISOString(),
        });
      } catch (error) {
        if (!isAutofacturaError(error) || error.code !== 'STORE_DUPLICATE') throw error;
        throw new AutofacturaError({
          code: 'CONNECTION_TAKEN',
          status: 409,
          message: `La cuenta ${value} ya está conectada a otro comercio; desconéctala de ese comercio primero.`,
          messageEn: `Account ${value} is already connected to another merchant; disconnect it there first.`,
          cause: error,
        });
      }
    },
    merchantByConnection: (name, value) => ctx.store.merchants.findByConnection(name, value),
    async connectionValue(merchantId, name) {
      const merchant = await ctx.store.merchants.get(merchantId);
      return merchant?.connections?.[name] ?? null;
    },
    async connectionSecret(merchantId, name) {
      const merchant = await ctx.store.merchants.get(merchantId);
      const secret = merchant?.secrets[name];
      return secret === undefined ? null : ctx.secrets.decryptString(secret);
    },
  };
}
