/**
 * Which PAC to use, from the environment (DESIGN.md, Configuration):
 *
 * - `PAC` unset or `sandbox`: the embedded sandbox, in `<dataDir>/pac-sandbox/`.
 * - `PAC=finkok`: FINKOK_USERNAME and FINKOK_PASSWORD; FINKOK_URL (default Finkok's demo).
 * - `PAC=sw`: SW_TOKEN, or SW_USER and SW_PASSWORD; SW_URL (default SW's test services).
 * - `PAC_TIMEOUT_MS`: deadline of each call to a real PAC (default 30000).
 *
 * A missing or invalid setting fails at once with a PacError that names the variable to set; values are
 * never repeated in the message.
 */
import type { ErrorDetail } from '../errors.js';
import { createFinkokPac } from './finkok/index.js';
import { type Pac, PacError } from './port.js';
import { createSandboxPac } from './sandbox/index.js';
import { createSwPac } from './sw/index.js';

export const PAC_NAMES = ['sandbox', 'finkok', 'sw'] as const;

export interface PacFromEnvOptions {
  /** autofactura's data directory (the sandbox keeps its state there). */
  dataDir: string;
  now?: () => Date;
}

export function pacFromEnv(env: NodeJS.ProcessEnv, options: PacFromEnvOptions): Pac {
  const name = (env.PAC ?? '').trim().toLowerCase() || 'sandbox';
  switch (name) {
    case 'sandbox':
      return createSandboxPac({ dataDir: options.dataDir, now: options.now });
    case 'finkok': {
      const missing = absent(env, ['FINKOK_USERNAME', 'FINKOK_PASSWORD']);
      if (missing.length > 0) throw missingSettings('finkok', 'Finkok', missing);
      return createFinkokPac({
        username: value(env, 'FINKOK_USERNAME'),
        password: value(env, 'FINKOK_PASSWORD'),
        ...optionalUrl(env, 'finkok', 'FINKOK_URL'),
        ...optionalTimeout(env, 'finkok'),
      });
    }
    case 'sw': {
      const token = value(env, 'SW_TOKEN');
      const missing = token === '' ? absent(env, ['SW_USER', 'SW_PASSWORD']) : [];
      if (missing.length > 0) throw missingSettings('sw', 'SW Sapien', missing, 'SW_TOKEN');
      const credentials =
        token === '' ? { user: value(env, 'SW_USER'), password: value(env, 'SW_PASSWORD') } : { token };
      return createSwPac(
        { ...credentials, ...optionalUrl(env, 'sw', 'SW_URL'), ...optionalTimeout(env, 'sw') },
        { now: options.now },
      );
    }
    default:
      throw new PacError({
        pac: name,
        code: 'PAC_UNKNOWN',
        retriable: false,
        message: `PAC="${env.PAC}" no es un PAC conocido. Valores válidos: ${PAC_NAMES.join(', ')} (sin PAC se usa sandbox).`,
        messageEn: `PAC="${env.PAC}" is not a known PAC. Valid values: ${PAC_NAMES.join(', ')} (without PAC, sandbox is used).`,
      });
  }
}

function value(env: NodeJS.ProcessEnv, name: string): string {
  return env[name]?.trim() ?? '';
}

function absent(env: NodeJS.ProcessEnv, names: string[]): string[] {
  return names.filter((name) => value(env, name) === '');
}

function missingSettings(pac: string, label: string, names: string[], alternative?: string): PacError {
  const list = names.join(', ');
  const or = alternative ? { es: ` (o ${alternative})`, en: ` (or ${alternative})` } : { es: '', en: '' };
  const details: ErrorDetail[] = names.map((name) => ({
    code: 'PAC_CONFIG_MISSING',
    message: `Falta la variable de entorno ${name}.`,
    messageEn: `The environment variable ${name} is missing.`,
    path: name,
  }));
  return new PacError({
    pac,
    code: 'PAC_CONFIG_MISSING',
    retriable: false,
    message: `PAC=${pac} necesita ${list}${or.es}. Defina esas variables de entorno con los datos de su cuenta de ${label}.`,
    messageEn: `PAC=${pac} needs ${list}${or.en}. Set those environment variables to your ${label} account's details.`,
    details,
  });
}

function invalidSetting(pac: string, name: string, es: string, en: string): PacError {
  return new PacError({
    pac,
    code: 'PAC_CONFIG_INVALID',
    retriable: false,
    message: `La variable de entorno ${name} no es válida: ${es}.`,
    messageEn: `The environment variable ${name} is not valid: ${en}.`,
    details: [{ code: 'PAC_CONFIG_INVALID', message: es, messageEn: en, path: name }],
  });
}

function optionalUrl(env: NodeJS.ProcessEnv, pac: string, name: string): { baseUrl?: string } {
  const url = value(env, name);
  if (url === '') return {};
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw invalidSetting(
      pac,
      name,
      'debe ser una URL http(s), p. ej. https://…',
      'it must be an http(s) URL, e.g. https://…',
    );
  }
  return { baseUrl: url };
}

function optionalTimeout(env: NodeJS.ProcessEnv, pac: string): { timeoutMs?: number } {
  const raw = value(env, 'PAC_TIMEOUT_MS');
  if (raw === '') return {};
  const ms = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(ms >= 50 && ms <= 600_000)) {
    throw invalidSetting(
      pac,
      'PAC_TIMEOUT_MS',
      'debe ser un número entero de milisegundos entre 50 y 600000',
      'it must be a whole number of milliseconds between 50 and 600000',
    );
  }
  return { timeoutMs: ms };
}
