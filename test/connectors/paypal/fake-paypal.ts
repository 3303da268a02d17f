/**
 * A local stand-in for api-m.paypal.com on 127.0.0.1 with the calls the connector makes: the signing
 * certificate (the PAYPAL-CERT-URL of test deliveries), an OAuth token for the app's credentials, an
 * order, and POST /v1/notifications/verify-webhook-signature, which checks the transmission the way PayPal
 * does (SHA256withRSA over id|time|webhook id|CRC32 of the event as sent) with the test certificate. Its
 * key and self-signed certificate are made by openssl. `failWith` answers every call with that status;
 * `drop` closes every connection unanswered.
 */
import { execFile } from 'node:child_process';
import { verify, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';

export const CLIENT_ID = 'AZkEscuelaKemperSandboxClientId0001';
export const CLIENT_SECRET_VALUE = 'ELkEscuelaKemperSandboxSecret000001';
export const CERT_PATH = '/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77';

export interface FakePaypal {
  url: string;
  certUrl: string;
  privateKeyPem: string;
  orders: Map<string, Record<string, unknown>>;
  requests: Array<{ method: string; path: string }>;
  failWith?: number;
  drop?: boolean;
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function testCertificate(): Promise<{ key: string; cert: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'fake-paypal-'));
  try {
    await promisify(execFile)('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '3',
      '-subj',
      '/CN=messageverificationcerts.sandbox.paypal.com',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ]);
    return {
      key: await readFile(join(dir, 'key.pem'), 'utf8'),
      cert: await readFile(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function fakePaypal(): Promise<FakePaypal> {
  const { key, cert } = await testCertificate();
  const publicKey = new X509Certificate(cert).publicKey;
  const token = 'A21AAFakeAccessToken0001';
  const fake = { orders: new Map(), requests: [], privateKeyPem: key } as unknown as FakePaypal;
  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const text = await body(req);
    fake.requests.push({ method: req.method ?? 'GET', path });
    if (fake.drop) return void req.socket.destroy();
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    if (fake.failWith)
      return send(fake.failWith, {
        name: 'INTERNAL_SERVER_ERROR',
        message: 'An internal server error occurred.',
      });
    if (req.method === 'GET' && path === CERT_PATH) {
      res.writeHead(200, { 'content-type': 'application/x-pem-file' });
      return void res.end(cert);
    }
    if (req.method === 'POST' && path === '/v1/oauth2/token') {
      const basic = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET_VALUE}`).toString('base64');
      if (req.headers.authorization !== `Basic ${basic}` || text !== 'grant_type=client_credentials')
        return send(401, { error: 'invalid_client', error_description: 'Client Authentication failed' });
      return send(200, {
        scope: 'https://uri.paypal.com/services/payments/payment',
        access_token: token,
        token_type: 'Bearer',
        app_id: 'APP-80W284485P519543T',
        expires_in: 32400,
        nonce: 'fake',
      });
    }
    if (req.headers.authorization !== `Bearer ${token}`)
      return send(401, { error: 'invalid_token', error_description: 'Token signature verification failed' });
    const order = req.method === 'GET' ? path.match(/^\/v2\/checkout\/orders\/([^/]+)$/) : null;
    if (order) {
      const found = fake.orders.get(decodeURIComponent(order[1]!));
      return found
        ? send(200, found)
        : send(404, { name: 'RESOURCE_NOT_FOUND', message: 'The specified resource does not exist.' });
    }
    if (req.method === 'POST' && path === '/v1/notifications/verify-webhook-signature') {
      const input = JSON.parse(text);
      const at = text.indexOf('"webhook_event":');
      const event = text.slice(at + '"webhook_event":'.length, -1);
      const message = `${input.transmission_id}|${input.transmission_time}|${input.webhook_id}|${crc32(Buffer.from(event))}`;
      const ok =
        input.cert_url === fake.certUrl &&
        verify('sha256', Buffer.from(message), publicKey, Buffer.from(input.transmission_sig, 'base64'));
      return send(200, { verification_status: ok ? 'SUCCESS' : 'FAILURE' });
    }
    return send(404, { name: 'RESOURCE_NOT_FOUND', message: 'The specified resource does not exist.' });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.certUrl = `${fake.url}${CERT_PATH}`;
  fake.close = () =>
    new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    });
  return fake;
}
