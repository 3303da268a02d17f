/**
 * HTTP benchmark (#5): the whole server as `npm start` runs it (startServer: lowdb in a temp dir or
 * PostgreSQL, the sandbox PAC, the outbox mailer, the job worker) loaded by autocannon on 127.0.0.1.
 *
 *   1. POST /v1/payments with complete fiscal data: recorded, sealed, stamped by the sandbox PAC, PDF
 *      and email queued — the API answers after the invoice is stamped. Every request carries its own
 *      Idempotency-Key, so each one is a new payment and a new CFDI.
 *   2. GET /{slug}/r/{token}: the self-invoice portal page a receipt link opens.
 *   3. GET /{slug}: the merchant's portal home.
 *
 *   npm run bench -- http [--store lowdb|postgres] [--connections 10] [--duration 10]
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startServer } from '../../portal/src/start.js';
import { dropSchema, freshSchema, postgresUrl } from '../../test/support/postgres.js';

const CUSTOMER = {
  email: 'carlos@example.com',
  rfc: 'COSC8001137NA',
  name: 'CARLOS CORTES SOTO',
  tax_regime: '612',
  zip: '52000',
  cfdi_use: 'G03',
};

const quiet = { info() {}, warn() {}, error() {} };

interface Load {
  title: string;
  url: string;
  connections: number;
  duration: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: () => string;
}

async function load(spec: Load): Promise<void> {
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.duration,
    method: spec.method ?? 'GET',
    ...(spec.headers ? { headers: spec.headers } : {}),
    ...(spec.body
      ? {
          requests: [
            {
              setupRequest: (request) => ({
                ...request,
                headers: { ...request.headers, 'idempotency-key': randomUUID() },
                body: spec.body?.() ?? '',
              }),
            },
          ],
        }
      : {}),
  });
  const ok = result['2xx'];
  const bad = result.non2xx + result.errors + result.timeouts;
  process.stdout.write(
    `${spec.title}: ${result.requests.average.toFixed(1)} req/s, latency p50 ${result.latency.p50} ms, ` +
      `p99 ${result.latency.p99} ms, max ${result.latency.max} ms (${ok} ok, ${bad} failed, ` +
      `${spec.connections} connections, ${spec.duration} s)\n`,
  );
  if (bad > 0) process.exitCode = 1;
}

export async function benchHttp(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      store: { type: 'string', default: 'lowdb' },
      connections: { type: 'string', default: '10' },
      duration: { type: 'string', default: '10' },
    },
  });
  const connections = Number(values.connections);
  const duration = Number(values.duration);
  const dir = await mkdtemp(join(tmpdir(), 'autofactura-bench-http-'));
  const env: NodeJS.ProcessEnv = { AUTOFACTURA_DATA_DIR: join(dir, 'data'), PAC: 'sandbox' };
  let pg: { url: string; schema: string } | undefined;
  if (values.store === 'postgres') {
    pg = { url: await postgresUrl(), schema: freshSchema() };
    env.DATABASE_URL = pg.url;
    env.DATABASE_SCHEMA = pg.schema;
  }
  // One load generator on one address: the portal's per-IP limits are raised so the pages are measured,
  // not the 429s (the limiter's own cost is a Map lookup per request).
  const unlimited = 1_000_000_000;
  const running = await startServer({
    env,
    port: 0,
    host: '127.0.0.1',
    logger: quiet,
    portalLimits: { pagesPerMinute: unlimited, tokenPerMinute: unlimited },
  });
  try {
    const key = running.demo?.apiKeys.test;
    if (!key) throw new Error('the benchmark needs a fresh data dir with the demo merchant');
    const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    process.stdout.write(`autofactura ${running.url} (${values.store}, sandbox PAC)\n`);

    const receiptAnswer = await fetch(`${running.url}/v1/payments`, {
      method: 'POST',
      headers: { ...auth, 'idempotency-key': randomUUID() },
      body: JSON.stringify({ amount: '250.00', method: 'cash', customer: { email: 'ana@example.com' } }),
    });
    const receipt = ((await receiptAnswer.json()) as { receipt?: { url: string } }).receipt;
    if (!receipt) throw new Error(`no receipt for a payment without fiscal data (${receiptAnswer.status})`);
    const receiptPath = new URL(receipt.url).pathname;
    const slug = receiptPath.split('/')[1] ?? '';

    // Warm up: the first CFDI loads catalogs, the XSD and the key.
    await load({ title: 'warm-up', url: `${running.url}/health`, connections: 1, duration: 1 });
    await load({
      title: 'POST /v1/payments (stamped invoice)',
      url: `${running.url}/v1/payments`,
      method: 'POST',
      headers: auth,
      connections,
      duration,
      body: () =>
        JSON.stringify({ amount: '1160.00', method: 'card_credit', customer: CUSTOMER, automation: 'auto' }),
    });
    await load({
      title: `GET /${slug}/r/{token} (portal receipt page)`,
      url: `${running.url}${receiptPath}`,
      connections,
      duration,
    });
    await load({ title: `GET /${slug} (portal home)`, url: `${running.url}/${slug}`, connections, duration });
  } finally {
    await running.close();
    if (pg) await dropSchema(pg.url, pg.schema);
    await rm(dir, { recursive: true, force: true });
  }
}
