/**
 * Connecting OpenPay to a merchant — what `autofactura connect openpay` and the dashboard's form both
 * call: the settings are checked (OPENPAY_SETTINGS_INVALID, 422, naming each problem) and stored
 * encrypted through the facade. Connecting again replaces everything: API keys not given are removed.
 */
import type { Autofactura } from '../../../core/src/automation/types.js';
import {
  ENVIRONMENT_SECRET,
  MERCHANT_ID_SECRET,
  type OpenpayConnection,
  openpayConnectionSchema,
  PASSWORD_SECRET,
  PRIVATE_KEY_SECRET,
  USER_SECRET,
} from './config.js';
import { openpayError } from './errors.js';

export interface OpenpayConnectInput {
  user: string;
  password: string;
  merchantId?: string | undefined;
  privateKey?: string | undefined;
  sandbox?: boolean | undefined;
}

export async function connectOpenpayAccount(
  af: Autofactura,
  merchantId: string,
  input: OpenpayConnectInput,
): Promise<{ connectionId: 'openpay'; connection: OpenpayConnection }> {
  const checked = openpayConnectionSchema.safeParse({
    user: input.user,
    password: input.password,
    ...(input.merchantId?.trim() ? { merchantId: input.merchantId.trim() } : {}),
    ...(input.privateKey?.trim() ? { privateKey: input.privateKey.trim() } : {}),
    sandbox: input.sandbox === true,
  });
  if (!checked.success) {
    const messages = checked.error.issues.map((issue) => issue.message.split(' / '));
    throw openpayError(
      'OPENPAY_SETTINGS_INVALID',
      `${messages.map(([es]) => es).join('. ')}.`,
      `${messages.map(([es, en]) => en ?? es).join('. ')}.`,
      422,
    );
  }
  const c = checked.data;
  const set = (name: string, value: string | null) => af.setMerchantSecret(merchantId, name, value);
  await set(USER_SECRET, c.user);
  await set(PASSWORD_SECRET, c.password);
  await set(MERCHANT_ID_SECRET, c.merchantId ?? null);
  await set(PRIVATE_KEY_SECRET, c.privateKey ?? null);
  await set(ENVIRONMENT_SECRET, c.sandbox ? 'sandbox' : null);
  return { connectionId: 'openpay', connection: c };
}
