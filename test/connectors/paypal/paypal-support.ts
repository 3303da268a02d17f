/**
 * The PayPal tests' server: the gateway harness with the fake PayPal as PAYPAL_API_URL, merchant a
 * connected with its webhook id (and, when asked, the app's credentials and API verification), and a
 * poster that signs events as PayPal does with the fake's test certificate.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { connectPaypalAccount } from '../../../connectors/paypal/src/connect.js';
import { signPaypalTest } from '../../../connectors/paypal/src/verify.js';
import { type GatewayHarness, gatewayHarness } from '../mercadopago/harness.js';
import { CLIENT_ID, CLIENT_SECRET_VALUE, type FakePaypal, fakePaypal } from './fake-paypal.js';

const SAMPLES = new URL('../../../connectors/paypal/samples/', import.meta.url);

// biome-ignore lint/suspicious/noExplicitAny: samples are read and tweaked field by field
export type Json = any;

export const WEBHOOK_A = '8PT597110X687430LKGECATA';

export interface PaypalTest {
  h: GatewayHarness;
  fake: FakePaypal;
  sample(name: string): Promise<Json>;
  /** Connects merchant a: offline verification without credentials by default. */
  connect(options?: {
    credentials?: boolean;
    verification?: 'offline' | 'api';
    merchantId?: string;
    webhookId?: string;
  }): Promise<void>;
  post(
    event: Json | string,
    options?: {
      merchantId?: string;
      webhookId?: string;
      time?: string;
      certUrl?: string;
      signature?: string;
      headers?: Record<string, string | null>;
    },
  ): Promise<{ status: number; json: Json }>;
  close(): Promise<void>;
}

export async function paypalTest(): Promise<PaypalTest> {
  const fake = await fakePaypal();
  const h = await gatewayHarness({ paypal: fake.url });
  const t: PaypalTest = {
    h,
    fake,
    sample: async (name) => JSON.parse(await readFile(new URL(`${name}.json`, SAMPLES), 'utf8')),
    async connect(options = {}) {
      const merchantId = options.merchantId ?? h.merchantIds.a;
      const credentials = options.credentials || options.verification === 'api';
      await connectPaypalAccount(h.af, merchantId, {
        webhookId: options.webhookId ?? WEBHOOK_A,
        sandbox: true,
        verification: options.verification ?? 'offline',
        ...(credentials ? { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET_VALUE } : {}),
      });
    },
    async post(event, options = {}) {
      const payload = typeof event === 'string' ? event : JSON.stringify(event);
      const transmissionId = randomUUID();
      const transmissionTime = options.time ?? new Date().toISOString();
      const signature =
        options.signature ??
        signPaypalTest({
          rawBody: payload,
          transmissionId,
          transmissionTime,
          webhookId: options.webhookId ?? WEBHOOK_A,
          privateKeyPem: fake.privateKeyPem,
        });
      const headers: Record<string, string | null> = {
        'content-type': 'application/json',
        'paypal-transmission-id': transmissionId,
        'paypal-transmission-time': transmissionTime,
        'paypal-transmission-sig': signature,
        'paypal-cert-url': options.certUrl ?? fake.certUrl,
        'paypal-auth-algo': 'SHA256withRSA',
        ...options.headers,
      };
      const response = await fetch(`${h.url}/webhooks/paypal/${options.merchantId ?? h.merchantIds.a}`, {
        method: 'POST',
        headers: Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== null)) as Record<
          string,
          string
        >,
        body: payload,
      });
      return { status: response.status, json: await response.json() };
    },
    async close() {
      await h.close();
      await fake.close();
    },
  };
  return t;
}
