/**
 * Creating or updating a generic connection (the CLI's `connect generic` and the dashboard): the mapping
 * is checked before anything is stored, the secret is the sender's Standard Webhooks `whsec_` secret (one
 * is generated when none is given, shown once), both stored through the facade (the secret encrypted).
 */
import { Webhook } from 'standardwebhooks';
import type { Autofactura } from '../../../core/src/automation/types.js';
import { AutofacturaError } from '../../../core/src/errors.js';
import { newWebhookSecret } from '../../../core/src/notify/webhook-signature.js';
import { connectionNames, parseMapping } from './config.js';

export interface ConnectGenericInput {
  /** [a-z0-9_-]{1,40}; default the mapping's `source`. */
  id?: string;
  mappingText: string;
  secret?: string;
}

function invalid(code: string, message: string, messageEn: string): AutofacturaError {
  return new AutofacturaError({ code, status: 422, message, messageEn });
}

export async function connectGeneric(
  af: Autofactura,
  merchantId: string,
  input: ConnectGenericInput,
): Promise<{ connectionId: string; secret: string; generated: boolean }> {
  let mapping: ReturnType<typeof parseMapping>;
  try {
    mapping = parseMapping(input.mappingText);
  } catch (error) {
    const lines = String((error as Error).message).split('\n');
    const es = lines.map((l) => l.split(' / ')[0]).join('; ');
    const en = lines.map((l) => (l.includes(' / ') ? l.split(' / ').slice(-1)[0] : l)).join('; ');
    throw invalid(
      'GENERIC_MAPPING_INVALID',
      `El mapeo tiene errores: ${es}`,
      `The mapping has errors: ${en}`,
    );
  }
  const connectionId = input.id ?? mapping.source;
  if (!/^[a-z0-9_-]{1,40}$/.test(connectionId)) {
    throw invalid(
      'GENERIC_CONNECTION_ID_INVALID',
      `"${connectionId}" no sirve como identificador de conexión: usa minúsculas, dígitos, - o _ (hasta 40).`,
      `"${connectionId}" cannot be a connection id: use lower case, digits, - or _ (up to 40).`,
    );
  }
  const generated = !input.secret;
  const secret = input.secret ?? newWebhookSecret();
  try {
    new Webhook(secret);
    if (!secret.startsWith('whsec_') || Buffer.from(secret.slice(6), 'base64').length < 16)
      throw new Error('short');
  } catch {
    throw invalid(
      'GENERIC_SECRET_INVALID',
      'El secreto debe ser de Standard Webhooks: "whsec_" seguido de al menos 16 bytes en base64. Omítelo y autofactura genera uno.',
      'The secret must be a Standard Webhooks one: "whsec_" followed by at least 16 bytes in base64. Leave it out and autofactura generates one.',
    );
  }
  const names = connectionNames(connectionId);
  await af.setMerchantSecret(merchantId, names.secret, secret);
  await af.setMerchantConnection(merchantId, names.mapping, JSON.stringify(JSON.parse(input.mappingText)));
  return { connectionId, secret, generated };
}
