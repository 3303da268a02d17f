/**
 * `autofactura connect generic --merchant ID --mapping FILE.json [--secret whsec_...] [--id ID] [--json]`:
 * what the dashboard's Connections page does for a generic signed webhook, headless (issue #10). The
 * mapping is checked first (nothing is stored when it has errors); without --secret a Standard Webhooks
 * secret is generated and printed once. Prints the webhook URL to give the sender; `--json` prints
 * `{ "connection_id", "webhook_url" }` (and `secret` when it was generated).
 */
import { readFile } from 'node:fs/promises';
import { connectGeneric } from '../../connectors/generic/src/connect.js';
import { parse, usageError } from './args.js';
import { openApp, publicUrl } from './open-app.js';
import type { Io } from './output.js';

export async function connectGenericCommand(
  args: string[],
  io: Io,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values } = parse(args, {
    merchant: { type: 'string' },
    mapping: { type: 'string' },
    secret: { type: 'string' },
    id: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (!values.merchant || !values.mapping) {
    throw usageError(
      'Faltan opciones: --merchant ID y --mapping ARCHIVO.json (cómo leer el JSON del emisor; ejemplo en connectors/generic/samples/retrypay.mapping.json).',
      "Missing options: --merchant ID and --mapping FILE.json (how to read the sender's JSON; example in connectors/generic/samples/retrypay.mapping.json).",
    );
  }
  const mappingText = await readFile(String(values.mapping), 'utf8');
  const merchantId = String(values.merchant);
  const app = await openApp(env);
  try {
    const result = await connectGeneric(app.af, merchantId, {
      mappingText,
      ...(values.secret ? { secret: String(values.secret) } : {}),
      ...(values.id ? { id: String(values.id) } : {}),
    });
    const webhookUrl = publicUrl(env, `/webhooks/generic/${merchantId}/${result.connectionId}`);
    if (values.json) {
      io.out(
        `${JSON.stringify({ connection_id: result.connectionId, webhook_url: webhookUrl, ...(result.generated ? { secret: result.secret } : {}) }, null, 2)}\n`,
      );
      return 0;
    }
    const es = io.lang === 'es';
    io.out(`${es ? 'Webhook firmado conectado' : 'Signed webhook connected'}: ${result.connectionId}\n`);
    io.out(`  URL: ${webhookUrl}\n`);
    if (result.generated) {
      io.out(
        es
          ? `  Secreto (Standard Webhooks, se muestra una sola vez): ${result.secret}\n`
          : `  Secret (Standard Webhooks, shown once): ${result.secret}\n`,
      );
    }
    return 0;
  } finally {
    await app.close();
  }
}
