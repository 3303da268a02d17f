/**
 * What a merchant's MercadoPago connection holds, both encrypted in merchant.secrets: the application's
 * webhook secret ("Clave secreta" of Webhooks in Tus integraciones, signs every notification) and the
 * access token (APP_USR-... in production, TEST-... with test credentials) the payment is fetched with.
 */
import { z } from 'zod';

/** merchant.secrets key of the webhook secret. */
export const WEBHOOK_SECRET = 'mercadopago.webhook_secret';
/** merchant.secrets key of the access token. */
export const ACCESS_TOKEN_SECRET = 'mercadopago.access_token';
/**
 * How old a signed notification may be (its `ts` against the server's clock): MercadoPago retries an
 * unanswered notification for 4 days (at 5 min, 45 min, 6 h, 2 and 4 days), and a retry must not be lost
 * if it carries its first signature's ts. A replay inside the window only makes the connector fetch the
 * signed payment id again: the fetched payment is the truth and recording it is idempotent. A ts more
 * than 5 minutes in the future is refused too.
 */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 24 * 3600;

export const mercadoPagoConnectionSchema = z.object({
  secret: z
    .string()
    .trim()
    .regex(
      /^[A-Za-z0-9_-]{16,200}$/,
      'La clave secreta de Webhooks tiene 16 o más letras y dígitos; cópiala de Tus integraciones › Webhooks / The Webhooks secret has 16 or more letters and digits; copy it from Your integrations › Webhooks',
    ),
  accessToken: z
    .string()
    .trim()
    .regex(
      /^(APP_USR|TEST)-[A-Za-z0-9-]{10,250}$/,
      'El access token empieza con APP_USR- (producción) o TEST- (pruebas) / The access token starts with APP_USR- (production) or TEST- (test)',
    ),
});

export type MercadoPagoConnection = z.infer<typeof mercadoPagoConnectionSchema>;
