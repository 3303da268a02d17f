/**
 * Re-fetching a charge from OpenPay's REST API: `GET {base}/v1/{merchantId}/charges/{transactionId}`
 * with HTTP Basic auth (the private key as user, no password), as OpenPay's API reference documents.
 * The official `openpay` npm package is not used: its base URL is a module-wide constant
 * (Openpay.BASE_URL / SANDBOX_URL) rather than a per-client option, and it pulls in the deprecated
 * `request` library; this one call needs neither. The base URL comes from OPENPAY_API_URL (tests: a
 * local fake), else production or sandbox as the merchant connected.
 */
import { openpayError } from './errors.js';
import { type OpenpayTransaction, transactionSchema } from './schema.js';

export interface OpenpayApi {
  baseUrl: string;
  merchantId: string;
  privateKey: string;
  timeoutMs?: number;
}

const unavailable = (detail: string, cause?: unknown) =>
  openpayError(
    'OPENPAY_API_UNAVAILABLE',
    `No se pudo consultar el cargo en la API de OpenPay (${detail}); OpenPay reenviará la notificación y se registrará entonces.`,
    `The charge could not be fetched from OpenPay's API (${detail}); OpenPay will send the notification again and it will be recorded then.`,
    503,
    cause,
  );

/** The charge as OpenPay's API has it, or null when OpenPay does not know it (404). */
export async function fetchCharge(
  api: OpenpayApi,
  transactionId: string,
): Promise<OpenpayTransaction | null> {
  const base = api.baseUrl.replace(/\/+$/, '');
  const url = `${base}/v1/${encodeURIComponent(api.merchantId)}/charges/${encodeURIComponent(transactionId)}`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: {
        authorization: `Basic ${Buffer.from(`${api.privateKey}:`).toString('base64')}`,
        accept: 'application/json',
      },
      signal: AbortSignal.timeout(api.timeoutMs ?? 15_000),
    });
  } catch (error) {
    throw unavailable(error instanceof Error ? error.message : 'network', error);
  }
  if (response.status === 404) return null;
  if (response.status === 401 || response.status === 403) {
    // The merchant's keys are wrong: refusing would lose the payment, so it stays retriable while they fix it.
    throw openpayError(
      'OPENPAY_API_KEYS_REJECTED',
      'OpenPay rechazó el ID de comercio o la llave privada guardados: corrígelos con "autofactura connect openpay --merchant-id --private-key"; OpenPay reenviará la notificación.',
      'OpenPay refused the stored merchant id or private key: fix them with "autofactura connect openpay --merchant-id --private-key"; OpenPay will send the notification again.',
      502,
    );
  }
  if (!response.ok) throw unavailable(`HTTP ${response.status}`);
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    throw unavailable('invalid JSON', error);
  }
  const parsed = transactionSchema.safeParse(body);
  if (!parsed.success) throw unavailable('unexpected charge shape');
  return parsed.data;
}
