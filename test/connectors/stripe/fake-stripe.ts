/**
 * A local stand-in for api.stripe.com on 127.0.0.1 (stripe-mock is not installable here), just the calls
 * the connector makes through the official SDK: list events, retrieve a balance transaction, retrieve a
 * PaymentIntent (with its latest charge) and update its metadata. It records every request (method, path, query, form body, key, account).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StripeEvent } from './harness.js';

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  form: URLSearchParams;
  apiKey: string | undefined;
  account: string | undefined;
}

export interface FakeStripe {
  url: string;
  requests: FakeRequest[];
  /** Events GET /v1/events lists (newest first, as Stripe does), in pages of `limit`. */
  events: StripeEvent[];
  balanceTransactions: Map<string, Record<string, unknown>>;
  /** Line items GET /v1/checkout/sessions/{id}/line_items lists (products as given: expanded). */
  lineItems: Map<string, Record<string, unknown>[]>;
  /** PaymentIntents GET /v1/payment_intents/{id} answers (`latest_charge` expanded when asked). */
  paymentIntents: Map<string, Record<string, unknown>>;
  /** When set, every call answers this status (an outage). */
  failWith?: number;
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function fakeStripe(): Promise<FakeStripe> {
  const requests: FakeRequest[] = [];
  const events: StripeEvent[] = [];
  const balanceTransactions = new Map<string, Record<string, unknown>>();
  const paymentIntents = new Map<string, Record<string, unknown>>();
  const lineItems = new Map<string, Record<string, unknown>[]>();
  let fake: FakeStripe;
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const request: FakeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      form: new URLSearchParams(await body(req)),
      apiKey: req.headers.authorization?.replace(/^Bearer /, ''),
      account: req.headers['stripe-account'] as string | undefined,
    };
    requests.push(request);
    const send = (status: number, json: unknown) => {
      res.writeHead(status, {
        'content-type': 'application/json',
        'request-id': `req_fake_${requests.length}`,
      });
      res.end(JSON.stringify(json));
    };
    if (fake.failWith)
      return send(fake.failWith, { error: { type: 'api_error', message: 'Stripe is down' } });
    if (!request.apiKey?.startsWith('rk_') && !request.apiKey?.startsWith('sk_')) {
      return send(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
    }
    if (request.method === 'GET' && url.pathname === '/v1/events') {
      const gte = Number(url.searchParams.get('created[gte]') ?? 0);
      const types = [...url.searchParams.entries()].filter(([k]) => k.startsWith('types[')).map(([, v]) => v);
      const matching = [...events]
        .sort((a, b) => b.created - a.created)
        .filter((e) => e.created >= gte && (types.length === 0 || types.includes(e.type)));
      const after = url.searchParams.get('starting_after');
      const start = after ? matching.findIndex((e) => e.id === after) + 1 : 0;
      const limit = Number(url.searchParams.get('limit') ?? 10);
      const data = matching.slice(start, start + limit);
      return send(200, {
        object: 'list',
        data,
        has_more: start + limit < matching.length,
        url: '/v1/events',
      });
    }
    const bt = /^\/v1\/balance_transactions\/([^/]+)$/.exec(url.pathname);
    if (request.method === 'GET' && bt) {
      const found = balanceTransactions.get(bt[1]!);
      return found
        ? send(200, found)
        : send(404, {
            error: { type: 'invalid_request_error', message: `No such balance transaction: '${bt[1]}'` },
          });
    }
    const lines = /^\/v1\/checkout\/sessions\/([^/]+)\/line_items$/.exec(url.pathname);
    if (request.method === 'GET' && lines) {
      const data = lineItems.get(lines[1]!);
      if (!data) {
        return send(404, {
          error: { type: 'invalid_request_error', message: `No such checkout.session: '${lines[1]}'` },
        });
      }
      return send(200, { object: 'list', data, has_more: false, url: url.pathname });
    }
    const pi = /^\/v1\/payment_intents\/([^/]+)$/.exec(url.pathname);
    if (request.method === 'GET' && pi) {
      const found = paymentIntents.get(pi[1]!);
      if (!found) {
        return send(404, {
          error: { type: 'invalid_request_error', message: `No such payment_intent: '${pi[1]}'` },
        });
      }
      // The SDK sends expand[0]=latest_charge (or expand[]=latest_charge).
      const expand = [...url.searchParams].some(
        ([key, value]) => key.startsWith('expand[') && value === 'latest_charge',
      );
      const charge = found.latest_charge as { id: string } | undefined;
      return send(200, { ...found, latest_charge: expand ? charge : charge?.id });
    }
    if (request.method === 'POST' && pi) {
      const metadata: Record<string, string> = {};
      for (const [key, value] of request.form) {
        const match = /^metadata\[(.+)\]$/.exec(key);
        if (match) metadata[match[1]!] = value;
      }
      return send(200, { id: pi[1], object: 'payment_intent', metadata, status: 'succeeded' });
    }
    return send(404, {
      error: { type: 'invalid_request_error', message: `Unrecognized request URL (${url.pathname})` },
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  fake = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    events,
    balanceTransactions,
    paymentIntents,
    lineItems,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
  return fake;
}
