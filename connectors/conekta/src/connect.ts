/**
 * Connecting Conekta to a merchant — what `autofactura connect conekta` and the dashboard's form both
 * call: the public key is checked as an RSA public key (CONEKTA_SETTINGS_INVALID, 422, saying what to
 * give otherwise) and stored through the facade in merchant.secrets.
 */
import type { Autofactura } from '../../../core/src/automation/types.js';
import { conektaConnectionSchema, PUBLIC_KEY_SECRET } from './config.js';
import { conektaError } from './errors.js';

export async function connectConektaAccount(
  af: Autofactura,
  merchantId: string,
  input: { publicKey: string },
): Promise<{ connectionId: 'conekta' }> {
  const checked = conektaConnectionSchema.safeParse({ publicKey: input.publicKey?.trim() ?? '' });
  if (!checked.success) {
    const [es, en] = checked.error.issues[0]!.message.split(' / ');
    throw conektaError('CONEKTA_SETTINGS_INVALID', `${es}.`, `${en ?? es}.`, 422);
  }
  await af.setMerchantSecret(merchantId, PUBLIC_KEY_SECRET, `${checked.data.publicKey}\n`);
  return { connectionId: 'conekta' };
}
