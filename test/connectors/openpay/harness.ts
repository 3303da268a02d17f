/**
 * The OpenPay webhook through a real server: merchant a connected with a webhook user and password and
 * API keys pointed (OPENPAY_API_URL) at a local fake OpenPay; merchant b with a user and password only
 * (no re-fetch). Notifications are sent with Basic auth, as OpenPay sends them.
 */
import { connectOpenpayAccount } from '../../../connectors/openpay/src/connect.js';
import { basicAuthHeader } from '../../../connectors/openpay/src/verify.js';
import { type GatewayHarness, gatewayHarness, type Posted, type Sample } from '../conekta/gateway-harness.js';
import { type FakeOpenpay, fakeOpenpay } from './fake-openpay.js';

export type { Sample };

export const OPENPAY_MERCHANT = 'mzdtln0bmtms6o3kck8f';
export const OPENPAY_KEY = 'sk_e568c42a6c384b7ab02cd47d2e407cab';

export interface OpenpayHarness extends GatewayHarness {
  fake: FakeOpenpay;
  credentials: { a: { user: string; password: string }; b: { user: string; password: string } };
  /** Posts a notification with Basic auth (default merchant a's); `authorization: null` sends none. */
  send(
    body: Sample | string,
    options?: { merchantId?: string; user?: string; password?: string; authorization?: string | null },
  ): Promise<Posted>;
  /** Puts the notification's transaction in the fake API (what OpenPay itself would answer). */
  known(note: Sample): void;
}

export async function openpayHarness(): Promise<OpenpayHarness> {
  const fake = await fakeOpenpay(OPENPAY_MERCHANT, OPENPAY_KEY);
  const h = await gatewayHarness('openpay', { gatewayApis: { openpay: fake.url } });
  const credentials = {
    a: { user: 'autofactura-kemper', password: 'w3bh00k-Kemper-2026' },
    b: { user: 'autofactura-otro', password: 'otro-Comercio-pass-99' },
  };
  // Connected as the CLI and the dashboard connect them: a with API keys (re-fetch), b without.
  await connectOpenpayAccount(h.af, h.merchantIds.a, {
    ...credentials.a,
    merchantId: OPENPAY_MERCHANT,
    privateKey: OPENPAY_KEY,
  });
  await connectOpenpayAccount(h.af, h.merchantIds.b, credentials.b);
  return {
    ...h,
    fake,
    credentials,
    send(note, options = {}) {
      const body = typeof note === 'string' ? note : JSON.stringify(note);
      const merchantId = options.merchantId ?? h.merchantIds.a;
      const own = merchantId === h.merchantIds.b ? credentials.b : credentials.a;
      const authorization =
        options.authorization !== undefined
          ? options.authorization
          : basicAuthHeader(options.user ?? own.user, options.password ?? own.password);
      return h.post(`/webhooks/openpay/${merchantId}`, body, authorization !== null ? { authorization } : {});
    },
    known(note) {
      fake.charges.set(note.transaction.id, structuredClone(note.transaction));
    },
    async close() {
      await h.close();
      await fake.close();
    },
  };
}
