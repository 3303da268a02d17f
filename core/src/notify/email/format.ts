/**
 * Amounts and dates as a Mexican customer reads them in an email. Amounts come as decimal strings and
 * stay decimals (Dec): "1160" in MXN -> "$1,160.00 MXN", rounded half up to the decimals c_Moneda gives
 * the currency. CFDI dates ("2025-01-24T10:10:41") are already local time and are shown as written.
 */
import { getCatalogs } from '../../catalogs/index.js';
import { roundTo } from '../../money/decimal.js';
import { readDecimal } from '../../money/parse-decimal.js';
import { invalidContent } from '../errors.js';

export type MailLang = 'es' | 'en';

const SYMBOLS: Record<string, string> = { MXN: '$', USD: '$', CAD: '$', EUR: '€', GBP: '£', JPY: '¥' };

/** "$1,160.00 MXN". `path` names the field in errors. */
export function formatMoney(amount: string, currency: string, path = 'total'): string {
  const read = readDecimal(amount);
  if (!read.ok || read.value.isNegative()) {
    throw invalidContent(
      path,
      `El importe ${path} "${String(amount)}" no es un número decimal no negativo como "1160.00".`,
      `The amount ${path} "${String(amount)}" is not a non-negative decimal number such as "1160.00".`,
    );
  }
  const moneda = getCatalogs().moneda.get(currency);
  if (!moneda) {
    throw invalidContent(
      'currency',
      `La moneda "${currency}" no está en el catálogo c_Moneda del SAT (p. ej. MXN, USD, EUR).`,
      `Currency "${currency}" is not in SAT's c_Moneda catalog (e.g. MXN, USD, EUR).`,
    );
  }
  const [integer, fraction] = roundTo(read.value, moneda.decimals).toFixed(moneda.decimals).split('.');
  const grouped = (integer as string).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const digits = fraction === undefined ? grouped : `${grouped}.${fraction}`;
  return `${SYMBOLS[currency] ?? ''}${digits} ${currency}`;
}

const CFDI_FECHA = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

/** A CFDI Fecha as "24 de enero de 2025, 10:10" / "January 24, 2025, 10:10". */
export function formatCfdiDate(fecha: string, lang: MailLang, path = 'issuedAt'): string {
  const match = CFDI_FECHA.exec(fecha);
  const date = match ? new Date(`${fecha}Z`) : undefined;
  if (!match || !date || Number.isNaN(date.getTime())) {
    throw invalidContent(
      path,
      `La fecha ${path} "${fecha}" no tiene la forma AAAA-MM-DDThh:mm:ss de un CFDI.`,
      `The date ${path} "${fecha}" is not of a CFDI's form YYYY-MM-DDThh:mm:ss.`,
    );
  }
  return formatter(lang, 'UTC').format(date);
}

/** An instant in `timeZone` (default Mexico City), with the zone's offset: "30 de noviembre de 2026, 23:59 (UTC-6)". */
export function formatInstant(
  instant: Date | string,
  lang: MailLang,
  timeZone = 'America/Mexico_City',
  path = 'expiresAt',
): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (
    Number.isNaN(date.getTime()) ||
    (typeof instant === 'string' && !/(Z|[+-]\d{2}:\d{2})$/.test(instant))
  ) {
    throw invalidContent(
      path,
      `La fecha ${path} "${String(instant)}" no es un instante ISO 8601 con zona, p. ej. 2026-11-30T23:59:59-06:00.`,
      `The date ${path} "${String(instant)}" is not an ISO 8601 instant with an offset, e.g. 2026-11-30T23:59:59-06:00.`,
    );
  }
  const offset = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortOffset' })
    .formatToParts(date)
    .find((part) => part.type === 'timeZoneName')?.value;
  return `${formatter(lang, timeZone).format(date)} (${(offset ?? 'GMT').replace('GMT', 'UTC')})`;
}

const formatterCache = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: MailLang, timeZone: string): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone}`;
  let found = formatterCache.get(key);
  if (!found) {
    found = makeFormatter(lang, timeZone);
    formatterCache.set(key, found);
  }
  return found;
}

function makeFormatter(lang: MailLang, timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(lang === 'es' ? 'es-MX' : 'en-US', {
    timeZone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}
