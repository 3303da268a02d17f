/**
 * `autofactura connect paypal --merchant ID --webhook-id W [--client-id C --client-secret S] [--sandbox]
 * [--verify offline|api] [--json]`: what the dashboard's Connections form does, headless (issue #10).
 * The webhook id (each delivery is verified against it), the environment and the verification mode are
 * one settings value, and the REST app's secret another, both checked and stored encrypted by
 * connectPaypalAccount (connectors/paypal/src/connect.ts), which the dashboard calls too. Without the
 * app's credentials deliveries are verified offline and the payer is what the capture carries.
 */
import { connectPaypalAccount } from '../../connectors/paypal/src/connect.js';
import { parse, usageError } from './args.js';
import { openApp, publicUrl } from './open-app.js';
import type { Io } from './output.js';

const EVENTS = ['PAYMENT.CAPTURE.COMPLETED', 'PAYMENT.CAPTURE.REFUNDED'];

export async function connectPaypal(
  args: string[],
  io: Io,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values } = parse(args, {
    merchant: { type: 'string' },
    'webhook-id': { type: 'string' },
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
    sandbox: { type: 'boolean' },
    verify: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (!values.merchant || !values['webhook-id']) {
    throw usageError(
      'Faltan opciones: --merchant y --webhook-id (el Webhook ID del webhook en tu app de PayPal).',
      'Missing options: --merchant and --webhook-id (the Webhook ID of the webhook in your PayPal app).',
    );
  }
  const merchantId = String(values.merchant);
  const app = await openApp(env);
  try {
    // Connecting again without credentials removes old ones: what is stored is what was given.
    const { connection: c } = await connectPaypalAccount(app.af, merchantId, {
      webhookId: String(values['webhook-id']),
      ...(values['client-id'] ? { clientId: String(values['client-id']) } : {}),
      ...(values['client-secret'] ? { clientSecret: String(values['client-secret']) } : {}),
      sandbox: values.sandbox === true,
      ...(values.verify ? { verification: String(values.verify) } : {}),
    });
    const webhookUrl = publicUrl(env, `/webhooks/paypal/${merchantId}`);
    if (values.json) {
      io.out(`${JSON.stringify({ connection_id: 'paypal', webhook_url: webhookUrl }, null, 2)}\n`);
      return 0;
    }
    const es = io.lang === 'es';
    io.out(`${es ? 'PayPal conectado al comercio' : 'PayPal connected to merchant'} ${merchantId}\n`);
    io.out(`  ${es ? 'URL del webhook' : 'Webhook URL'}: ${webhookUrl}\n`);
    io.out(`  ${es ? 'Eventos' : 'Events'}: ${EVENTS.join(', ')}\n`);
    io.out(
      `  ${es ? 'Entorno' : 'Environment'}: ${c.environment === 'sandbox' ? 'sandbox' : es ? 'producción' : 'live'}; ${es ? 'verificación' : 'verification'}: ${c.verification === 'api' ? (es ? 'por la API de PayPal' : "through PayPal's API") : es ? 'sin conexión (certificado de PayPal)' : "offline (PayPal's certificate)"}\n`,
    );
    io.out(
      `  ${es ? 'Datos del pagador desde la orden' : 'Payer data from the order'}: ${c.clientId ? (es ? 'sí (credenciales guardadas cifradas)' : 'yes (credentials stored encrypted)') : es ? 'no (sin --client-id/--client-secret)' : 'no (no --client-id/--client-secret)'}\n`,
    );
    return 0;
  } finally {
    await app.close();
  }
}
