/**
 * The payment fetched back with the official SDK (`mercadopago`, Payment.get -> GET /v1/payments/{id}).
 * The SDK has no per-client base URL: its RestClient reads the static AppConfig.BASE_URL on each call, so
 * MERCADOPAGO_API_URL (a proxy; the local fake in tests) is set there right before the call — synchronously,
 * so concurrent calls cannot see another's value — and the default is put back when none is configured.
 * SDK errors become the connector's: a payment the token cannot see or a refused token are refusals the
 * merchant must fix (422); the API down, timing out or answering 5xx/429 is retriable (503).
 */
import {
  MercadoPagoConfig,
  MercadoPagoError,
  MPAuthenticationError,
  MPForbiddenError,
  Payment,
} from 'mercadopago';
import { AppConfig } from 'mercadopago/dist/utils/config/index.js';
import { apiUnavailable, mercadoPagoError } from './errors.js';
import type { MercadoPagoPayment } from './types.js';

const DEFAULT_BASE_URL = 'https://api.mercadopago.com';

export function setApiBaseUrl(url: string | undefined): void {
  (AppConfig as unknown as { BASE_URL: string }).BASE_URL = (url || DEFAULT_BASE_URL).replace(/\/+$/, '');
}

export async function fetchPayment(
  accessToken: string,
  id: string,
  options: { apiUrl?: string | undefined; timeoutMs?: number } = {},
): Promise<MercadoPagoPayment> {
  const config = new MercadoPagoConfig({
    accessToken,
    options: { timeout: options.timeoutMs ?? 10_000, maxRetries: 1, initialDelay: 200, maxDelay: 1000 },
  });
  setApiBaseUrl(options.apiUrl);
  try {
    return (await new Payment(config).get({ id })) as unknown as MercadoPagoPayment;
  } catch (error) {
    const status = error instanceof MercadoPagoError ? error.status : 0;
    if (status === 400 || status === 404) {
      throw mercadoPagoError(
        'MERCADOPAGO_PAYMENT_NOT_FOUND',
        `Mercado Pago no encuentra el pago ${id} con el access token guardado: usa el access token de la misma cuenta y aplicación que envía las notificaciones.`,
        `Mercado Pago cannot find payment ${id} with the stored access token: use the access token of the same account and application that sends the notifications.`,
        422,
        error,
      );
    }
    if (error instanceof MPAuthenticationError || error instanceof MPForbiddenError) {
      throw mercadoPagoError(
        'MERCADOPAGO_ACCESS_TOKEN_INVALID',
        'Mercado Pago rechazó el access token guardado: genera uno en Tus integraciones › Credenciales y guárdalo con "autofactura connect mercadopago --access-token".',
        'Mercado Pago refused the stored access token: create one in Your integrations › Credentials and store it with "autofactura connect mercadopago --access-token".',
        422,
        error,
      );
    }
    // The API down, a timeout, 5xx, 429 and the retriable 423/424: MercadoPago delivers again later.
    throw apiUnavailable(error);
  }
}
