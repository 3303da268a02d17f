/**
 * What a merchant's Stripe connection holds: the webhook endpoint's signing secret and, optionally, a
 * restricted API key (both encrypted in merchant.secrets), the Connect account whose events are theirs
 * (merchant.connections), and the signature tolerance. The c_FormaPago of each Stripe payment method
 * comes from the merchant's settings.paymentForms (credit 04, debit 28, OXXO cash 01, SPEI transfer 03
 * by default), so a merchant overrides it there.
 */
import { z } from 'zod';

/** merchant.secrets key of the webhook endpoint's signing secret (the dashboard writes the same). */
export const WEBHOOK_SECRET = 'stripe.webhook_secret';
/** merchant.secrets key of the optional API key (restricted keys rk_ recommended). */
export const API_KEY_SECRET = 'stripe.api_key';
/** merchant.connections key of the Stripe Connect account id. */
export const ACCOUNT_CONNECTION = 'stripe.account';
/** Seconds a signed event stays acceptable (Stripe's own default). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export const stripeConnectionSchema = z.object({
  webhookSecret: z
    .string()
    .regex(
      /^whsec_[A-Za-z0-9+/=_-]{16,200}$/,
      'El secreto de firma empieza con whsec_ / The signing secret starts with whsec_',
    ),
  account: z
    .string()
    .regex(
      /^acct_[A-Za-z0-9]{6,64}$/,
      'La cuenta conectada empieza con acct_ / The connected account starts with acct_',
    )
    .optional(),
  apiKey: z
    .string()
    .regex(
      /^(sk|rk)_(test|live)_[A-Za-z0-9]{8,250}$/,
      'La llave API empieza con rk_ o sk_ / The API key starts with rk_ or sk_',
    )
    .optional(),
  toleranceSeconds: z.number().int().min(1).max(3600).default(DEFAULT_TOLERANCE_SECONDS),
});

export type StripeConnection = z.infer<typeof stripeConnectionSchema>;
