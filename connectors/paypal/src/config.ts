/**
 * What a merchant's PayPal connection holds: the webhook's id (signed into every delivery), the
 * environment (live or sandbox), how deliveries are verified (offline, or through PayPal's API) and,
 * optionally, a REST app's client id and secret — needed to fetch the payer from the order and for the
 * API verification. The facade reads a merchant's connection values back only through connectionSecret,
 * so the settings are one JSON value in merchant.secrets (`paypal.settings`, encrypted like the client
 * secret, `paypal.client_secret`).
 */
import { z } from 'zod';

/** merchant.secrets key of the settings: JSON { webhook_id, environment, verification, client_id? }. */
export const SETTINGS_SECRET = 'paypal.settings';
/** merchant.secrets key of the REST app's secret. */
export const CLIENT_SECRET = 'paypal.client_secret';

export const API_URLS = {
  live: 'https://api-m.paypal.com',
  sandbox: 'https://api-m.sandbox.paypal.com',
} as const;

/**
 * How old a transmission may be: PayPal retries a delivery for up to 3 days, so older is stale (a replay
 * inside the window records nothing new: payments and refunds are idempotent on PayPal's ids).
 */
export const DEFAULT_MAX_AGE_SECONDS = 3 * 24 * 3600 + 3600;

export const paypalConnectionSchema = z
  .object({
    webhookId: z
      .string()
      .trim()
      .regex(
        /^[A-Za-z0-9-]{8,64}$/,
        'El Webhook ID es el id del webhook en tu app de PayPal (p. ej. 8PT597110X687430LKGECATA) / The Webhook ID is the id of the webhook in your PayPal app (e.g. 8PT597110X687430LKGECATA)',
      ),
    environment: z.enum(['live', 'sandbox']).default('live'),
    verification: z
      .enum(['offline', 'api'], {
        message: 'La verificación es offline o api / Verification is offline or api',
      })
      .default('offline'),
    clientId: z
      .string()
      .trim()
      .regex(
        /^[A-Za-z0-9_-]{16,128}$/,
        'El Client ID de la app de PayPal no es válido / The PayPal app Client ID is not valid',
      )
      .optional(),
    clientSecret: z
      .string()
      .trim()
      .regex(
        /^[A-Za-z0-9_-]{16,128}$/,
        'El Secret de la app de PayPal no es válido / The PayPal app Secret is not valid',
      )
      .optional(),
  })
  .refine((value) => !value.clientId === !value.clientSecret, {
    message:
      'Da juntos --client-id y --client-secret (las credenciales de la app REST) / Give --client-id and --client-secret together (the REST app credentials)',
  })
  .refine((value) => value.verification === 'offline' || value.clientId, {
    message:
      'La verificación por la API de PayPal necesita --client-id y --client-secret / Verification through the PayPal API needs --client-id and --client-secret',
  });

export type PaypalConnection = z.infer<typeof paypalConnectionSchema>;

export interface PaypalSettings {
  webhookId: string;
  environment: 'live' | 'sandbox';
  verification: 'offline' | 'api';
  clientId?: string;
}

export function formatSettings(connection: PaypalConnection): string {
  return JSON.stringify({
    webhook_id: connection.webhookId,
    environment: connection.environment,
    verification: connection.verification,
    ...(connection.clientId ? { client_id: connection.clientId } : {}),
  });
}

/** The stored settings, or null when they are missing or unreadable (not connected). */
export function parseSettings(text: string | null): PaypalSettings | null {
  if (!text) return null;
  try {
    const raw = JSON.parse(text) as Record<string, unknown>;
    if (typeof raw.webhook_id !== 'string' || !raw.webhook_id) return null;
    return {
      webhookId: raw.webhook_id,
      environment: raw.environment === 'sandbox' ? 'sandbox' : 'live',
      verification: raw.verification === 'api' ? 'api' : 'offline',
      ...(typeof raw.client_id === 'string' && raw.client_id ? { clientId: raw.client_id } : {}),
    };
  } catch {
    return null;
  }
}
