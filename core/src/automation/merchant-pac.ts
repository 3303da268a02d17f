/**
 * The PAC of each merchant: the server's PAC (env PAC, the embedded sandbox by default) unless the
 * merchant chose Finkok or SW Sapien with their own account in the dashboard. Their credentials are
 * kept encrypted in `merchant.secrets['pac.<name>']` and decrypted here only; the client built from
 * them is reused while the stored secret stays the same.
 */
import { createFinkokPac, FINKOK_DEMO_URL, FINKOK_PRODUCTION_URL } from '../pac/finkok/index.js';
import { type Pac, PacError } from '../pac/port.js';
import { createSwPac, SW_PRODUCTION_URL, SW_TEST_URL } from '../pac/sw/index.js';
import type { Merchant } from '../store/types.js';
import type { Context } from './context.js';

export type OwnPac = 'finkok' | 'sw';

export interface PacCredentials {
  /** Finkok username or SW user. */
  user?: string;
  password?: string;
  /** SW's long-lived token. */
  token?: string;
  production?: boolean;
}

const clients = new WeakMap<Context, Map<string, Pac>>();

/**
 * Builds the client (checks the settings: PacError PAC_CONFIG_INVALID names what is missing). `urls`
 * overrides the public services' addresses (Context.ownPacUrls).
 */
export function ownPac(
  name: OwnPac,
  credentials: PacCredentials,
  urls: { finkok?: string; sw?: string } = {},
): Pac {
  if (name === 'finkok') {
    return createFinkokPac({
      username: credentials.user ?? '',
      password: credentials.password ?? '',
      baseUrl: urls.finkok ?? (credentials.production ? FINKOK_PRODUCTION_URL : FINKOK_DEMO_URL),
    });
  }
  const base = { baseUrl: urls.sw ?? (credentials.production ? SW_PRODUCTION_URL : SW_TEST_URL) };
  return createSwPac(
    credentials.token
      ? { ...base, token: credentials.token }
      : {
          ...base,
          ...(credentials.user ? { user: credentials.user } : {}),
          ...(credentials.password ? { password: credentials.password } : {}),
        },
  );
}

/**
 * Who stamps and cancels this merchant's document: test mode always goes to the sandbox (never to a
 * real PAC, whatever the merchant chose); live mode to the merchant's own account or the server's PAC.
 */
export function pacFor(ctx: Context, merchant: Merchant, mode: 'test' | 'live' = 'live'): Pac {
  if (mode === 'test') {
    if (ctx.testPac) return ctx.testPac;
    throw new PacError({
      pac: ctx.pac.name,
      code: 'TEST_MODE_UNAVAILABLE',
      retriable: false,
      message:
        'Este documento es de modo de prueba (llave af_test_), que se timbra solo con el sandbox, y este servidor no lo tiene. Usa una llave af_live_ o pide al operador que active el sandbox de pruebas.',
      messageEn:
        'This document is in test mode (af_test_ key), which is only stamped by the sandbox, and this server has none. Use an af_live_ key or ask the operator to enable the test sandbox.',
    });
  }
  const choice = merchant.settings.pac;
  if (choice !== 'finkok' && choice !== 'sw') return ctx.pac;
  const secret = merchant.secrets[`pac.${choice}`];
  if (!secret) {
    throw new PacError({
      pac: choice,
      code: 'PAC_CONFIG_MISSING',
      retriable: false,
      message: `Elegiste ${choice === 'sw' ? 'SW Sapien' : 'Finkok'} como PAC pero faltan tus credenciales: agrégalas en el panel, Configuración › PAC.`,
      messageEn: `You chose ${choice === 'sw' ? 'SW Sapien' : 'Finkok'} as PAC but its credentials are missing: add them in the dashboard, Settings › PAC.`,
    });
  }
  let cache = clients.get(ctx);
  if (!cache) {
    cache = new Map();
    clients.set(ctx, cache);
  }
  const key = `${merchant.id}|${choice}|${secret}`;
  let pac = cache.get(key);
  if (!pac) {
    pac = ownPac(choice, JSON.parse(ctx.secrets.decryptString(secret)) as PacCredentials, ctx.ownPacUrls);
    cache.set(key, pac);
  }
  return pac;
}
