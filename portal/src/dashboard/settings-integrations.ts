/** The PAC choice and gateway connections forms: what they show and how they save. */
import type { Autofactura } from '../../../core/src/automation/types.js';
import type { Merchant } from '../../../core/src/store/types.js';
import { webError } from '../web/web-error.js';

type Body = Record<string, string | undefined>;

/** The merchant's secret name for the Stripe webhook endpoint's signing secret. */
export const STRIPE_SECRET = 'stripe.webhook_secret';

export function connectionsLocals(merchant: Merchant, publicUrl: string) {
  return {
    stripeUrl: `${publicUrl}/webhooks/stripe/${merchant.id}`,
    stripeConfigured: merchant.secrets[STRIPE_SECRET] !== undefined,
  };
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
  if (secret === '') return;
  if (!/^whsec_[A-Za-z0-9+/=_-]{16,200}$/.test(secret)) {
    throw webError(
      422,
      'STRIPE_SECRET_INVALID',
      'El secreto de firma de Stripe empieza con whsec_; cópialo de Desarrolladores › Webhooks › tu endpoint › Secreto de firma.',
      "Stripe's signing secret starts with whsec_; copy it from Developers › Webhooks › your endpoint › Signing secret.",
    );
  }
  await af.setMerchantSecret(merchantId, STRIPE_SECRET, secret);
}
