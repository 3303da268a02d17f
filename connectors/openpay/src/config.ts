/**
 * What a merchant's OpenPay connection holds (all in merchant.secrets, read through the facade): the
 * user and password set on the webhook in OpenPay's panel (OpenPay sends them as HTTP Basic auth on
 * every notification), and optionally the merchant id and private API key with which the connector
 * re-fetches each charge from OpenPay's API before recording it — the stronger check, since OpenPay
 * does not sign notifications — plus whether those keys are the sandbox's.
 */
import { z } from 'zod';

export const USER_SECRET = 'openpay.webhook_user';
export const PASSWORD_SECRET = 'openpay.webhook_password';
export const MERCHANT_ID_SECRET = 'openpay.merchant_id';
export const PRIVATE_KEY_SECRET = 'openpay.private_key';
/** 'sandbox' or 'production' (default). */
export const ENVIRONMENT_SECRET = 'openpay.environment';

export const PRODUCTION_API = 'https://api.openpay.mx';
export const SANDBOX_API = 'https://sandbox-api.openpay.mx';

export const openpayConnectionSchema = z
  .object({
    user: z
      .string()
      .min(1, 'Indica el usuario del webhook / Give the webhook user')
      .max(200)
      .refine((v) => !v.includes(':'), 'El usuario no puede llevar ":" / The user cannot contain ":"'),
    password: z
      .string()
      .min(
        8,
        'La contraseña del webhook debe tener al menos 8 caracteres / The webhook password needs 8 characters or more',
      )
      .max(200),
    merchantId: z
      .string()
      .regex(
        /^m[a-z0-9]{19}$/,
        'El ID de comercio de OpenPay empieza con m y tiene 20 caracteres / The OpenPay merchant id starts with m and has 20 characters',
      )
      .optional(),
    privateKey: z
      .string()
      .regex(
        /^sk_[a-z0-9]{32}$/,
        'La llave privada de OpenPay empieza con sk_ / The OpenPay private key starts with sk_',
      )
      .optional(),
    sandbox: z.boolean().default(false),
  })
  .refine((c) => Boolean(c.merchantId) === Boolean(c.privateKey), {
    message:
      'Da --merchant-id y --private-key juntos (o ninguno) / Give --merchant-id and --private-key together (or neither)',
  });

export type OpenpayConnection = z.infer<typeof openpayConnectionSchema>;
