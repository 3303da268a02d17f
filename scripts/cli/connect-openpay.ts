/**
 * `autofactura connect openpay --merchant ID --user U --password P [--merchant-id M --private-key K]
 * [--sandbox] [--json]`: what the dashboard's Connections form does, headless (issue #10). The webhook's
 * user and password (HTTP Basic auth OpenPay sends) and, optionally, the OpenPay merchant id and private
 * key with which each charge is re-fetched from OpenPay's API, all stored encrypted in merchant.secrets.
 * Prints the webhook URL to register in OpenPay's panel with that user and password.
 */
import { connectOpenpayAccount } from '../../connectors/openpay/src/connect.js';
import { WEBHOOK_EVENTS } from '../../connectors/openpay/src/index.js';
import { parse, usageError } from './args.js';
import { openApp, publicUrl } from './open-app.js';
import type { Io } from './output.js';

export async function connectOpenpay(
  args: string[],
  io: Io,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values } = parse(args, {
    merchant: { type: 'string' },
    user: { type: 'string' },
    password: { type: 'string' },
    'merchant-id': { type: 'string' },
    'private-key': { type: 'string' },
    sandbox: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (!values.merchant || !values.user || !values.password) {
    throw usageError(
      'Faltan opciones: --merchant, --user y --password (el usuario y la contraseña que pondrás al webhook en OpenPay).',
      "Missing options: --merchant, --user and --password (the user and password you will set on OpenPay's webhook).",
    );
  }
  const merchantId = String(values.merchant);
  const app = await openApp(env);
  try {
    const { connection: c } = await connectOpenpayAccount(app.af, merchantId, {
      user: String(values.user),
      password: String(values.password),
      ...(values['merchant-id'] ? { merchantId: String(values['merchant-id']) } : {}),
      ...(values['private-key'] ? { privateKey: String(values['private-key']) } : {}),
      sandbox: values.sandbox === true,
    });
    const webhookUrl = publicUrl(env, `/webhooks/openpay/${merchantId}`);
    if (values.json) {
      io.out(`${JSON.stringify({ connection_id: 'openpay', webhook_url: webhookUrl }, null, 2)}\n`);
      return 0;
    }
    const es = io.lang === 'es';
    io.out(`${es ? 'OpenPay conectado al comercio' : 'OpenPay connected to merchant'} ${merchantId}\n`);
    io.out(`  ${es ? 'URL del webhook' : 'Webhook URL'}: ${webhookUrl}\n`);
    io.out(`  ${es ? 'Eventos' : 'Events'}: ${WEBHOOK_EVENTS.join(', ')}\n`);
    io.out(
      `  ${es ? 'Autenticación básica: registra el webhook en OpenPay con este usuario y contraseña.' : 'Basic auth: register the webhook in OpenPay with this user and password.'}\n`,
    );
    io.out(
      `  ${es ? 'Consulta del cargo en la API' : 'Charge re-fetched from the API'}: ${c.merchantId ? `${es ? 'sí' : 'yes'} (${c.sandbox ? 'sandbox' : es ? 'producción' : 'production'})` : es ? 'no (sin llaves API)' : 'no (no API keys)'}\n`,
    );
    io.out(
      `  ${es ? 'El código de verificación de OpenPay aparecerá en las entregas de la conexión en el panel.' : "OpenPay's verification code will show in the connection's deliveries in the dashboard."}\n`,
    );
    return 0;
  } finally {
    await app.close();
  }
}
