/**
 * The Conekta webhook through a real server: merchant a connected with the public half of a freshly
 * generated RSA key pair (as `POST /webhook_keys` gives one), merchant b with another; samples signed
 * with the private half the way Conekta signs them (DIGEST = RSA-SHA256 of the raw body, base64).
 */
import { generateKeyPairSync } from 'node:crypto';
import { connectConektaAccount } from '../../../connectors/conekta/src/connect.js';
import { conektaTestDigest } from '../../../connectors/conekta/src/verify.js';
import { type GatewayHarness, gatewayHarness, type Posted, type Sample } from './gateway-harness.js';

export type { Sample };

const pair = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });

export interface ConektaHarness extends GatewayHarness {
  keys: { a: { publicKey: string; privateKey: string }; b: { publicKey: string; privateKey: string } };
  /** Posts an event signed with `privateKey` (default merchant a's); `digest: null` sends none. */
  send(
    event: Sample | string,
    options?: { merchantId?: string; privateKey?: string; digest?: string | null },
  ): Promise<Posted>;
}

export async function conektaHarness(): Promise<ConektaHarness> {
  const h = await gatewayHarness('conekta');
  const keys = { a: pair(), b: pair() };
  // Connected as the CLI and the dashboard connect them.
  await connectConektaAccount(h.af, h.merchantIds.a, { publicKey: keys.a.publicKey });
  await connectConektaAccount(h.af, h.merchantIds.b, { publicKey: keys.b.publicKey });
  return {
    ...h,
    keys,
    send(event, options = {}) {
      const body = typeof event === 'string' ? event : JSON.stringify(event);
      const digest =
        options.digest !== undefined
          ? options.digest
          : conektaTestDigest(body, options.privateKey ?? keys.a.privateKey);
      return h.post(`/webhooks/conekta/${options.merchantId ?? h.merchantIds.a}`, body, {
        ...(digest !== null ? { digest } : {}),
      });
    },
  };
}
