/**
 * A local stand-in for OpenPay's REST API on 127.0.0.1: `GET /v1/{merchantId}/charges/{id}` with HTTP
 * Basic auth (the private key as user, empty password), answering the charges a test put in it, 404 for
 * others, 401 for another key; `down` makes it answer 503 (or, with 'closed', refuse connections).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeOpenpay {
  url: string;
  /** Charges by id, as OpenPay's API returns them. */
  charges: Map<string, Record<string, unknown>>;
  /** Paths asked, in order. */
  requests: string[];
  down: false | 'error' | 'closed';
  close(): Promise<void>;
}

export async function fakeOpenpay(merchantId: string, privateKey: string): Promise<FakeOpenpay> {
  const expected = `Basic ${Buffer.from(`${privateKey}:`).toString('base64')}`;
  let server: Server;
  const fake: FakeOpenpay = {
    url: '',
    charges: new Map(),
    requests: [],
    down: false,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    fake.requests.push(req.url ?? '');
    if (fake.down === 'closed') {
      req.socket.destroy();
      return;
    }
    if (fake.down)
      return answer(res, 503, { category: 'gateway', error_code: 1000, description: 'Service unavailable' });
    if (req.headers.authorization !== expected)
      return answer(res, 401, {
        category: 'request',
        error_code: 1002,
        description: 'The api key or merchant id are invalid',
      });
    const match = /^\/v1\/([^/]+)\/charges\/([^/?]+)$/.exec(req.url ?? '');
    if (req.method !== 'GET' || !match || match[1] !== merchantId)
      return answer(res, 404, {
        category: 'request',
        error_code: 1005,
        description: "The requested resource doesn't exist",
      });
    const charge = fake.charges.get(decodeURIComponent(match[2]!));
    if (!charge)
      return answer(res, 404, {
        category: 'request',
        error_code: 1005,
        description: "The requested resource doesn't exist",
      });
    return answer(res, 200, charge);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
