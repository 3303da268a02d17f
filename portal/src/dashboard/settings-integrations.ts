/** The PAC choice and gateway connections forms: what they show and how they save. */
import type { Autofactura } from '../../../core/src/automation/types.js';
import { AutofacturaError } from '../../../core/src/errors.js';
import type { Merchant } from '../../../core/src/store/types.js';
import { webError } from '../web/web-error.js';

type Body = Record<string, string | undefined>;

/** The merchant's secret name for the Stripe webhook endpoint's signing secret. */
export const STRIPE_SECRET = 'stripe.webhook_secret';
/** The optional Stripe API key (encrypted) and Connect account (connectors/stripe/src/config.ts). */
const STRIPE_API_KEY = 'stripe.api_key';
const STRIPE_ACCOUNT = 'stripe.account';

export function connectionsLocals(merchant: Merchant, publicUrl: string) {
  return {
    stripeUrl: `${publicUrl}/webhooks/stripe/${merchant.id}`,
    stripeConfigured: merchant.secrets[STRIPE_SECRET] !== undefined,
    stripeAccount: merchant.connections?.[STRIPE_ACCOUNT] ?? '',
    stripeApiKeySaved: merchant.secrets[STRIPE_API_KEY] !== undefined,
  };
}

function invalidField(path: string, code: string, message: string, messageEn: string): AutofacturaError {
  return new AutofacturaError({
    code,
    status: 422,
    message,
    messageEn,
    details: [{ code, path, message, messageEn }],
  });
}

export async function savePac(af: Autofactura, merchantId: string, body: Body): Promise<void> {
  const choice = body.pac === 'finkok' || body.pac === 'sw' ? body.pac : 'sandbox';
  const credentials = {
    ...(body.pacUser?.trim() ? { user: body.pacUser.trim() } : {}),
    ...(body.pacPassword ? { password: body.pacPassword } : {}),
    ...(body.pacToken?.trim() ? { token: body.pacToken.trim() } : {}),
    production: body.pacProduction === '1',
  };
  await af.setMerchantPac(merchantId, choice, credentials);
}

export async function saveConnections(af: Autofactura, merchantId: string, body: Body): Promise<void> {
  const secret = (body.stripeSecret ?? '').trim();
  const account = (body.stripeAccount ?? '').trim();
  const apiKey = (body.stripeApiKey ?? '').trim();
  // Everything is checked before anything is saved.
  if (secret !== '' && !/^whsec_[A-Za-z0-9+/=_-]{16,200}$/.test(secret)) {
    throw webError(
      422,
      'STRIPE_SECRET_INVALID',
      'El secreto de firma de Stripe empieza con whsec_; cópialo de Desarrolladores › Webhooks › tu endpoint › Secreto de firma.',
      "Stripe's signing secret starts with whsec_; copy it from Developers › Webhooks › your endpoint › Signing secret.",
    );
  }
  if (account !== '' && !/^acct_[A-Za-z0-9]{8,64}$/.test(account)) {
    throw invalidField(
      'stripeAccount',
      'STRIPE_ACCOUNT_INVALID',
      'La cuenta conectada de Stripe empieza con acct_ (Configuración › Detalles de la cuenta); déjala vacía si no usas Connect.',
      "Stripe's connected account id starts with acct_ (Settings › Account details); leave it empty if you do not use Connect.",
    );
  }
  if (apiKey !== '' && !/^(rk|sk)_(test|live)_[A-Za-z0-9]{10,200}$/.test(apiKey)) {
    throw invalidField(
      'stripeApiKey',
      'STRIPE_API_KEY_INVALID',
      'La llave de API de Stripe empieza con rk_live_ o rk_test_ (restringida, recomendada) o sk_; créala en Desarrolladores › Llaves de API.',
      "Stripe's API key starts with rk_live_ or rk_test_ (restricted, recommended) or sk_; create it in Developers › API keys.",
    );
  }
  if (secret !== '') await af.setMerchantSecret(merchantId, STRIPE_SECRET, secret);
  // The form shows the linked account: emptying the field unlinks it.
  if (body.stripeAccount !== undefined) {
    await af.setMerchantConnection(merchantId, STRIPE_ACCOUNT, account === '' ? null : account);
  }
  if (apiKey !== '') await af.setMerchantSecret(merchantId, STRIPE_API_KEY, apiKey);
  else if (body.stripeApiKeyRemove === '1') await af.setMerchantSecret(merchantId, STRIPE_API_KEY, null);
}
