/**
 * `autofactura connect mercadopago --merchant ID --secret S --access-token T [--json]`: what the
 * dashboard's Connections form does, headless (issue #10). The application's Webhooks secret (it signs
 * every notification) and the access token (the payment is fetched back with it) are stored encrypted in
 * merchant.secrets. Prints the URL to set in Mercado Pago (Tus integraciones › Webhooks, event Pagos).
 */
import {
  ACCESS_TOKEN_SECRET,
  mercadoPagoConnectionSchema,
  WEBHOOK_SECRET,
} from '../../connectors/mercadopago/src/config.js';
import { parse, usageError } from './args.js';
import { openApp } from './open-app.js';
import type { Io } from './output.js';

export async function connectMercadoPago(
  args: string[],
  io: Io,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values } = parse(args, {
    merchant: { type: 'string' },
    secret: { type: 'string' },
    'access-token': { type: 'string' },
    json: { type: 'boolean' },
  });
  if (!values.merchant || !values.secret || !values['access-token']) {
    throw usageError(
      'Faltan opciones: --merchant, --secret (la clave secreta de Webhooks de tu aplicación) y --access-token (APP_USR-...).',
      "Missing options: --merchant, --secret (your application's Webhooks secret) and --access-token (APP_USR-...).",
    );
  }
  const checked = mercadoPagoConnectionSchema.safeParse({
    secret: values.secret,
    accessToken: values['access-token'],
  });
  if (!checked.success) {
    const messages = checked.error.issues.map((issue) => issue.message.split(' / '));
    throw usageError(messages.map(([es]) => es).join('. '), messages.map(([es, en]) => en ?? es).join('. '));
  }
  const merchantId = String(values.merchant);
  const app = await openApp(env);
  try {
    await app.af.setMerchantSecret(merchantId, WEBHOOK_SECRET, checked.data.secret);
    await app.af.setMerchantSecret(merchantId, ACCESS_TOKEN_SECRET, checked.data.accessToken);
    const base = (env.PUBLIC_URL || `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, '');
    const webhookUrl = `${base}/webhooks/mercadopago/${merchantId}`;
    if (values.json) {
      io.out(`${JSON.stringify({ connection_id: 'mercadopago', webhook_url: webhookUrl }, null, 2)}\n`);
      return 0;
    }
    const es = io.lang === 'es';
    const test = checked.data.accessToken.startsWith('TEST-');
    io.out(
      `${es ? 'Mercado Pago conectado al comercio' : 'Mercado Pago connected to merchant'} ${merchantId}\n`,
    );
    io.out(`  ${es ? 'URL de Webhooks' : 'Webhooks URL'}: ${webhookUrl}\n`);
    io.out(`  ${es ? 'Eventos' : 'Events'}: ${es ? 'Pagos (payment)' : 'Payments (payment)'}\n`);
    io.out(
      `  ${es ? 'Clave secreta y access token guardados cifrados' : 'Secret and access token stored encrypted'} (${test ? (es ? 'credenciales de prueba' : 'test credentials') : es ? 'producción' : 'production'})\n`,
    );
    return 0;
  } finally {
    await app.close();
  }
}
