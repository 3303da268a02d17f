/**
 * A local stand-in for api.mercadopago.com on 127.0.0.1: GET /v1/payments/{id} answers the payments it
 * holds to the access token they belong to (401 to another, 404 for an unknown id), as the official SDK
 * expects. It records each request; `failWith` makes every call answer that status, `drop` closes every
 * connection without answering (the API down).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeMercadoPago {
  url: string;
  /** Payments by id, each with the access token allowed to read it. */
  payments: Map<string, { token: string; payment: Record<string, unknown> }>;
  requests: Array<{ method: string; path: string; token: string | undefined }>;
  failWith?: number;
  drop?: boolean;
  close(): Promise<void>;
}

export async function fakeMercadoPago(): Promise<FakeMercadoPago> {
  const fake = {
    payments: new Map(),
    requests: [],
  } as unknown as FakeMercadoPago;
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const token = req.headers.authorization?.replace(/^Bearer /, '');
    fake.requests.push({ method: req.method ?? 'GET', path, token });
    if (fake.drop) {
      req.socket.destroy();
      return;
    }
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    if (fake.failWith)
      return send(fake.failWith, {
        message: 'internal_error',
        error: 'internal_error',
        status: fake.failWith,
        cause: [],
      });
    const match = req.method === 'GET' ? path.match(/^\/v1\/payments\/([^/]+)$/) : null;
    if (!match)
      return send(404, { message: 'resource not found', error: 'not_found', status: 404, cause: [] });
    const found = fake.payments.get(decodeURIComponent(match[1]!));
    if (!token || (found && found.token !== token))
      return send(401, { message: 'invalid access token', error: 'unauthorized', status: 401, cause: [] });
    if (!found)
      return send(404, { message: 'Payment not found', error: 'not_found', status: 404, cause: [] });
    return send(200, found.payment);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    });
  return fake;
}
