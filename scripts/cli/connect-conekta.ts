/**
 * `autofactura connect conekta --merchant ID --public-key FILE.pem [--json]`: what the dashboard's
 * Connections form does, headless (issue #10). The public key is the one Conekta returned when the
 * merchant created their webhook key (`POST /webhook_keys`); the connector checks it as an RSA public
 * key and stores it (connectConektaAccount, as the dashboard does). Prints the webhook URL to register
 * in Conekta and the events to send.
 */
import { readFile } from 'node:fs/promises';
import { connectConektaAccount } from '../../connectors/conekta/src/connect.js';
import { WEBHOOK_EVENTS } from '../../connectors/conekta/src/index.js';
import { parse, usageError } from './args.js';
import { openApp, publicUrl } from './open-app.js';
import type { Io } from './output.js';

export async function connectConekta(
  args: string[],
  io: Io,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values } = parse(args, {
    merchant: { type: 'string' },
    'public-key': { type: 'string' },
    json: { type: 'boolean' },
  });
  if (!values.merchant || !values['public-key']) {
    throw usageError(
      'Faltan opciones: --merchant y --public-key (el archivo PEM con la llave pública de tu llave de webhook de Conekta).',
      "Missing options: --merchant and --public-key (the PEM file with your Conekta webhook key's public key).",
    );
  }
  const file = String(values['public-key']);
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
  } catch {
    throw usageError(`No se pudo leer ${file}.`, `Could not read ${file}.`);
  }
  const merchantId = String(values.merchant);
  const app = await openApp(env);
  try {
    await connectConektaAccount(app.af, merchantId, { publicKey: pem });
    const webhookUrl = publicUrl(env, `/webhooks/conekta/${merchantId}`);
    if (values.json) {
      io.out(`${JSON.stringify({ connection_id: 'conekta', webhook_url: webhookUrl }, null, 2)}\n`);
      return 0;
    }
    const es = io.lang === 'es';
    io.out(`${es ? 'Conekta conectado al comercio' : 'Conekta connected to merchant'} ${merchantId}\n`);
    io.out(`  ${es ? 'URL del webhook' : 'Webhook URL'}: ${webhookUrl}\n`);
    io.out(`  ${es ? 'Eventos' : 'Events'}: ${WEBHOOK_EVENTS.join(', ')}\n`);
    io.out(
      `  ${es ? 'Llave pública guardada; cada evento se verifica con su encabezado DIGEST.' : 'Public key stored; every event is verified with its DIGEST header.'}\n`,
    );
    return 0;
  } finally {
    await app.close();
  }
}
