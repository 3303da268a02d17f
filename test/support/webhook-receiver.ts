/**
 * A webhook receiver on 127.0.0.1 for tests: records every request (headers and raw body) and answers
 * with `status` (200 by default). `stop()` closes it (deliveries then fail with ECONNREFUSED) and
 * `start()` listens again on the same port.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read the JSON payload field by field
  json: any;
}

export interface Receiver {
  url: string;
  received: Received[];
  status: number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function webhookReceiver(): Promise<Receiver> {
  let server: Server | undefined;
  let port = 0;
  const receiver: Receiver = {
    url: '',
    received: [],
    status: 200,
    async start() {
      const listening = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          receiver.received.push({ headers: req.headers, body, json: JSON.parse(body) });
          res.writeHead(receiver.status).end();
        });
      });
      await new Promise<void>((done) => listening.listen(port, '127.0.0.1', done));
      port = (listening.address() as AddressInfo).port;
      receiver.url = `http://127.0.0.1:${port}/hooks`;
      server = listening;
    },
    async stop() {
      const closing = server;
      server = undefined;
      if (!closing) return;
      closing.closeAllConnections();
      await new Promise<void>((done) => closing.close(() => done()));
    },
  };
  await receiver.start();
  return receiver;
}

/** The Standard Webhooks headers of a received request, as a verifier takes them. */
export function signatureHeaders(received: Received): Record<string, string> {
  return {
    'webhook-id': String(received.headers['webhook-id']),
    'webhook-timestamp': String(received.headers['webhook-timestamp']),
    'webhook-signature': String(received.headers['webhook-signature']),
  };
}
