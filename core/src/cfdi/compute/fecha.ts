/**
 * CFDI Fecha: the local time of the place of issue (LugarExpedicion), never UTC (SAT; DESIGN invariant 5).
 * A request date without offset already is that local time; an instant (Z or offset) and "now" are
 * converted to the postal code's IANA time zone from c_CodigoPostal.
 */
import type { Catalogs } from '../../catalogs/types.js';
import { ValidationError } from '../../errors.js';

const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const HOUR = 3_600_000;
/** UTC offset (ms) of a zone during one UTC hour; zones change offset only on whole hours. */
const offsets = new Map<string, number>();

function offsetAt(instant: Date, timeZone: string): number {
  const hour = Math.floor(instant.getTime() / HOUR);
  const key = `${timeZone}|${hour}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const probe = new Date(hour * HOUR);
    const parts: Record<string, string> = {};
    for (const part of formatterFor(timeZone).formatToParts(probe)) parts[part.type] = part.value;
    const local = Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour),
      Number(parts.minute),
      Number(parts.second),
    );
    offset = local - probe.getTime();
    if (offsets.size > 10_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** The last answer per zone: invoices issued in the same second and zone share their Fecha. */
const lastByZone = new Map<string, { second: number; text: string }>();

/** `instant` as "YYYY-MM-DDThh:mm:ss" in `timeZone` (Intl is asked once per zone and UTC hour). */
export function localDateTime(instant: Date, timeZone: string): string {
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  const last = lastByZone.get(timeZone);
  if (last !== undefined && last.second === whole) return last.text;
  const text = new Date(whole + offsetAt(instant, timeZone)).toISOString().slice(0, 19);
  if (last !== undefined) {
    last.second = whole;
    last.text = text;
  } else {
    if (lastByZone.size >= 1024) lastByZone.clear();
    lastByZone.set(timeZone, { second: whole, text });
  }
  return text;
}

/** The Fecha for a request `date` (local, instant or absent = `now`, default the system clock) issued at postal code `zip`. */
export function cfdiFecha(
  date: string | undefined,
  zip: string,
  catalogs: Catalogs,
  now?: Date | (() => Date),
): string {
  if (date !== undefined && LOCAL.test(date)) return date;
  const timeZone = catalogs.codigoPostal.get(zip)?.timeZone;
  if (!timeZone) {
    const message = `El código postal ${zip} de issuer.zip no está en el catálogo c_CodigoPostal; sin él no se conoce la zona horaria de la fecha. Corrige el código postal de expedición.`;
    const messageEn = `Postal code ${zip} in issuer.zip is not in SAT's c_CodigoPostal catalog, so the time zone of the date is unknown. Fix the place-of-issue postal code.`;
    throw new ValidationError({
      code: 'REQUEST_UNKNOWN_ZIP',
      message,
      messageEn,
      details: [{ code: 'REQUEST_UNKNOWN_ZIP', message, messageEn, path: 'issuer.zip' }],
    });
  }
  const instant =
    date !== undefined
      ? new Date(date)
      : now === undefined
        ? new Date()
        : typeof now === 'function'
          ? now()
          : now;
  return localDateTime(instant, timeZone);
}
