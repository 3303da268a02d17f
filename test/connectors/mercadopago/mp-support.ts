/**
 * The MercadoPago tests' server: the gateway harness with the fake API, merchant a connected (webhook
 * secret + access token), and a poster that signs thin notifications as MercadoPago does.
 */
import { readFile } from 'node:fs/promises';
import { connectMercadoPagoAccount } from '../../../connectors/mercadopago/src/connect.js';
import { signMercadoPagoTest } from '../../../connectors/mercadopago/src/verify.js';
import { type FakeMercadoPago, fakeMercadoPago } from './fake-mercadopago.js';
import { type GatewayHarness, gatewayHarness } from './harness.js';

const SAMPLES = new URL('../../../connectors/mercadopago/samples/', import.meta.url);

// biome-ignore lint/suspicious/noExplicitAny: samples are read and tweaked field by field
export type Json = any;

export const SECRET_A = 'mpwhsec0123456789abcdefKemper';
export const TOKEN_A = 'APP_USR-1188183100-112016-0f3c1a2b3c4d5e6f7a8b9c0d1e2f3a4b-1188183100';

export interface MpTest {
  h: GatewayHarness;
  fake: FakeMercadoPago;
  sample(name: string): Promise<Json>;
  /** Puts a payment sample on the fake (readable with merchant a's token). */
  serve(payment: Json): void;
  post(
    paymentId: string | number,
    options?: {
      body?: Json | string;
      merchantId?: string;
      secret?: string;
      ts?: number;
      requestId?: string;
      signature?: string | null;
      query?: string;
    },
  ): Promise<{ status: number; json: Json }>;
  close(): Promise<void>;
}

let sequence = 0;

export async function mpTest(): Promise<MpTest> {
  const fake = await fakeMercadoPago();
  const h = await gatewayHarness({ mercadopago: fake.url });
  await connectMercadoPagoAccount(h.af, h.merchantIds.a, { secret: SECRET_A, accessToken: TOKEN_A });
  const sample = async (name: string) => JSON.parse(await readFile(new URL(`${name}.json`, SAMPLES), 'utf8'));
  const notification = await sample('notification.payment.updated');
  return {
    h,
    fake,
    sample,
    serve(payment) {
      fake.payments.set(String(payment.id), { token: TOKEN_A, payment });
    },
    async post(paymentId, options = {}) {
      const dataId = String(paymentId);
      const body =
        options.body !== undefined
          ? options.body
          : { ...notification, id: 116010429581 + ++sequence, data: { id: dataId } };
      const payload = typeof body === 'string' ? body : JSON.stringify(body);
      const requestId = options.requestId ?? `bb56a2f1-6aae-46ac-982e-9dcd3581d08e-${++sequence}`;
      const signature =
        options.signature !== undefined
          ? options.signature
          : signMercadoPagoTest({
              dataId,
              requestId,
              secret: options.secret ?? SECRET_A,
              ts: options.ts ?? Math.floor(Date.now() / 1000),
            });
      const query = options.query ?? `data.id=${encodeURIComponent(dataId)}&type=payment`;
      const response = await fetch(
        `${h.url}/webhooks/mercadopago/${options.merchantId ?? h.merchantIds.a}?${query}`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-request-id': requestId,
            ...(signature !== null ? { 'x-signature': signature } : {}),
          },
          body: payload,
        },
      );
      return { status: response.status, json: await response.json() };
    },
    async close() {
      await h.close();
      await fake.close();
    },
  };
}
