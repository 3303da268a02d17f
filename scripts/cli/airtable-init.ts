/**
 * `autofactura airtable init --base BASE [--table Ventas] [--config F] [--json]` (issue #9): reads the
 * base's schema (Airtable's meta API) and says which tables and fields of the template are missing or
 * of the wrong type. Exit 0 when the sync can run (only optional fields missing), 1 otherwise.
 */
import { AirtableClient } from '../../connectors/airtable/src/airtable-client.js';
import { loadSyncConfig } from '../../connectors/airtable/src/config.js';
import { checkSchema } from '../../connectors/airtable/src/schema.js';
import { parse, usageError } from './args.js';
import type { Io } from './output.js';

export async function airtableInit(
  args: string[],
  io: Io,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values } = parse(args, {
    base: { type: 'string' },
    table: { type: 'string' },
    config: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (!values.base) throw usageError('Indica --base appXXXX.', 'Give --base appXXXX.');
  const table = typeof values.table === 'string' ? values.table : 'Ventas';
  const configFile = typeof values.config === 'string' ? values.config : undefined;
  const config = loadSyncConfig(env, configFile, { autofactura: false });
  const airtable = new AirtableClient({
    token: config.token,
    baseId: String(values.base),
    rateLimitWaitMs: config.rateLimitWaitMs,
    ...(config.endpointUrl ? { endpointUrl: config.endpointUrl } : {}),
  });
  const problems = checkSchema(await airtable.tables(), table, config.fields);
  const blocking = problems.filter((p) => p.required).length;
  const es = io.lang === 'es';
  if (values.json) io.out(`${JSON.stringify({ ok: blocking === 0, problems }, null, 2)}\n`);
  else {
    for (const p of problems) io.err(`${p.code} ${es ? p.message : p.messageEn}\n`);
    if (problems.length === 0) {
      io.out(
        es
          ? `La tabla "${table}" tiene todo lo de la plantilla.\n`
          : `Table "${table}" has all the template has.\n`,
      );
    } else if (blocking === 0) {
      io.out(
        es
          ? `La tabla "${table}" sirve para la sincronización; faltan solo campos opcionales.\n`
          : `Table "${table}" will do for the sync; only optional fields are missing.\n`,
      );
    }
  }
  return blocking > 0 ? 1 : 0;
}
