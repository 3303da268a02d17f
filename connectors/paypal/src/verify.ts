/**
 * A delivery's authenticity, offline (pure: the certificate is given). PayPal signs
 * `<PAYPAL-TRANSMISSION-ID>|<PAYPAL-TRANSMISSION-TIME>|<webhook id>|<CRC32 of the raw body as an unsigned
 * decimal>` with SHA256withRSA; the signature is base64 in PAYPAL-TRANSMISSION-SIG and the certificate's
 * address in PAYPAL-CERT-URL (certs.ts fetches it only from PayPal). The webhook id is the merchant's own,
 * so an event signed for another webhook does not verify. `signPaypalTest` signs deliveries for tests.
 */
import { createSign, verify as verifySignature, type X509Certificate } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { paypalError } from './errors.js';

export interface TransmissionHeaders {
  transmissionId: string;
  transmissionTime: string;
  transmissionSig: string;
  certUrl: string;
  authAlgo: string;
}

/** The PAYPAL-* headers a delivery must carry; refuses a delivery without them. */
export function transmissionHeaders(headers: Record<string, string | undefined>): TransmissionHeaders {
  const read = (name: string) => headers[name]?.trim() || undefined;
  const out = {
    transmissionId: read('paypal-transmission-id'),
    transmissionTime: read('paypal-transmission-time'),
    transmissionSig: read('paypal-transmission-sig'),
    certUrl: read('paypal-cert-url'),
    authAlgo: read('paypal-auth-algo') ?? 'SHA256withRSA',
  };
  const missing = Object.entries(out)
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (missing.length > 0) {
    throw paypalError(
      'PAYPAL_SIGNATURE_MISSING',
      'Faltan los encabezados PAYPAL-TRANSMISSION-ID, -TIME, -SIG y PAYPAL-CERT-URL: solo se aceptan eventos firmados por PayPal.',
      'The PAYPAL-TRANSMISSION-ID, -TIME, -SIG and PAYPAL-CERT-URL headers are missing: only events signed by PayPal are accepted.',
      401,
    );
  }
  return out as TransmissionHeaders;
}

export function signedMessage(
  headers: Pick<TransmissionHeaders, 'transmissionId' | 'transmissionTime'>,
  webhookId: string,
  rawBody: Buffer,
): string {
  return `${headers.transmissionId}|${headers.transmissionTime}|${webhookId}|${crc32(rawBody)}`;
}

/** Refuses a transmission time that is unreadable, in the future (beyond 5 minutes) or older than maxAge. */
export function checkTransmissionTime(time: string, nowSeconds: number, maxAgeSeconds: number): void {
  const at = Date.parse(time) / 1000;
  if (Number.isNaN(at)) {
    throw paypalError(
      'PAYPAL_SIGNATURE_MALFORMED',
      `PAYPAL-TRANSMISSION-TIME no es una fecha (${time}).`,
      `PAYPAL-TRANSMISSION-TIME is not a date (${time}).`,
      401,
    );
  }
  if (nowSeconds - at > maxAgeSeconds || at - nowSeconds > 300) {
    throw paypalError(
      'PAYPAL_SIGNATURE_EXPIRED',
      `El evento se firmó el ${time}, fuera del periodo en que PayPal lo reintenta; revisa el reloj del servidor o reenvía el evento desde PayPal.`,
      `The event was signed at ${time}, outside the period in which PayPal retries it; check the server's clock or resend the event from PayPal.`,
      401,
    );
  }
}

export function verifyPaypalSignature(input: {
  rawBody: Buffer;
  headers: TransmissionHeaders;
  webhookId: string;
  certificate: X509Certificate;
  /** Seconds since the epoch. */
  now: number;
}): void {
  if (input.headers.authAlgo.toUpperCase() !== 'SHA256WITHRSA') {
    throw paypalError(
      'PAYPAL_SIGNATURE_MALFORMED',
      `PAYPAL-AUTH-ALGO ${input.headers.authAlgo} no es SHA256withRSA.`,
      `PAYPAL-AUTH-ALGO ${input.headers.authAlgo} is not SHA256withRSA.`,
      401,
    );
  }
  const now = new Date(input.now * 1000);
  if (now < new Date(input.certificate.validFrom) || now > new Date(input.certificate.validTo)) {
    throw paypalError(
      'PAYPAL_CERTIFICATE_EXPIRED',
      'El certificado de PAYPAL-CERT-URL no está vigente.',
      'The PAYPAL-CERT-URL certificate is not valid at this time.',
      401,
    );
  }
  const ok = verifySignature(
    'sha256',
    Buffer.from(signedMessage(input.headers, input.webhookId, input.rawBody)),
    input.certificate.publicKey,
    Buffer.from(input.headers.transmissionSig, 'base64'),
  );
  if (!ok) {
    throw paypalError(
      'PAYPAL_SIGNATURE_INVALID',
      'La firma del evento no corresponde a este webhook: revisa que el Webhook ID guardado ("autofactura connect paypal --webhook-id") sea el del webhook que apunta a esta URL en tu app de PayPal.',
      'The event signature does not match this webhook: check that the stored Webhook ID ("autofactura connect paypal --webhook-id") is that of the webhook pointing at this URL in your PayPal app.',
      401,
    );
  }
}

/** PAYPAL-TRANSMISSION-SIG for a body, as PayPal computes it (tests: a test key and certificate). */
export function signPaypalTest(input: {
  rawBody: Buffer | string;
  transmissionId: string;
  transmissionTime: string;
  webhookId: string;
  privateKeyPem: string;
}): string {
  const body = Buffer.isBuffer(input.rawBody) ? input.rawBody : Buffer.from(input.rawBody);
  return createSign('sha256')
    .update(signedMessage(input, input.webhookId, body))
    .sign(input.privateKeyPem, 'base64');
}
