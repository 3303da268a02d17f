/**
 * `autofactura connect conekta --merchant ID --public-key FILE.pem [--json]`: what the dashboard's
 * Connections form does, headless (issue #10). The public key is the one Conekta returned when the
 * merchant created their webhook key (`POST /webhook_keys`); it is checked as an RSA public key and
 * stored in merchant.secrets. Prints the webhook URL to register in Conekta and the events to send.
 */
import { readFile } from 'node:fs/promises';
import { conektaConnectionSchema, PUBLIC_KEY_SECRET } from '../../connectors/conekta/src/config.js';
import { WEBHOOK_EVENTS } from '../../connectors/conekta/src/index.js';
import { parse, usageError } from './args.js';
import { openApp } from './open-app.js';
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
  const checked = conektaConnectionSchema.safeParse({ publicKey: pem.trim() });
  if (!checked.success) {
    const [es, en] = checked.error.issues[0]!.message.split(' / ');
    throw usageError(`${file}: ${es}.`, `${file}: ${en ?? es}.`);
  }
  const merchantId = String(values.merchant);
  const app = await openApp(env);
  try {
    await app.af.setMerchantSecret(merchantId, PUBLIC_KEY_SECRET, `${checked.data.publicKey}\n`);
    const base = (env.PUBLIC_URL || `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, '');
    const webhookUrl = `${base}/webhooks/conekta/${merchantId}`;
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
