/**
 * The sync's settings. Secrets and places come from the environment: AIRTABLE_TOKEN (a personal access
 * token with data.records:read/write and schema.bases:read), AUTOFACTURA_URL and AUTOFACTURA_API_KEY,
 * AIRTABLE_ENDPOINT_URL (another Airtable, e.g. a test double), AIRTABLE_RATE_LIMIT_WAIT_MS (30000),
 * AUTOFACTURA_DATA_DIR (./data, for the checkpoint). The field mapping comes from a JSON file
 * (`--config`, else `<data dir>/airtable.json` when present):
 *   { "fields": { "amount": "Importe", "rfc": "RFC Cliente" }, "item": { "productKey": "...", "unitKey": "H87" } }
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AutofacturaError } from '../../../core/src/errors.js';
import { DEFAULT_FIELDS, type SaleFields } from './fields.js';
import { DEFAULT_ITEM, type ItemDefaults } from './sale.js';

export interface SyncConfig {
  token: string;
  endpointUrl?: string;
  autofacturaUrl: string;
  apiKey: string;
  dataDir: string;
  rateLimitWaitMs: number;
  fields: SaleFields;
  item: ItemDefaults;
}

const configError = (message: string, messageEn: string) =>
  new AutofacturaError({ code: 'AIRTABLE_CONFIG', message, messageEn });

export function loadSyncConfig(
  env: NodeJS.ProcessEnv,
  configFile: string | undefined,
  needs: { autofactura: boolean },
): SyncConfig {
  const dataDir = env.AUTOFACTURA_DATA_DIR || './data';
  const path = configFile ?? join(dataDir, 'airtable.json');
  let file: { fields?: Record<string, unknown>; item?: Record<string, unknown> } = {};
  if (configFile || existsSync(path)) {
    try {
      file = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw configError(
        `No se pudo leer la configuración ${path}: ${(error as Error).message}`,
        `Could not read the configuration ${path}: ${(error as Error).message}`,
      );
    }
  }
  const fields = { ...DEFAULT_FIELDS };
  for (const [key, name] of Object.entries(file.fields ?? {})) {
    if (!(key in DEFAULT_FIELDS) || typeof name !== 'string' || !name.trim()) {
      throw configError(
        `En ${path}, fields.${key} no es válido: las llaves son ${Object.keys(DEFAULT_FIELDS).join(', ')} y cada valor, el nombre de un campo.`,
        `In ${path}, fields.${key} is not valid: the keys are ${Object.keys(DEFAULT_FIELDS).join(', ')} and each value a field's name.`,
      );
    }
    fields[key as keyof SaleFields] = name.trim();
  }
  const item = {
    productKey: String(file.item?.productKey ?? DEFAULT_ITEM.productKey),
    unitKey: String(file.item?.unitKey ?? DEFAULT_ITEM.unitKey),
  };
  const token = env.AIRTABLE_TOKEN || env.AIRTABLE_API_KEY || '';
  const missing = [
    ...(token ? [] : ['AIRTABLE_TOKEN']),
    ...(needs.autofactura && !env.AUTOFACTURA_URL ? ['AUTOFACTURA_URL'] : []),
    ...(needs.autofactura && !env.AUTOFACTURA_API_KEY ? ['AUTOFACTURA_API_KEY'] : []),
  ];
  if (missing.length > 0) {
    throw configError(
      `Define ${missing.join(', ')} en el entorno (el token de Airtable necesita data.records:read, data.records:write y schema.bases:read).`,
      `Set ${missing.join(', ')} in the environment (the Airtable token needs data.records:read, data.records:write and schema.bases:read).`,
    );
  }
  const wait = Number(env.AIRTABLE_RATE_LIMIT_WAIT_MS ?? 30_000);
  return {
    token,
    ...(env.AIRTABLE_ENDPOINT_URL ? { endpointUrl: env.AIRTABLE_ENDPOINT_URL } : {}),
    autofacturaUrl: env.AUTOFACTURA_URL ?? '',
    apiKey: env.AUTOFACTURA_API_KEY ?? '',
    dataDir,
    rateLimitWaitMs: Number.isFinite(wait) && wait >= 0 ? wait : 30_000,
    fields,
    item,
  };
}
