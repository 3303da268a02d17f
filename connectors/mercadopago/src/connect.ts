/**
 * Connecting Mercado Pago to a merchant — what `autofactura connect mercadopago` and the dashboard's form
 * both call: the webhook secret and the access token are checked (MERCADOPAGO_SETTINGS_INVALID, 422,
 * naming each problem) and stored encrypted through the facade.
 */
import type { Autofactura } from '../../../core/src/automation/types.js';
import {
  ACCESS_TOKEN_SECRET,
  type MercadoPagoConnection,
  mercadoPagoConnectionSchema,
  WEBHOOK_SECRET,
} from './config.js';
import { mercadoPagoError } from './errors.js';

export interface MercadoPagoConnectInput {
  secret: string;
  accessToken: string;
}

export async function connectMercadoPagoAccount(
  af: Autofactura,
  merchantId: string,
  input: MercadoPagoConnectInput,
): Promise<{ connectionId: 'mercadopago'; connection: MercadoPagoConnection }> {
  const checked = mercadoPagoConnectionSchema.safeParse(input);
  if (!checked.success) {
    const messages = checked.error.issues.map((issue) => issue.message.split(' / '));
    throw mercadoPagoError(
      'MERCADOPAGO_SETTINGS_INVALID',
      `${messages.map(([es]) => es).join('. ')}.`,
      `${messages.map(([es, en]) => en ?? es).join('. ')}.`,
      422,
    );
  }
  await af.setMerchantSecret(merchantId, WEBHOOK_SECRET, checked.data.secret);
  await af.setMerchantSecret(merchantId, ACCESS_TOKEN_SECRET, checked.data.accessToken);
  return { connectionId: 'mercadopago', connection: checked.data };
}
