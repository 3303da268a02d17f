/**
 * `autofactura connect mercadopago --merchant ID --secret S --access-token T [--json]`: what the
 * dashboard's Connections form does, headless (issue #10). The application's Webhooks secret (it signs
 * every notification) and the access token (the payment is fetched back with it) are checked and stored
 * encrypted by connectMercadoPagoAccount (connectors/mercadopago/src/connect.ts), which the dashboard calls too. Prints the URL to set in Mercado Pago (Tus integraciones › Webhooks, event Pagos).
 */
import { connectMercadoPagoAccount } from '../../connectors/mercadopago/src/connect.js';
import { parse, usageError } from './args.js';
import { openApp, publicUrl } from './open-app.js';
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
  const merchantId = String(values.merchant);
  const app = await openApp(env);
  try {
    const { connection } = await connectMercadoPagoAccount(app.af, merchantId, {
      secret: String(values.secret),
      accessToken: String(values['access-token']),
    });
    const webhookUrl = publicUrl(env, `/webhooks/mercadopago/${merchantId}`);
    if (values.json) {
      io.out(`${JSON.stringify({ connection_id: 'mercadopago', webhook_url: webhookUrl }, null, 2)}\n`);
      return 0;
    }
    const es = io.lang === 'es';
    const test = connection.accessToken.startsWith('TEST-');
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
