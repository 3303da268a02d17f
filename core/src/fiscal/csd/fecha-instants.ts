/**
 * A CFDI Fecha ("2024-05-01T10:30:00") is the local time where the invoice is issued, without an offset.
 * Mainland Mexico spans UTC-5 (Quintana Roo) to UTC-8 (Baja California in winter), so without knowing the
 * zone a Fecha names any instant from local+5h to local+8h. Callers that know the zone of
 * LugarExpedicion pass its offset and get one instant.
 */
import { ValidationError } from '../../errors.js';

export interface FechaInstants {
  /** The earliest UTC instant the Fecha may name. */
  earliest: Date;
  /** The latest UTC instant the Fecha may name. */
  latest: Date;
}

const HOUR = 3_600_000;
const SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Two or four digits of `text` from `at` as a number. */
function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

/**
 * A "YYYY-MM-DDThh:mm:ss" that names a real date and time, read as if it were UTC (ms); NaN otherwise.
 * Years before 100 are refused, as Date.UTC would read them as 19xx.
 */
function plainFecha(fecha: string): number {
  if (!SHAPE.test(fecha)) return Number.NaN;
  const y = digits(fecha, 0, 4);
  const mo = digits(fecha, 5, 2);
  const d = digits(fecha, 8, 2);
  const h = digits(fecha, 11, 2);
  const mi = digits(fecha, 14, 2);
  const s = digits(fecha, 17, 2);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = mo === 2 && leap ? 29 : (DAYS[mo - 1] ?? 0);
  if (y < 100 || mo < 1 || d < 1 || d > days || h > 23 || mi > 59 || s > 59) return Number.NaN;
  return Date.UTC(y, mo - 1, d, h, mi, s);
}
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * @param fecha CFDI Fecha (no offset), an ISO date-time with offset, or a Date.
 * @param utcOffsetMinutes offset of the issuing place, e.g. -360 for UTC-6; only used for a Fecha without offset.
 */
export function fechaInstants(fecha: string | Date, utcOffsetMinutes?: number): FechaInstants {
  if (fecha instanceof Date) return { earliest: fecha, latest: fecha };
  if (WITH_OFFSET.test(fecha)) {
    const instant = new Date(fecha);
    return { earliest: instant, latest: instant };
  }
  const localAsUtc = fecha.length === 19 ? plainFecha(fecha) : Number.NaN;
  if (Number.isNaN(localAsUtc)) {
    throw new ValidationError({
      code: 'CFDI40101',
      message: `La Fecha "${fecha}" no es una fecha válida con formato AAAA-MM-DDThh:mm:ss (hora local, sin zona horaria).`,
      messageEn: `Fecha "${fecha}" is not a valid date in the YYYY-MM-DDThh:mm:ss format (local time, no time zone).`,
    });
  }
  if (utcOffsetMinutes !== undefined) {
    const instant = new Date(localAsUtc - utcOffsetMinutes * 60_000);
    return { earliest: instant, latest: instant };
  }
  return { earliest: new Date(localAsUtc + 5 * HOUR), latest: new Date(localAsUtc + 8 * HOUR) };
}
