/**
 * SMTP_URL: `smtp://user:password@host:587` (STARTTLS when the server offers it) or
 * `smtps://user:password@host:465` (TLS from the first byte). User and password are URL-encoded
 * ("p%40ss" for "p@ss"). Query options: `requireTLS=true` (refuse to send unless STARTTLS succeeds),
 * `maxConnections=N` (pool size, 1-20). Errors never repeat the URL: it holds the password.
 */
import { invalidConfig } from './errors.js';

export interface SmtpSettings {
  host: string;
  port: number;
  /** smtps: TLS from the start. */
  secure: boolean;
  requireTLS: boolean;
  maxConnections: number;
  auth?: { user: string; pass: string };
}

const SETTING = 'SMTP_URL';

export function parseSmtpUrl(text: string): SmtpSettings {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw invalidConfig(
      SETTING,
      'no es una URL válida; usa smtp://usuario:contraseña@servidor:587 o smtps://usuario:contraseña@servidor:465 (codifica los caracteres especiales de la contraseña, p. ej. @ como %40).',
      'is not a valid URL; use smtp://user:password@host:587 or smtps://user:password@host:465 (URL-encode special characters of the password, e.g. @ as %40).',
    );
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw invalidConfig(
      SETTING,
      `el esquema "${url.protocol}" no se admite; usa smtp:// o smtps://.`,
      `the scheme "${url.protocol}" is not supported; use smtp:// or smtps://.`,
    );
  }
  if (url.hostname === '') {
    throw invalidConfig(SETTING, 'falta el nombre del servidor.', 'the host name is missing.');
  }
  const secure = url.protocol === 'smtps:';
  const settings: SmtpSettings = {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? (secure ? 465 : 587) : Number(url.port),
    secure,
    requireTLS: false,
    maxConnections: 3,
  };
  for (const [key, value] of url.searchParams) {
    if (key === 'requireTLS' && (value === 'true' || value === 'false')) {
      settings.requireTLS = value === 'true';
    } else if (key === 'maxConnections' && /^\d+$/.test(value) && +value >= 1 && +value <= 20) {
      settings.maxConnections = Number(value);
    } else {
      throw invalidConfig(
        SETTING,
        `la opción "${key}" no se reconoce o su valor no es válido; se admiten requireTLS=true|false y maxConnections=1..20.`,
        `option "${key}" is unknown or has an invalid value; supported: requireTLS=true|false and maxConnections=1..20.`,
      );
    }
  }
  if (url.username !== '' || url.password !== '') {
    try {
      settings.auth = { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) };
    } catch {
      throw invalidConfig(
        SETTING,
        'el usuario o la contraseña tienen una secuencia %XX inválida; codifica cada carácter especial (p. ej. % como %25).',
        'the user or password holds an invalid %XX sequence; URL-encode each special character (e.g. % as %25).',
      );
    }
  }
  return settings;
}

/** "host:port" for messages: never the credentials. */
export function smtpEndpoint(settings: SmtpSettings): string {
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  return `${settings.secure ? 'smtps' : 'smtp'}://${host}:${settings.port}`;
}

/**
 * Every form in which SMTP credentials could show up in text coming back from a server or a library:
 * the user and password as given, URL-encoded, in base64, and the AUTH PLAIN / LOGIN tokens.
 */
export function credentialForms(auth: SmtpSettings['auth']): string[] {
  if (!auth) return [];
  const forms = new Set<string>();
  for (const secret of [auth.user, auth.pass]) {
    if (secret === '') continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(Buffer.from(secret).toString('base64'));
  }
  forms.add(Buffer.from(`\0${auth.user}\0${auth.pass}`).toString('base64'));
  // Longest first, so a secret that contains another is removed whole.
  return [...forms].sort((a, b) => b.length - a.length);
}

/** `text` with every credential form replaced by "***". */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('***');
  return out;
}
