/**
 * `autofactura connect stripe --merchant ID --webhook-secret whsec_... [--account acct_...]
 * [--api-key rk_...] [--payment-forms debit=28,prepaid=04] [--json]`: what the dashboard's Connections form does, headless (issue #6). The
 * webhook secret and the API key are stored encrypted (merchant.secrets); the Connect account routes that
 * account's events to this merchant. Prints the URL to give Stripe and the events to send to it.
 */
import {
  ACCOUNT_CONNECTION,
  API_KEY_SECRET,
  formatPaymentForms,
  PAYMENT_FORMS_CONNECTION,
  stripeConnectionSchema,
  WEBHOOK_SECRET,
} from '../../connectors/stripe/src/config.js';
import { WEBHOOK_EVENTS } from '../../connectors/stripe/src/events.js';
import { parse, usageError } from './args.js';
import { openApp, publicUrl } from './open-app.js';
import type { Io } from './output.js';

export async function connectStripe(
  args: string[],
  io: Io,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values } = parse(args, {
    merchant: { type: 'string' },
    'webhook-secret': { type: 'string' },
    account: { type: 'string' },
    'api-key': { type: 'string' },
    'payment-forms': { type: 'string' },
    json: { type: 'boolean' },
  });
  if (!values.merchant || !values['webhook-secret']) {
    throw usageError(
      'Faltan opciones: --merchant y --webhook-secret (el secreto de firma whsec_... del endpoint en Stripe).',
      "Missing options: --merchant and --webhook-secret (the endpoint's whsec_... signing secret in Stripe).",
    );
  }
  const checked = stripeConnectionSchema.safeParse({
    webhookSecret: values['webhook-secret'],
    ...(values.account ? { account: values.account } : {}),
    ...(values['api-key'] ? { apiKey: values['api-key'] } : {}),
    ...(values['payment-forms'] ? { paymentForms: values['payment-forms'] } : {}),
  });
  if (!checked.success) {
    const messages = checked.error.issues.map((issue) => issue.message.split(' / '));
    throw usageError(messages.map(([es]) => es).join(' '), messages.map(([es, en]) => en ?? es).join(' '));
  }
  const connection = checked.data;
  const merchantId = String(values.merchant);
  const app = await openApp(env);
  try {
    // The account first: one already connected elsewhere is refused before any secret changes.
    if (connection.account)
      await app.af.setMerchantConnection(merchantId, ACCOUNT_CONNECTION, connection.account);
    await app.af.setMerchantSecret(merchantId, WEBHOOK_SECRET, connection.webhookSecret);
    if (connection.apiKey) await app.af.setMerchantSecret(merchantId, API_KEY_SECRET, connection.apiKey);
    if (connection.paymentForms) {
      const forms = formatPaymentForms(connection.paymentForms);
      await app.af.setMerchantConnection(merchantId, PAYMENT_FORMS_CONNECTION, forms);
    }
    const summary = {
      merchant_id: merchantId,
      webhook_url: publicUrl(env, `/webhooks/stripe/${merchantId}`),
      events: WEBHOOK_EVENTS,
      account: connection.account ?? null,
      api_key: connection.apiKey ? 'stored' : 'none',
      payment_forms: connection.paymentForms ?? {},
    };
    if (values.json) {
      io.out(`${JSON.stringify(summary, null, 2)}\n`);
      return 0;
    }
    const es = io.lang === 'es';
    io.out(`${es ? 'Stripe conectado al comercio' : 'Stripe connected to merchant'} ${merchantId}\n`);
    io.out(`  ${es ? 'URL del endpoint' : 'Endpoint URL'}: ${summary.webhook_url}\n`);
    io.out(`  ${es ? 'Eventos' : 'Events'}: ${WEBHOOK_EVENTS.join(', ')}\n`);
    if (connection.account)
      io.out(`  ${es ? 'Cuenta conectada' : 'Connected account'}: ${connection.account}\n`);
    io.out(
      `  ${es ? 'Llave API' : 'API key'}: ${connection.apiKey ? (es ? 'guardada cifrada' : 'stored encrypted') : es ? 'ninguna' : 'none'}\n`,
    );
    return 0;
  } finally {
    await app.close();
  }
}
