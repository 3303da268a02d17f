/**
 * The REST API through a real server on 127.0.0.1 (random port): lowdb in a temp dir, the sandbox PAC,
 * the outbox mailer, and two merchants from SAT's test CSD EKU9003173C9 (for cross-tenant checks).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAutofactura } from '../../core/src/automation/index.js';
import type { Autofactura } from '../../core/src/automation/types.js';
import type { verifyCfdi } from '../../core/src/cfdi/verify/verify-cfdi.js';
import { createMailer } from '../../core/src/notify/mailer.js';
import { createSandboxPac, type SandboxPac } from '../../core/src/pac/sandbox/index.js';
import type { Store } from '../../core/src/store/types.js';
import { createServer as createApp } from '../../portal/src/app.js';
import { testSecretBox } from '../core/automation/harness.js';
import { openTestStore } from '../core/automation/test-store.js';
import { capturingLogger, ekuMerchant, listeningServer, sandboxVerifier } from '../support/test-server.js';
import { createConformance } from './openapi-conformance.js';

export interface ApiResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read the JSON answers field by field
  json: any;
  bytes: Buffer;
}

export interface ApiHarness {
  url: string;
  af: Autofactura;
  store: Store;
  keys: { a: string; aLive: string; b: string };
  merchantIds: { a: string; b: string };
  logs: string[];
  /** The sandbox PAC (tests answer cancellations as the receptor) and its clock offset in ms. */
  pac: SandboxPac;
  pacClock: { offsetMs: number };
  /** Where the outbox mailer writes .eml files. */
  outboxDir: string;
  /**
   * Every /v1 exchange is checked against GET /v1/openapi.json's document (openapi-conformance.ts):
   * an undocumented field, status or operation fails the test that made the call.
   */
  call(
    method: string,
    path: string,
    options?: { key?: string | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<ApiResponse>;
  verify(xml: Buffer): ReturnType<typeof verifyCfdi>;
  close(): Promise<void>;
}

export async function apiHarness(): Promise<ApiHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'autofactura-api-'));
  const store = await openTestStore(join(dir, 'data'));
  const pacDir = join(dir, 'pac');
  const { logs, logger } = capturingLogger();
  const pacClock = { offsetMs: 0 };
  const pac = createSandboxPac({ dataDir: pacDir, now: () => new Date(Date.now() + pacClock.offsetMs) });
  const outboxDir = join(dir, 'outbox');
  const conformance = createConformance();
  const af = createAutofactura({
    store,
    pac,
    mailer: createMailer({ outboxDir }),
    secrets: testSecretBox(),
    logger,
    publicUrl: 'http://127.0.0.1',
  });
  const merchant = (tradeName: string) => ekuMerchant(af, { branding: { tradeName } });
  const [a, b] = [await merchant('Escuela Kemper'), await merchant('Otro comercio')];
  const { server, url } = await listeningServer();
  server.on('request', createApp({ af, store, logger, publicUrl: 'http://127.0.0.1' }).callback());
  const verify = sandboxVerifier(pacDir);
  return {
    url,
    af,
    store,
    logs,
    pac,
    pacClock,
    outboxDir,
    keys: { a: a.apiKeys.test, aLive: a.apiKeys.live, b: b.apiKeys.test },
    merchantIds: { a: a.merchant.id, b: b.merchant.id },
    async call(method, path, options = {}) {
      const key = options.key === undefined ? a.apiKeys.test : options.key;
      const headers: Record<string, string> = { ...options.headers };
      if (key) headers.authorization = `Bearer ${key}`;
      if (options.body !== undefined) headers['content-type'] ??= 'application/json';
      const response = await fetch(`${url}${path}`, {
        method,
        headers,
        ...(options.body !== undefined
          ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }
          : {}),
      });
      const bytes = Buffer.from(await response.arrayBuffer());
      const contentType = response.headers.get('content-type') ?? '';
      const json = contentType.includes('json') ? JSON.parse(bytes.toString('utf8')) : undefined;
      let requestBody: unknown = options.body;
      if (typeof options.body === 'string') {
        try {
          requestBody = JSON.parse(options.body);
        } catch {
          requestBody = options.body;
        }
      }
      const target = new URL(path, url);
      conformance({
        method,
        path: target.pathname,
        query: target.searchParams,
        ...(requestBody !== undefined ? { requestBody } : {}),
        status: response.status,
        contentType,
        responseJson: json,
      });
      return { status: response.status, headers: response.headers, json, bytes };
    },
    verify,
    async close() {
      await new Promise<void>((done) => server.close(() => done()));
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Fiscal data that validates (a persona física, régimen 612). */
export const CARLOS = {
  email: 'carlos@example.com',
  rfc: 'COSC8001137NA',
  name: 'CARLOS CORTES SOTO',
  tax_regime: '612',
  zip: '52000',
  cfdi_use: 'G03',
};
