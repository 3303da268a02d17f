/**
 * startServer: the whole product in one process with embedded defaults — the store (lowdb in
 * AUTOFACTURA_DATA_DIR or PostgreSQL with DATABASE_URL), the master key, the PAC (sandbox unless PAC
 * says otherwise), the mailer (SMTP_URL or data/outbox), the job worker in the background and the HTTP
 * server. `close()` stops accepting, drains in-flight requests, stops the worker after its current job
 * and closes the store.
 */
import { hkdfSync } from 'node:crypto';
import { once } from 'node:events';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { apiLocation } from '../../connectors/stripe/src/client.js';
import { createAutofactura } from '../../core/src/automation/index.js';
import type { Logger } from '../../core/src/automation/types.js';
import { mailerFromEnv } from '../../core/src/notify/mailer.js';
import { pacFromEnv } from '../../core/src/pac/from-env.js';
import { createSandboxPac } from '../../core/src/pac/sandbox/index.js';
import { openStore } from '../../core/src/store/open.js';
import { createSecretBox, loadMasterKey } from '../../core/src/store/secrets.js';
import { createServer } from './app.js';
import { type DemoMerchant, ensureDemoMerchant } from './demo-merchant.js';
import { jsonLogger } from './logger.js';
import type { PortalLimits } from './portal/index.js';

/** How long in-flight requests get to finish on shutdown. */
const DRAIN_MS = 10_000;

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  /** Default PORT or 3000; 0 picks a free port. */
  port?: number;
  host?: string;
  logger?: Logger;
  /** Rate limits of the public portal (per IP per minute); the HTTP benchmark raises them. */
  portalLimits?: Partial<PortalLimits>;
}

export interface RunningServer {
  server: Server;
  /** Where the server listens, e.g. http://localhost:3000. */
  url: string;
  /** PUBLIC_URL or `url`. */
  publicUrl: string;
  /** The demo merchant when this start created it (first run), with its keys and login shown this once. */
  demo: DemoMerchant | null;
  /** Every merchant's portal slug and id (for the URLs printed at start), oldest first, at most 10. */
  merchants: { id: string; name: string; slug: string | undefined }[];
  merchantCount: number;
  close(): Promise<void>;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const env = options.env ?? process.env;
  const logger = options.logger ?? jsonLogger();
  const port = options.port ?? Number(env.PORT || 3000);
  const dataDir = resolve(env.AUTOFACTURA_DATA_DIR || './data');
  const store = await openStore({ env, dataDir });
  const mailer = mailerFromEnv(env, { dataDir });
  const worker = new AbortController();
  let workerDone: Promise<void> = Promise.resolve();
  let ready = false;
  const http: Server = createHttpServer();
  try {
    const masterKey = await loadMasterKey({ env, dataDir });
    const secrets = createSecretBox(masterKey);
    // Its own key for HTML form tokens, derived so every process of one deployment agrees.
    const webSecret = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'autofactura/web/v1', 32));
    http.listen(port, options.host);
    await once(http, 'listening');
    const address = http.address() as AddressInfo;
    const url = `http://${options.host && options.host !== '0.0.0.0' ? options.host : 'localhost'}:${address.port}`;
    const publicUrl = (env.PUBLIC_URL || url).replace(/\/+$/, '');
    const pac = pacFromEnv(env, { dataDir });
    const af = createAutofactura({
      store,
      pac,
      // Test API keys stamp with the sandbox only, even when the server's PAC is a real one.
      testPac: pac.name === 'sandbox' ? pac : createSandboxPac({ dataDir }),
      mailer,
      secrets,
      logger,
      publicUrl,
      ownPacUrls: {
        ...(env.FINKOK_URL ? { finkok: env.FINKOK_URL } : {}),
        ...(env.SW_URL ? { sw: env.SW_URL } : {}),
      },
    });
    const stripeApi = apiLocation(env.STRIPE_API_URL);
    const app = createServer({
      af,
      store,
      logger,
      publicUrl,
      webSecret,
      ready: () => ready,
      trustProxy: /^(1|true|yes)$/i.test(env.TRUST_PROXY ?? ''),
      signupOpen: (env.AUTOFACTURA_SIGNUP ?? '').trim().toLowerCase() !== 'closed',
      // Where the Stripe SDK calls (portal-link write-back, exchange rates): api.stripe.com unless
      // STRIPE_API_URL points elsewhere (a proxy, a local fake in tests).
      ...(stripeApi ? { stripeApi } : {}),
      gatewayApis: {
        mercadopago: env.MERCADOPAGO_API_URL,
        openpay: env.OPENPAY_API_URL,
        paypal: env.PAYPAL_API_URL,
      },
      ...(options.portalLimits ? { portalLimits: options.portalLimits } : {}),
    });
    http.on('request', app.callback());
    const demo = await ensureDemoMerchant(af, store, env);
    const all = await store.merchants.list();
    const merchantCount = all.length;
    const merchants = all.slice(0, 10).map((m) => ({
      id: m.id,
      name: m.branding.tradeName || m.name,
      slug: m.branding.slug,
    }));
    workerDone = af.runWorker({ signal: worker.signal }).catch((error) => {
      logger.error('worker stopped', { error: String(error) });
    });
    ready = true;
    let closing: Promise<void> | undefined;
    return {
      server: http,
      url,
      publicUrl,
      demo,
      merchants,
      merchantCount,
      close() {
        closing ??= (async () => {
          ready = false;
          const closed = new Promise<void>((done) => http.close(() => done()));
          http.closeIdleConnections();
          // Keep-alive connections that stay busy past the drain time are cut.
          const cut = setTimeout(() => http.closeAllConnections(), DRAIN_MS);
          await closed;
          clearTimeout(cut);
          worker.abort();
          await workerDone;
          await mailer.close();
          await store.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    worker.abort();
    http.close();
    await mailer.close();
    await store.close();
    throw error;
  }
}
