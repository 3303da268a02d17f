/**
 * What a merchant's Stripe connection holds: the webhook endpoint's signing secret and, optionally, a
 * restricted API key (both encrypted in merchant.secrets), the Connect account whose events are theirs
 * (merchant.connections), the signature tolerance, and the c_FormaPago per Stripe payment kind when the
 * merchant wants other than its settings' (credit 04, debit and prepaid 28, OXXO 01, SPEI 03), kept as
 * merchant.connections['stripe.payment_forms'] = "debit=28,prepaid=04".
 */
import { z } from 'zod';
import { getCatalogs } from '../../../core/src/catalogs/index.js';
import { STRIPE_KINDS, type StripeKind } from './payment-method.js';

/** merchant.secrets key of the webhook endpoint's signing secret (the dashboard writes the same). */
export const WEBHOOK_SECRET = 'stripe.webhook_secret';
/** merchant.secrets key of the optional API key (restricted keys rk_ recommended). */
export const API_KEY_SECRET = 'stripe.api_key';
/** merchant.connections key of the Stripe Connect account id. */
export const ACCOUNT_CONNECTION = 'stripe.account';
/** merchant.connections key of the per-kind c_FormaPago overrides. */
export const PAYMENT_FORMS_CONNECTION = 'stripe.payment_forms';
/** Seconds a signed event stays acceptable (Stripe's own default). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export type PaymentForms = Partial<Record<StripeKind, string>>;

/** "credit=04,debit=28" -> { credit: '04', debit: '28' }; throws on an unknown kind or form. */
export function parsePaymentForms(text: string): PaymentForms {
  const out: PaymentForms = {};
  for (const pair of text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [kind, form] = pair.split('=').map((part) => part.trim());
    if (!STRIPE_KINDS.includes(kind as StripeKind) || !form || !getCatalogs().formaPago.has(form)) {
      throw new RangeError(
        `"${pair}": usa tipo=forma con tipo en ${STRIPE_KINDS.join(', ')} y una forma del catálogo c_FormaPago (p. ej. debit=28) / ` +
          `use kind=form with kind in ${STRIPE_KINDS.join(', ')} and a c_FormaPago form (e.g. debit=28)`,
      );
    }
    out[kind as StripeKind] = form;
  }
  return out;
}

export function formatPaymentForms(forms: PaymentForms): string {
  return Object.entries(forms)
    .map(([kind, form]) => `${kind}=${form}`)
    .join(',');
}

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
  paymentForms: z
    .string()
    .transform((text, ctx) => {
      try {
        return parsePaymentForms(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    })
    .optional(),
});

export type StripeConnection = z.infer<typeof stripeConnectionSchema>;
