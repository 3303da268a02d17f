/**
 * Email addresses as autofactura accepts them: each field holds exactly one mailbox, bare or with a
 * display name ("Juan Pérez <juan@example.mx>"). Lists, groups and control characters are refused here,
 * before nodemailer sees them: nodemailer folds CR/LF in a subject or display name into spaces, but it
 * parses "a@x.mx\r\nBcc: b@y.mx" as a group that delivers to b@y.mx, so an address with a line break
 * must never reach it.
 */
import addressparser from 'nodemailer/lib/addressparser';
import { invalidAddress } from './errors.js';

export interface Mailbox {
  /** Display name, may be empty. */
  name: string;
  address: string;
}

export interface AddressRules {
  /** Require a dot in the domain (true for recipients: "juan@gmail" is a typo; false for MAIL_FROM). */
  requireDot?: boolean;
}

const LOCAL_ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LOCAL = new RegExp(`^${LOCAL_ATOM}(\\.${LOCAL_ATOM})*$`);
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rejects
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/;

/** The one mailbox in `input`, or MAIL_INVALID_ADDRESS naming `path` and what is wrong. */
export function parseMailbox(input: unknown, path: string, rules: AddressRules = {}): Mailbox {
  if (typeof input !== 'string' || input.trim() === '') {
    throw invalidAddress(path, {
      es: 'está vacía; escribe una dirección como cliente@example.mx',
      en: 'it is empty; write an address such as customer@example.mx',
    });
  }
  if (CONTROL.test(input)) {
    throw invalidAddress(path, {
      es: 'contiene saltos de línea u otros caracteres de control; escribe una sola dirección',
      en: 'it contains line breaks or other control characters; write a single address',
    });
  }
  const parsed = addressparser(input);
  if (parsed.length !== 1) {
    throw invalidAddress(path, {
      es: 'contiene varias direcciones; escribe una por campo',
      en: 'it holds several addresses; write one per field',
    });
  }
  const [entry] = parsed as [(typeof parsed)[number]];
  // Only "address" or "Name <address>": addressparser reads "juan perez@x.mx" as perez@x.mx named
  // "juan", and an invoice must not go to a stranger because of a typo.
  const trimmed = input.trim();
  const literal = /<([^<>]*)>$/.exec(trimmed)?.[1]?.trim() ?? trimmed;
  if (entry.group !== undefined || !entry.address || entry.address !== literal) {
    throw invalidAddress(path, {
      es: `"${input.trim()}" no tiene la forma usuario@dominio`,
      en: `"${input.trim()}" is not of the form user@domain`,
    });
  }
  checkAddress(entry.address, path, rules.requireDot ?? true);
  return { name: entry.name, address: entry.address };
}

/** One or several recipients (string or array); at least one. */
export function parseRecipients(input: unknown, path: string): Mailbox[] {
  const list = Array.isArray(input) ? input : [input];
  if (list.length === 0) {
    throw invalidAddress(path, {
      es: 'no hay destinatarios; indica al menos una dirección',
      en: 'there are no recipients; give at least one address',
    });
  }
  return list.map((item, i) => parseMailbox(item, Array.isArray(input) ? `${path}[${i}]` : path));
}

function checkAddress(address: string, path: string, requireDot: boolean): void {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const labels = domain.split('.');
  const ok =
    at > 0 &&
    address.length <= 254 &&
    local.length <= 64 &&
    LOCAL.test(local) &&
    labels.every((label) => LABEL.test(label)) &&
    (!requireDot || labels.length > 1);
  if (!ok) {
    throw invalidAddress(path, {
      es: `"${address}" no tiene la forma usuario@dominio.com${requireDot ? ' (revisa que el dominio esté completo, p. ej. gmail.com)' : ''}`,
      en: `"${address}" is not of the form user@domain.com${requireDot ? ' (check that the domain is complete, e.g. gmail.com)' : ''}`,
    });
  }
}

/** The recipients as given, as a list, after checking each one (parseRecipients). */
export function recipients(input: string | string[], path: string): string[] {
  parseRecipients(input, path);
  return Array.isArray(input) ? [...input] : [input];
}
