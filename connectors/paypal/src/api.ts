/**
 * PayPal's REST API, for the two calls the connector makes back: the order (its payer, when the capture
 * does not carry one) and, when the merchant chose it, the verification of a delivery
 * (POST /v1/notifications/verify-webhook-signature). Plain fetch: the official server SDK
 * (@paypal/paypal-server-sdk) only targets api-m.paypal.com / api-m.sandbox.paypal.com — its base URL
 * cannot be changed for a proxy or a local fake — and has no webhook verification call. OAuth tokens
 * (client credentials) are cached until shortly before they expire.
 */
import { paypalError, paypalUnavailable } from './errors.js';

export interface PaypalCredentials {
  clientId: string;
  clientSecret: string;
}

export interface PaypalOrder {
  id: string;
  payer?: {
    email_address?: string;
    payer_id?: string;
    name?: { given_name?: string; surname?: string };
  };
  payment_source?: {
    paypal?: {
      email_address?: string;
      account_id?: string;
      name?: { given_name?: string; surname?: string };
    };
    card?: { type?: string; brand?: string; name?: string };
  };
}

export interface PaypalApi {
  order(base: string, credentials: PaypalCredentials, orderId: string): Promise<PaypalOrder | null>;
  verifySignature(
    base: string,
    credentials: PaypalCredentials,
    input: {
      authAlgo: string;
      certUrl: string;
      transmissionId: string;
      transmissionSig: string;
      transmissionTime: string;
      webhookId: string;
      rawBody: Buffer;
    },
  ): Promise<boolean>;
}

const credentialsRefused = (cause?: unknown) =>
  paypalError(
    'PAYPAL_CREDENTIALS_INVALID',
    'PayPal rechazó el Client ID y Secret guardados: cópialos de tu app REST en developer.paypal.com y guárdalos con "autofactura connect paypal --client-id --client-secret"; PayPal reenviará el evento.',
    'PayPal refused the stored Client ID and Secret: copy them from your REST app at developer.paypal.com and store them with "autofactura connect paypal --client-id --client-secret"; PayPal will resend the event.',
    422,
    cause,
  );

export function paypalApi(): PaypalApi {
  const tokens = new Map<string, { token: string; until: number }>();

  async function call(url: string, init: RequestInit, what: [string, string]): Promise<Response> {
    try {
      return await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(15_000) });
    } catch (error) {
      throw paypalUnavailable(what[0], what[1], error);
    }
  }

  async function token(base: string, credentials: PaypalCredentials): Promise<string> {
    const key = `${base} ${credentials.clientId}`;
    const cached = tokens.get(key);
    if (cached && cached.until > Date.now()) return cached.token;
    const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64');
    const response = await call(
      `${base}/v1/oauth2/token`,
      {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      },
      ['un token de acceso', 'an access token'],
    );
    if (response.status === 400 || response.status === 401) throw credentialsRefused();
    if (!response.ok)
      throw paypalUnavailable('un token de acceso', 'an access token', new Error(`HTTP ${response.status}`));
    const body = (await response.json()) as { access_token?: string; expires_in?: number };
    if (!body.access_token) throw paypalUnavailable('un token de acceso', 'an access token', body);
    tokens.set(key, {
      token: body.access_token,
      until: Date.now() + Math.max(0, (body.expires_in ?? 300) - 60) * 1000,
    });
    return body.access_token;
  }

  async function authorized(
    base: string,
    credentials: PaypalCredentials,
    path: string,
    init: RequestInit,
    what: [string, string],
  ): Promise<Response> {
    const response = await call(
      `${base}${path}`,
      {
        ...init,
        headers: {
          ...(init.headers as Record<string, string>),
          authorization: `Bearer ${await token(base, credentials)}`,
        },
      },
      what,
    );
    if (response.status === 401 || response.status === 403) {
      tokens.clear();
      throw credentialsRefused();
    }
    if (response.status >= 500 || response.status === 429)
      throw paypalUnavailable(what[0], what[1], new Error(`HTTP ${response.status}`));
    return response;
  }

  return {
    async order(base, credentials, orderId) {
      const what: [string, string] = [`la orden ${orderId}`, `order ${orderId}`];
      const response = await authorized(
        base,
        credentials,
        `/v2/checkout/orders/${encodeURIComponent(orderId)}`,
        { method: 'GET' },
        what,
      );
      if (response.status === 404) return null;
      if (!response.ok) throw paypalUnavailable(what[0], what[1], new Error(`HTTP ${response.status}`));
      return (await response.json()) as PaypalOrder;
    },
    async verifySignature(base, credentials, input) {
      // The event goes as the exact bytes received (a re-serialized event can fail PayPal's check).
      const head = JSON.stringify({
        auth_algo: input.authAlgo,
        cert_url: input.certUrl,
        transmission_id: input.transmissionId,
        transmission_sig: input.transmissionSig,
        transmission_time: input.transmissionTime,
        webhook_id: input.webhookId,
      });
      const body = `${head.slice(0, -1)},"webhook_event":${input.rawBody.toString('utf8')}}`;
      const what: [string, string] = ['la verificación de la firma', 'the signature verification'];
      const response = await authorized(
        base,
        credentials,
        '/v1/notifications/verify-webhook-signature',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body },
        what,
      );
      if (response.status === 400 || response.status === 422) return false;
      if (!response.ok) throw paypalUnavailable(what[0], what[1], new Error(`HTTP ${response.status}`));
      const answer = (await response.json()) as { verification_status?: string };
      return answer.verification_status === 'SUCCESS';
    },
  };
}
