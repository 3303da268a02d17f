/**
 * `autofactura stripe sync --merchant ID --since DATE [--json]`: records what Stripe's webhooks missed
 * (issue #6) — the events of the last 30 days since DATE, listed with the merchant's Stripe API key
 * (`connect stripe --api-key`), each recorded as its webhook would have been; idempotent. STRIPE_API_URL
 * points the SDK elsewhere (a proxy, a test double).
 */
import { apiLocation, stripeClient } from '../../connectors/stripe/src/client.js';
import { API_KEY_SECRET } from '../../connectors/stripe/src/config.js';
import { syncStripe } from '../../connectors/stripe/src/sync.js';
import { AutofacturaError } from '../../core/src/errors.js';
import { parse, usageError } from './args.js';
import { openApp } from './open-app.js';
import type { Io } from './output.js';

export async function stripeSync(
  args: string[],
  io: Io,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values } = parse(args, {
    merchant: { type: 'string' },
    since: { type: 'string' },
    json: { type: 'boolean' },
  });
  const since = new Date(String(values.since ?? ''));
  if (!values.merchant || !values.since || Number.isNaN(since.getTime())) {
    throw usageError(
      'Indica --merchant ID y --since FECHA (ISO 8601, p. ej. 2026-11-01).',
      'Give --merchant ID and --since DATE (ISO 8601, e.g. 2026-11-01).',
    );
  }
  const merchantId = String(values.merchant);
  const app = await openApp(env);
  try {
    const merchant = await app.store.merchants.get(merchantId);
    const apiKey = merchant ? await app.af.connectionSecret(merchantId, API_KEY_SECRET) : null;
    if (!merchant || !apiKey) {
      throw new AutofacturaError({
        code: 'STRIPE_API_KEY_MISSING',
        message: `El comercio ${merchantId} no existe o no dio una llave API de Stripe; agrégala con "autofactura connect stripe --api-key rk_...".`,
        messageEn: `Merchant ${merchantId} does not exist or gave no Stripe API key; add one with "autofactura connect stripe --api-key rk_...".`,
      });
    }
    const location = apiLocation(env.STRIPE_API_URL);
    const client = stripeClient(apiKey, location);
    const report = await syncStripe(
      {
        af: app.af,
        merchant: (id) => app.store.merchants.get(id),
        stripeClient: (key) => stripeClient(key, location),
      },
      client,
      merchant,
      since,
    );
    if (values.json) io.out(`${JSON.stringify(report, null, 2)}\n`);
    else {
      const es = io.lang === 'es';
      io.out(`${es ? 'Eventos leídos de Stripe' : 'Events read from Stripe'}: ${report.listed}\n`);
      for (const [outcome, count] of Object.entries(report.outcomes)) io.out(`  ${outcome}: ${count}\n`);
      for (const failure of report.failed) {
        io.err(
          `${failure.code} ${failure.eventId} ${es ? failure.message : (failure.messageEn ?? failure.message)}\n`,
        );
      }
    }
    return report.failed.length > 0 ? 1 : 0;
  } finally {
    await app.close();
  }
}
