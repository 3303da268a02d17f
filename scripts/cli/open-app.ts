/**
 * What the `merchant` and `jobs` commands run on: the store from the environment (DATABASE_URL or the
 * lowdb data folder), the master key's SecretBox, the PAC (PAC, sandbox by default), the mailer
 * (SMTP_URL or the outbox) and the facade over them.
 */
import { resolve } from 'node:path';
import { createAutofactura } from '../../core/src/automation/index.js';
import type { Autofactura } from '../../core/src/automation/types.js';
import { mailerFromEnv } from '../../core/src/notify/mailer.js';
import { pacFromEnv } from '../../core/src/pac/from-env.js';
import { openStore } from '../../core/src/store/open.js';
import { createSecretBox, loadMasterKey } from '../../core/src/store/secrets.js';
import type { Store } from '../../core/src/store/types.js';

/**
 * Where the server answers, as printed webhook URLs need it: PUBLIC_URL, else this machine's PORT (3000),
 * without a trailing slash; `path` is appended (e.g. `/webhooks/conekta/<merchant id>`).
 */
export function publicUrl(env: NodeJS.ProcessEnv, path = ''): string {
  return `${(env.PUBLIC_URL || `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, '')}${path}`;
}

export interface App {
  af: Autofactura;
  store: Store;
  close(): Promise<void>;
}

export async function openApp(env: NodeJS.ProcessEnv = process.env): Promise<App> {
  const dataDir = resolve(env.AUTOFACTURA_DATA_DIR || './data');
  const store = await openStore({ env, dataDir });
  try {
    const secrets = createSecretBox(await loadMasterKey({ env, dataDir }));
    const mailer = mailerFromEnv(env, { dataDir });
    const af = createAutofactura({
      store,
      pac: pacFromEnv(env, { dataDir }),
      mailer,
      secrets,
      ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL } : {}),
    });
    return {
      af,
      store,
      async close() {
        await mailer.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
