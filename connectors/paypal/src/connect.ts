/**
 * Connecting PayPal to a merchant — what `autofactura connect paypal` and the dashboard's form both call:
 * the settings are checked (PAYPAL_SETTINGS_INVALID, 422, naming each problem) and stored encrypted
 * through the facade. Connecting again replaces everything: a client secret not given is removed.
 */
import type { Autofactura } from '../../../core/src/automation/types.js';
import {
  CLIENT_SECRET,
  formatSettings,
  type PaypalConnection,
  paypalConnectionSchema,
  SETTINGS_SECRET,
} from './config.js';
import { paypalError } from './errors.js';

export interface PaypalConnectInput {
  webhookId: string;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  sandbox?: boolean | undefined;
  /** 'offline' (default) or 'api' (needs the client id and secret). */
  verification?: string | undefined;
}

export async function connectPaypalAccount(
  af: Autofactura,
  merchantId: string,
  input: PaypalConnectInput,
): Promise<{ connectionId: 'paypal'; connection: PaypalConnection }> {
  const checked = paypalConnectionSchema.safeParse({
    webhookId: input.webhookId,
    environment: input.sandbox ? 'sandbox' : 'live',
    verification: input.verification?.trim() || 'offline',
    ...(input.clientId?.trim() ? { clientId: input.clientId.trim() } : {}),
    ...(input.clientSecret?.trim() ? { clientSecret: input.clientSecret.trim() } : {}),
  });
  if (!checked.success) {
    const messages = checked.error.issues.map((issue) => issue.message.split(' / '));
    throw paypalError(
      'PAYPAL_SETTINGS_INVALID',
      `${messages.map(([es]) => es).join('. ')}.`,
      `${messages.map(([es, en]) => en ?? es).join('. ')}.`,
      422,
    );
  }
  const c = checked.data;
  await af.setMerchantSecret(merchantId, SETTINGS_SECRET, formatSettings(c));
  await af.setMerchantSecret(merchantId, CLIENT_SECRET, c.clientSecret ?? null);
  return { connectionId: 'paypal', connection: c };
}
