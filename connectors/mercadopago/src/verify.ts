/**
 * The notification's authenticity (pure: no storage, no network). MercadoPago signs
 * `id:<data.id of the URL>;request-id:<x-request-id>;ts:<ts>;` with HMAC-SHA256 and the application's
 * webhook secret, and sends `x-signature: ts=<ts>,v1=<hex>`; a part whose value is missing is dropped
 * from the manifest. An alphanumeric data id is signed lower-cased. `ts` is in seconds (a value in
 * milliseconds is read as such); a signature older than the tolerance, or more than 5 minutes ahead, is
 * refused. The compare is
 * timing-safe; `signMercadoPagoTest` signs real notifications for tests.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mercadoPagoError } from './errors.js';

/** A ts this far ahead of the server's clock is refused (clock skew allowance). */
const FUTURE_SKEW_SECONDS = 300;

export interface SignatureInput {
  signature: string | undefined;
  requestId: string | undefined;
  dataId: string | undefined;
  secret: string;
  /** How old a ts may be, in seconds. */
  toleranceSeconds: number;
  /** Seconds since the epoch. */
  now: number;
}

const signedId = (dataId: string) => (/^[a-z0-9]+$/i.test(dataId) ? dataId.toLowerCase() : dataId);

export function manifest(dataId: string | undefined, requestId: string | undefined, ts: string): string {
  const parts: string[] = [];
  if (dataId) parts.push(`id:${signedId(dataId)}`);
  if (requestId) parts.push(`request-id:${requestId}`);
  parts.push(`ts:${ts}`);
  return `${parts.join(';')};`;
}

function parseHeader(header: string): { ts?: string; v1?: string } {
  const out: { ts?: string; v1?: string } = {};
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim();
    if (key === 'ts' || key === 'v1') out[key] = value;
  }
  return out;
}

const invalid = () =>
  mercadoPagoError(
    'MERCADOPAGO_SIGNATURE_INVALID',
    'La firma x-signature no corresponde a la clave secreta guardada: copia la clave secreta de Webhooks de tu aplicación en Mercado Pago (Tus integraciones › Webhooks) con "autofactura connect mercadopago --secret".',
    'The x-signature does not match the stored secret: copy your application\'s Webhooks secret from Mercado Pago (Your integrations › Webhooks) with "autofactura connect mercadopago --secret".',
    401,
  );

export function verifyMercadoPagoSignature(input: SignatureInput): { ts: number } {
  if (!(input.toleranceSeconds > 0)) throw new RangeError('A positive tolerance is required');
  if (!input.signature) {
    throw mercadoPagoError(
      'MERCADOPAGO_SIGNATURE_MISSING',
      'Falta el encabezado x-signature: solo se aceptan notificaciones Webhooks firmadas por Mercado Pago (no IPN).',
      'The x-signature header is missing: only Webhooks notifications signed by Mercado Pago are accepted (not IPN).',
      401,
    );
  }
  const { ts, v1 } = parseHeader(input.signature);
  if (!ts || !/^\d{1,16}$/.test(ts) || !v1 || !/^[0-9a-f]{64}$/i.test(v1)) {
    throw mercadoPagoError(
      'MERCADOPAGO_SIGNATURE_MALFORMED',
      'El encabezado x-signature debe tener la forma ts=<segundos>,v1=<hex de 64 caracteres>.',
      'The x-signature header must look like ts=<seconds>,v1=<64 hex characters>.',
      401,
    );
  }
  const expected = createHmac('sha256', input.secret)
    .update(manifest(input.dataId, input.requestId, ts))
    .digest();
  if (!timingSafeEqual(expected, Buffer.from(v1, 'hex'))) throw invalid();
  const raw = Number(ts);
  const seconds = raw > 1e11 ? raw / 1000 : raw;
  if (input.now - seconds > input.toleranceSeconds || seconds - input.now > FUTURE_SKEW_SECONDS) {
    throw mercadoPagoError(
      'MERCADOPAGO_SIGNATURE_EXPIRED',
      `La firma de la notificación (ts ${ts}) es de hace más de ${input.toleranceSeconds} s o de más de ${FUTURE_SKEW_SECONDS} s en el futuro: revisa el reloj del servidor, o reenvía la notificación desde Mercado Pago.`,
      `The notification's signature (ts ${ts}) is older than ${input.toleranceSeconds} s or more than ${FUTURE_SKEW_SECONDS} s in the future: check the server's clock, or resend the notification from Mercado Pago.`,
      401,
    );
  }
  return { ts: seconds };
}

/** `x-signature` for a notification, as MercadoPago computes it (tests, local tools). */
export function signMercadoPagoTest(input: {
  dataId?: string;
  requestId?: string;
  secret: string;
  ts: number;
}): string {
  const ts = String(input.ts);
  const v1 = createHmac('sha256', input.secret)
    .update(manifest(input.dataId, input.requestId, ts))
    .digest('hex');
  return `ts=${ts},v1=${v1}`;
}
